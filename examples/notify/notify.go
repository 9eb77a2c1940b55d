// Package notify tells customers and downstream systems about orders.
package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/smtp"
	"net/textproto"
	"time"
)

// Event is posted to the webhook when an order changes state.
type Event struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	OrderID string `json:"order_id"`
}

// Notifier sends webhooks and e-mail.
type Notifier struct {
	http       *http.Client
	webhookURL string
	smtpAddr   string
	from       string
}

// New returns a Notifier posting events to webhookURL and mailing through
// the relay at smtpAddr.
func New(hc *http.Client, webhookURL, smtpAddr, from string) *Notifier {
	return &Notifier{http: hc, webhookURL: webhookURL, smtpAddr: smtpAddr, from: from}
}

// Webhook posts ev to the subscriber. The event ID is the idempotency key.
func (n *Notifier) Webhook(ctx context.Context, ev Event) error {
	payload, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	var lastErr error
	for attempt := range 5 {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(jittered(attempt)):
			}
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, n.webhookURL, bytes.NewReader(payload))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", ev.ID)
		resp, err := n.http.Do(req)
		if err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return err
			}
			lastErr = err
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		// BUG(A6 retryable): any status but 200 is retried, so a 400 for a rejected payload or a 410 for a removed subscriber is sent again and again.
		if resp.StatusCode != http.StatusOK {
			lastErr = fmt.Errorf("notify: webhook: %s", resp.Status)
			continue
		}
		return nil
	}
	return fmt.Errorf("notify: event %s: %w", ev.ID, lastErr)
}

// Email sends a plain-text message through the SMTP relay.
func (n *Notifier) Email(to, subject, body string) error {
	msg := []byte("To: " + to + "\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n")
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if attempt > 0 {
			// BUG(A1 fixedsleep): waits a fixed 2s between attempts, so every sender hit by a relay hiccup comes back at the same moment.
			time.Sleep(2 * time.Second)
		}
		err = smtp.SendMail(n.smtpAddr, nil, n.from, []string{to}, msg)
		if err == nil {
			return nil
		}
		// 5xx replies are permanent (unknown mailbox, rejected message).
		var smtpErr *textproto.Error
		if errors.As(err, &smtpErr) && smtpErr.Code >= 500 {
			return err
		}
	}
	return fmt.Errorf("notify: mail to %s: %w", to, err)
}

// jittered is the wait before retry number attempt: 250ms doubling per
// attempt, capped at 10s, with the upper half randomised.
func jittered(attempt int) time.Duration {
	d := min(250*time.Millisecond<<attempt, 10*time.Second)
	return d/2 + rand.N(d/2)
}
