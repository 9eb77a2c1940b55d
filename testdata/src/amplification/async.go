package amplification

import (
	"errors"
	"time"

	backoff "github.com/cenkalti/backoff/v4"
)

// A device client whose write, on failure, starts a reconnect in a
// goroutine and returns the error: the reconnect's retry runs beside
// the caller, not inside its attempt (evcc's pulsatrix charger). sync's
// loop is not reported; the reconnect's policy around connect, whose
// attempt runs sync's loop, is.
type device struct{ send func(string) error }

var errSync = errors.New("sync failed")

func (d *device) sync() error { // want sync:`retries\(amplification\.device\.sync, 3 attempts\)`
	for i := 0; i < 3; i++ {
		if err := d.enable(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errSync
}

func (d *device) enable() error { return d.write("enable") }

func (d *device) write(m string) error {
	if err := d.send(m); err != nil {
		go d.reconnect() // beside the caller: not part of its attempt
		return err
	}
	return nil
}

func (d *device) reconnect() { // want reconnect:`retries\(amplification\.device\.reconnect, -1 attempts\)`
	_ = backoff.Retry(d.connect, backoff.NewExponentialBackOff())
}

func (d *device) connect() error { // want connect:`retries\(amplification\.device\.connect -> amplification\.device\.sync, 3 attempts\)`
	return d.sync() // want `operation retried by backoff.Retry calls amplification.device.sync, which retries again inside each attempt`
}
