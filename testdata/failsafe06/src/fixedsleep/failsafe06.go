// Package fixedsleep holds fixtures written against failsafe-go before
// v0.9 (v0.4 to v0.8): package-level Get and Run take the policies,
// NewExecutor makes an executor, retrypolicy.Builder makes a builder.
package fixedsleep

import (
	"context"
	"time"

	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"
)

func apply() error { return nil }

// The policy is handed to the package-level Get (advdv/stdgo's
// stdmage waits for a migrated database this way).
func waitMigrated() error {
	_, err := failsafe.Get(func() (bool, error) {
		if err := apply(); err != nil {
			return false, err
		}
		return true, nil
	}, retrypolicy.Builder[bool]().WithMaxRetries(10).WithDelay(500*time.Millisecond).WithMaxDuration(20*time.Second).Build()) // want `retry policy waits a fixed 500ms between attempts`
	return err
}

// The policy is handed to NewExecutor.
func executor(ctx context.Context) error {
	rp := retrypolicy.Builder[any]().WithDelay(2 * time.Second).WithMaxRetries(5).Build() // want `retry policy waits a fixed 2s between attempts`
	return failsafe.NewExecutor[any](rp).WithContext(ctx).Run(apply)
}

var policies []failsafe.Policy[any]

// Silent: jittered; growing; policies spread from a slice the
// analysis does not read (precision first).
func fine(ctx context.Context) error {
	jittered := retrypolicy.Builder[any]().WithDelay(2 * time.Second).WithJitterFactor(0.25).Build()
	grows := retrypolicy.Builder[any]().WithBackoff(time.Second, time.Minute).WithJitterFactor(0.5).Build()
	if err := failsafe.NewExecutor[any](jittered).WithContext(ctx).Run(apply); err != nil {
		return err
	}
	if err := failsafe.Run(apply, grows); err != nil {
		return err
	}
	return failsafe.Run(apply, policies...)
}
