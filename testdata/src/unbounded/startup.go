package unbounded

import (
	"errors"
	"net"
	"time"

	"google.golang.org/grpc"
)

var errNoMaster = errors.New("no master")

func register(addr string) error { return fail(errNoMaster) }

// fail stands for a failure by I/O: a function that returns only a
// sentinel error is a check of state (a poll), not an operation.
var fail func(error) error

// Silent: a volume server waits for ever for its master before it
// serves: a start-up wait, whose supervisor owns the give-up.
func startVolume(master string, s *grpc.Server) error {
	for {
		if err := register(master); err == nil {
			break
		}
		time.Sleep(2 * time.Second)
	}
	l, err := net.Listen("tcp", ":8080")
	if err != nil {
		return err
	}
	return s.Serve(l)
}

// The same wait with nothing served after it is reported.
func keepRegistering(master string) {
	for { // want `retry loop has no attempt limit, deadline or stop signal`
		if err := register(master); err == nil {
			return
		}
		time.Sleep(2 * time.Second)
	}
}
