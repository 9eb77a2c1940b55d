package fixedsleep

import "time"

// Conn is a connection a listener hands its handler.
type Conn interface{ Close() error }

// Listener serves connections: Accept calls handle for each one and
// returns only when the listener fails or closes.
type Listener interface {
	Accept(handle func(Conn)) error
	Close() error
}

// Subscription is a consumer's registration.
type Subscription interface{ Unsubscribe() error }

// Bus registers handlers and returns at once.
type Bus interface {
	Subscribe(topic string, onMessage func([]byte)) (Subscription, error)
}

type server struct{}

func (s *server) serveConn(c Conn) {}

// Silent: Accept serves until it fails; the loop restarts it, a
// supervisor, though Accept sits behind an interface (go-micro's rpc
// server; unseen triage of 2026-12-03; docs/model.md, Supervisors).
func (s *server) listen(l Listener, exit chan bool) {
	for {
		err := l.Accept(s.serveConn)
		select {
		case <-exit:
			return
		default:
			if err != nil {
				time.Sleep(time.Second)
				continue
			}
		}
		return
	}
}

// Flagged: the look-alike registers a handler and gets a handle back at
// once: retrying the registration is a retry.
func subscribe(b Bus, onMessage func([]byte)) Subscription {
	for {
		sub, err := b.Subscribe("orders", onMessage)
		if err == nil {
			return sub
		}
		time.Sleep(time.Second) // want `retry loop waits a fixed 1s between attempts`
	}
}
