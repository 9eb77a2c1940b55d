package negatives

import (
	"context"
	"errors"
	"log"
	"time"
)

var errClosed = errors.New("subscription closed")

type message struct{}

type subscription struct {
	ch     chan message
	handle func(message) error
}

// pump holds its own receive loop and returns nil only when its context
// ends.
func (s *subscription) pump(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case m, ok := <-s.ch:
			if !ok {
				return errClosed
			}
			if err := s.handle(m); err != nil {
				return err
			}
		}
	}
}

// Not a retry: a supervisor restarting a long-running pump after it
// fails (issue 14, shape 13; docs/model.md, Supervisor restarts).
func (s *subscription) run(ctx context.Context) {
	for {
		err := s.pump(ctx)
		if err == nil {
			return
		}
		log.Printf("pump: %v; restarting", err)
		time.Sleep(time.Second)
	}
}

// fetchOnce makes one request.
func (s *subscription) fetchOnce(ctx context.Context) error {
	return s.handle(message{})
}

// A retry: the look-alike's attempt returns after one request.
func (s *subscription) fetch(ctx context.Context) {
	for { // want `retry attempts=\[s.fetchOnce`
		err := s.fetchOnce(ctx)
		if err == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

// pumpUntil receives until its context ends, the loop condition
// saying so, and returns nil after that loop.
func (s *subscription) pumpUntil(ctx context.Context) error {
	for ctx.Err() == nil {
		if err := s.handle(<-s.ch); err != nil {
			return err
		}
	}
	return nil
}

// Not a retry: a supervisor of a pump whose receive loop runs while its
// context has not ended (issue 14, shape 13).
func (s *subscription) runUntil(ctx context.Context) {
	for {
		if err := s.pumpUntil(ctx); err == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

// drainUntil can also leave its loop by a break, and then returns nil
// while its context is alive: a success.
func (s *subscription) drainUntil(ctx context.Context) error {
	for ctx.Err() == nil {
		m, ok := <-s.ch
		if !ok {
			break
		}
		if err := s.handle(m); err != nil {
			return err
		}
	}
	return nil
}

// A retry: the look-alike's attempt can succeed before cancellation.
func (s *subscription) runDrain(ctx context.Context) {
	for { // want `retry attempts=\[s.drainUntil`
		if err := s.drainUntil(ctx); err == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

type statsClient interface {
	Send(stats int) error
}

// withStatsClient connects and hands the client to fn.
func withStatsClient(addr string, fn func(statsClient) error) error { return nil }

// streamStats holds a stats stream inside the function it hands to
// withStatsClient, and returns nil only when its stop channel closes
// (seaweedfs's BrokerConnectToBalancer).
func streamStats(addr string, stop chan struct{}) error {
	if addr == "" {
		return errors.New("no balancer")
	}
	return withStatsClient(addr, func(c statsClient) error {
		for {
			select {
			case <-stop:
				return nil
			default:
			}
			if err := c.Send(1); err != nil {
				return err
			}
			time.Sleep(5 * time.Second)
		}
	})
}

// Not a retry: a supervisor reconnecting a stats stream that runs until
// its stop channel closes (issue 14; docs/model.md, Supervisor
// restarts).
func keepStreaming(addr string, stop chan struct{}) {
	for {
		if err := streamStats(addr, stop); err == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

// sendStats makes one send through the client and returns, nil on
// success.
func sendStats(addr string, stop chan struct{}) error {
	return withStatsClient(addr, func(c statsClient) error {
		select {
		case <-stop:
			return nil
		default:
		}
		return c.Send(1)
	})
}

// A retry: the look-alike's handed function sends once and succeeds
// before any stop.
func keepSending(addr string, stop chan struct{}) {
	for { // want `retry attempts=\[sendStats`
		if err := sendStats(addr, stop); err == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

type instance interface {
	Run(ctx context.Context) error
}

// Not a retry: an instance runs until its context is cancelled, and
// context.Canceled ends the loop as a nil result does; any other error
// restarts it (loki's instance manager, whose Run is an interface method
// the analysis cannot look into).
func keepRunning(ctx context.Context, inst instance) {
	for {
		err := inst.Run(ctx)
		if err != nil && err != context.Canceled {
			log.Printf("instance stopped: %v; restarting", err)
			time.Sleep(5 * time.Second)
		} else {
			break
		}
	}
}

// A retry: the look-alike returns the cancellation as a failure, apart
// from its success.
func runOnce(ctx context.Context, inst instance) error {
	for { // want `retry attempts=\[inst.Run`
		err := inst.Run(ctx)
		if err == nil {
			return nil
		}
		if errors.Is(err, context.Canceled) {
			return err
		}
		time.Sleep(5 * time.Second)
	}
}
