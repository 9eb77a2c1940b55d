// Package inventory keeps stock levels and the order book in Postgres.
package inventory

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"time"
)

const maxAttempts = 4

// ErrOutOfStock means an order asks for more than is on the shelf.
var ErrOutOfStock = errors.New("inventory: out of stock")

var errConflict = errors.New("inventory: stock row changed concurrently")

// Order is a customer order. The ID is chosen by the client.
type Order struct {
	ID, Email, SKU string
	Qty            int
	Amount         int64
}

// Store is the service's database.
type Store struct{ db *sql.DB }

// New wraps an open database handle.
func New(db *sql.DB) *Store { return &Store{db: db} }

// RecordOrder stores a new order; submitting the same order twice is a no-op.
func (s *Store) RecordOrder(ctx context.Context, o Order) error {
	var err error
	// OK: ON CONFLICT turns a replayed insert into a no-op, so a retry after
	// an ambiguous failure cannot book the order twice; only transient errors
	// are retried, with a jittered wait that ends when ctx does.
	for attempt := range maxAttempts {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(backoff(attempt)):
			}
		}
		if err = ctx.Err(); err != nil {
			return err
		}
		_, err = s.db.ExecContext(ctx, `INSERT INTO orders (id, email, sku, qty, amount, status) VALUES ($1, $2, $3, $4, $5, 'new') ON CONFLICT (id) DO NOTHING`,
			o.ID, o.Email, o.SKU, o.Qty, o.Amount)
		if err == nil || !Transient(err) {
			return err
		}
	}
	return fmt.Errorf("inventory: record order %s: %w", o.ID, err)
}

// Pending returns up to limit orders not yet processed.
func (s *Store) Pending(ctx context.Context, limit int) ([]Order, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, email, sku, qty, amount FROM orders WHERE status = 'new' ORDER BY id LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var orders []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.Email, &o.SKU, &o.Qty, &o.Amount); err != nil {
			return nil, err
		}
		orders = append(orders, o)
	}
	return orders, rows.Err()
}

// Reserve takes qty units of sku off the shelf, trying again when another
// writer updates the same stock row first.
func (s *Store) Reserve(ctx context.Context, sku string, qty int) error {
	var err error
	for attempt := range maxAttempts {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(backoff(attempt)):
			}
		}
		attemptCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
		// BUG(A3 loopctx): a deferred cancel runs only when Reserve returns, so each attempt's context and timer live until then.
		defer cancel()
		if err = s.reserveOnce(attemptCtx, sku, qty); !errors.Is(err, errConflict) {
			return err
		}
	}
	return fmt.Errorf("inventory: reserve %s: %w", sku, err)
}

// reserveOnce is an optimistic read-modify-write guarded by the row version.
func (s *Store) reserveOnce(ctx context.Context, sku string, qty int) error {
	var available, version int
	err := s.db.QueryRowContext(ctx, `SELECT available, version FROM stock WHERE sku = $1`, sku).Scan(&available, &version)
	if err != nil {
		return err
	}
	if available < qty {
		return ErrOutOfStock
	}
	res, err := s.db.ExecContext(ctx, `UPDATE stock SET available = $1, version = version + 1 WHERE sku = $2 AND version = $3`, available-qty, sku, version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errConflict // nothing was written, so trying again is safe
	}
	return nil
}

// LogMovement appends a line to the stock ledger.
func (s *Store) LogMovement(ctx context.Context, sku string, delta int, reason string) error {
	var err error
	for attempt := range maxAttempts {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(backoff(attempt)):
			}
		}
		// BUG(A5 idempotency): a plain INSERT; when an attempt commits but its reply is lost, the retry books the movement twice.
		_, err = s.db.ExecContext(ctx, `INSERT INTO stock_movements (sku, delta, reason) VALUES ($1, $2, $3)`, sku, delta, reason)
		if err == nil || !Transient(err) {
			return err
		}
	}
	return fmt.Errorf("inventory: log movement of %s: %w", sku, err)
}

// MarkPaid records the payment for an order.
func (s *Store) MarkPaid(ctx context.Context, orderID, paymentID string) error {
	var err error
	// OK: the UPDATE writes absolute values, so applying it twice is harmless;
	// transient errors only, jittered wait, ctx checked before each attempt.
	for attempt := range maxAttempts {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(backoff(attempt)):
			}
		}
		if err = ctx.Err(); err != nil {
			return err
		}
		_, err = s.db.ExecContext(ctx, `UPDATE orders SET status = 'paid', payment_id = $2 WHERE id = $1`, orderID, paymentID)
		if err == nil || !Transient(err) {
			return err
		}
	}
	return fmt.Errorf("inventory: mark %s paid: %w", orderID, err)
}

// MarkFailed takes an order out of the queue, saying why.
func (s *Store) MarkFailed(ctx context.Context, orderID, reason string) error {
	delay := 200 * time.Millisecond
	var err error
	for attempt := range maxAttempts {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			// BUG(A2 backoff): the delay doubles but has no jitter, so all the orders failed by one outage retry in lockstep.
			case <-time.After(delay):
			}
			delay *= 2
		}
		_, err = s.db.ExecContext(ctx, `UPDATE orders SET status = 'failed', reason = $2 WHERE id = $1`, orderID, reason)
		if err == nil || !Transient(err) {
			return err
		}
	}
	return fmt.Errorf("inventory: mark %s failed: %w", orderID, err)
}

// Transient reports whether a database error is worth another attempt: a
// broken connection, or a Postgres serialization failure, deadlock or
// "starting up" (drivers such as pgx expose the SQLSTATE).
func Transient(err error) bool {
	var pgErr interface{ SQLState() string }
	if errors.As(err, &pgErr) {
		code := pgErr.SQLState()
		return code == "40001" || code == "40P01" || code == "57P03"
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) || errors.Is(err, driver.ErrBadConn)
}

// backoff is the wait before retry number attempt: 50ms doubling per
// attempt, capped at 2s, upper half random.
func backoff(attempt int) time.Duration {
	d := min(50*time.Millisecond<<attempt, 2*time.Second)
	return d/2 + rand.N(d/2)
}
