// Command orders runs the order service: an HTTP intake for new orders and
// the worker that fulfils them. To stay dependency-free the example links no
// SQL driver; a real build blank-imports one under the name in DB_DRIVER.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/orders/inventory"
	"example.com/orders/notify"
	"example.com/orders/payments"
	"example.com/orders/worker"
)

const schema = `
CREATE TABLE IF NOT EXISTS orders (id text PRIMARY KEY, email text, sku text, qty int, amount bigint, status text, payment_id text, reason text);
CREATE TABLE IF NOT EXISTS stock (sku text PRIMARY KEY, available int NOT NULL, version int NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS stock_movements (id bigserial PRIMARY KEY, sku text, delta int, reason text);`

func main() {
	run := run
	if len(os.Args) > 1 && os.Args[1] == "migrate" {
		run = migrateOnly // orders migrate: the one-shot job a deploy runs first
	}
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	db, err := openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := migrate(ctx, db); err != nil {
		return err
	}

	store := inventory.New(db)
	hc := &http.Client{Timeout: 10 * time.Second}
	w := &worker.Worker{
		Store:    store,
		Payments: payments.New(env("PAYMENTS_URL", "https://payments.internal"), hc),
		Notify:   notify.New(hc, env("WEBHOOK_URL", "https://hooks.internal/orders"), env("SMTP_ADDR", "localhost:25"), "orders@example.com"),
		Interval: 2 * time.Second,
		Batch:    50,
		Log:      slog.Default(),
	}
	go w.Run(ctx)

	mux := http.NewServeMux()
	mux.HandleFunc("POST /orders", func(rw http.ResponseWriter, r *http.Request) {
		var o inventory.Order
		if err := json.NewDecoder(r.Body).Decode(&o); err != nil || o.ID == "" || o.Qty <= 0 {
			http.Error(rw, "malformed order", http.StatusBadRequest)
		} else if err := store.RecordOrder(r.Context(), o); err != nil {
			http.Error(rw, "try again later", http.StatusServiceUnavailable)
		} else {
			rw.WriteHeader(http.StatusAccepted)
		}
	})
	srv := &http.Server{Addr: env("ADDR", ":8080"), Handler: mux}
	context.AfterFunc(ctx, func() { srv.Shutdown(context.Background()) })
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// waitForDB blocks until the database answers, so the service may start
// before Postgres does.
func waitForDB(db *sql.DB) error {
	for attempt := 0; ; attempt++ {
		err := db.Ping()
		if err == nil {
			return nil
		}
		if !inventory.Transient(err) {
			return err
		}
		log.Printf("database not ready (attempt %d): %v", attempt+1, err)
		// BUG(A7 unbounded): no attempt limit, deadline or context ends this loop, so a database that never comes up hangs the migrate job forever.
		time.Sleep(backoff(attempt))
	}
}

// migrate creates the tables. Replicas starting together can hit
// serialization failures against each other, which are retried.
func migrate(ctx context.Context, db *sql.DB) error {
	var err error
	for attempt := range 6 {
		if _, err = db.ExecContext(ctx, schema); err == nil || !inventory.Transient(err) {
			return err
		}
		log.Printf("migration attempt %d: %v", attempt+1, err)
		// BUG(A4 ctxerr): the loop never consults ctx and time.Sleep cannot be interrupted, so a shutdown signal waits out the backoff.
		time.Sleep(backoff(attempt))
	}
	return fmt.Errorf("migrating schema: %w", err)
}

// backoff is the wait after failed attempt number attempt: 500ms doubling
// per attempt, capped at 30s, upper half random.
func backoff(attempt int) time.Duration {
	d := min(500*time.Millisecond<<min(attempt, 10), 30*time.Second)
	return d/2 + rand.N(d/2)
}

// migrateOnly waits for the database, creates the tables and exits: the
// job a deploy runs before it starts the new replicas.
func migrateOnly() error {
	db, err := openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return migrate(ctx, db)
}

// openDB opens the database and waits until it answers.
func openDB() (*sql.DB, error) {
	db, err := sql.Open(env("DB_DRIVER", "pgx"), env("DATABASE_URL", "postgres://localhost/orders"))
	if err != nil {
		return nil, err
	}
	if err := waitForDB(db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func env(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
