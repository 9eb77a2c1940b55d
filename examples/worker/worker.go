// Package worker takes new orders through stock, payment and notification.
package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"example.com/orders/inventory"
	"example.com/orders/notify"
	"example.com/orders/payments"
)

// Worker processes pending orders in batches.
type Worker struct {
	Store    *inventory.Store
	Payments *payments.Client
	Notify   *notify.Notifier
	Interval time.Duration
	Batch    int
	Log      *slog.Logger
}

// Run processes pending orders every Interval until ctx ends.
func (w *Worker) Run(ctx context.Context) error {
	ticker := time.NewTicker(w.Interval)
	defer ticker.Stop()
	// OK: a poll, not a retry: after a successful fetch it waits for the next
	// tick just as it does after a failed one.
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
		}
		orders, err := w.Store.Pending(ctx, w.Batch)
		if err != nil {
			w.Log.Warn("fetching pending orders", "err", err)
			continue
		}
		// OK: a loop over data: each order is tried once per tick; one that
		// fails stays pending for a later poll.
		for _, o := range orders {
			if err := w.process(ctx, o); err != nil {
				w.Log.Error("processing order", "order", o.ID, "err", err)
			}
		}
	}
}

func (w *Worker) process(ctx context.Context, o inventory.Order) error {
	if err := w.Store.Reserve(ctx, o.SKU, o.Qty); errors.Is(err, inventory.ErrOutOfStock) {
		return w.Store.MarkFailed(ctx, o.ID, "out of stock")
	} else if err != nil {
		return fmt.Errorf("reserving stock: %w", err)
	}
	if err := w.Store.LogMovement(ctx, o.SKU, -o.Qty, "order "+o.ID); err != nil {
		return fmt.Errorf("logging stock movement: %w", err)
	}
	paymentID, err := w.Payments.Charge(ctx, o.ID, o.Amount)
	if err != nil {
		return w.Store.MarkFailed(ctx, o.ID, "payment: "+err.Error())
	}
	if err := w.Store.MarkPaid(ctx, o.ID, paymentID); err != nil {
		return fmt.Errorf("recording payment: %w", err)
	}
	// The order is paid; failed notifications are logged, not fatal.
	if err := w.Notify.Webhook(ctx, notify.Event{ID: "paid-" + o.ID, Type: "order.paid", OrderID: o.ID}); err != nil {
		w.Log.Warn("webhook", "order", o.ID, "err", err)
	}
	if err := w.Notify.Email(o.Email, "Order "+o.ID+" confirmed", "Thank you, we received your payment."); err != nil {
		w.Log.Warn("confirmation mail", "order", o.ID, "err", err)
	}
	return nil
}
