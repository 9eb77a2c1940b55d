package unbounded

import (
	"time"

	backoff "github.com/cenkalti/backoff/v4"
)

// Silent: the loop leaves when the policy says Stop, which its
// MaxElapsedTime or WithMaxRetries decides (kraken's poll of an origin
// answering 202 Accepted).
func untilPolicyStops(b backoff.BackOff) error {
	b.Reset()
	for {
		err := connect()
		if err == nil {
			return nil
		}
		d := b.NextBackOff()
		if d == backoff.Stop {
			return err
		}
		time.Sleep(d)
	}
}

// Silent: the same, asked in a switch on the next wait.
func untilPolicyStopsSwitch(b backoff.BackOff) error {
	for {
		err := connect()
		if err == nil {
			return nil
		}
		switch d := b.NextBackOff(); d {
		case backoff.Stop:
			return err
		default:
			time.Sleep(d)
		}
	}
}

// A Stop answered by waiting a second instead leaves nothing.
func policyStopIgnored(b backoff.BackOff) {
	for { // want `retry loop has no attempt limit, deadline or stop signal`
		if err := connect(); err == nil {
			return
		}
		d := b.NextBackOff()
		if d == backoff.Stop {
			d = time.Second
		}
		time.Sleep(d)
	}
}
