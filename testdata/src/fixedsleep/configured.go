package fixedsleep

import (
	"time"
)

// JoinConfig holds documented user settings.
type JoinConfig struct {
	RetryInterval time.Duration // retry_interval
	RetryMax      int           // retry_max
}

var join func() error

// Flagged, but the message keeps the setting: grow it, using it as the
// base (issue 14, shape 15; docs/model.md, Configured waits, message).
func retryJoin(cfg JoinConfig) error {
	var err error
	for attempt := 1; cfg.RetryMax == 0 || attempt <= cfg.RetryMax; attempt++ {
		if err = join(); err == nil {
			return nil
		}
		time.Sleep(cfg.RetryInterval) // want `^retry loop waits a fixed cfg.RetryInterval between attempts; grow the configured RetryInterval exponentially with jitter, using it as the base$`
	}
	return err
}

// Flagged: the wait is a local read from the setting, which the message
// names (litestream's shutdown sync; unseen triage of 2026-12-03).
func retryJoinEvery(cfg JoinConfig) error {
	every := cfg.RetryInterval
	if every == 0 {
		every = time.Second
	}
	var err error
	for attempt := 1; attempt <= 10; attempt++ {
		if err = join(); err == nil {
			return nil
		}
		time.Sleep(every) // want `^retry loop waits a fixed every between attempts; grow the configured RetryInterval exponentially with jitter, using it as the base$`
	}
	return err
}

// Silent: a wait of a minute or more sends at most one request a minute
// per client; synchronised or not, that is not what overloads a
// recovering server (argo-cd's revoked-token resync).
func resyncEveryMinute() {
	for {
		if err := join(); err == nil {
			return
		}
		time.Sleep(time.Minute)
	}
}

var receipt func() error

// Silent: a ticker made before the loop paces it at a fixed rate by
// design (a poll for a receipt); code that means to back off does not
// use a ticker (go-ethereum's WaitMined).
func waitMined() error {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		if err := receipt(); err == nil {
			return nil
		}
		<-ticker.C
	}
}
