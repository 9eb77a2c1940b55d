package retryable

import (
	"sync"
	"time"
)

// prober runs a health probe handed in by its caller until it passes
// (coredns' plugin/pkg/up). The loop is a generic helper's, inside a
// goroutine: the func parameter of the enclosing method is the
// attempt, and its errors are the caller's to classify. Silent.
type prober struct {
	mu       sync.Mutex
	stopped  bool
	interval time.Duration
}

func (p *prober) do(f func() error) {
	go func() {
		for {
			if err := f(); err == nil {
				return
			}
			time.Sleep(p.interval)
			p.mu.Lock()
			if p.stopped {
				p.mu.Unlock()
				return
			}
			p.mu.Unlock()
		}
	}()
}

// makeProbe builds the probe itself; the loop below retries a local
// func value, not a parameter, and owns its classification.
func makeProbe() func() error { return func() error { return errBusy } }

func (p *prober) own() {
	f := makeProbe()
	go func() {
		for {
			if err := f(); err == nil { // want `retry loop retries every error of f\(\)`
				return
			}
			time.Sleep(p.interval)
			p.mu.Lock()
			if p.stopped {
				p.mu.Unlock()
				return
			}
			p.mu.Unlock()
		}
	}()
}
