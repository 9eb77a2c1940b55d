package ctxerr

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

type discovery struct {
	dc       string
	lookupDC func() (string, error)
	refresh  func(ctx context.Context)
}

const dcRetryInterval = 15 * time.Second

// initialize waits for the agent to name its datacenter before the
// discoverer's rounds start. Its one caller, run, then loops until its
// context ends: a start-up wait, but a worker's, whose context a reload
// cancels at any time.
func (d *discovery) initialize(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		default:
		}
		dc, err := d.lookupDC()
		if err != nil {
			time.Sleep(dcRetryInterval) // want `time.Sleep in a retry loop cannot be interrupted when ctx is cancelled`
			continue
		}
		d.dc = dc
		return
	}
}

// Flagged (in initialize): a worker loop that runs until ctx ends counts
// as serving for A1, but not for A4: a discoverer replaced on a reload
// would linger in the 15s sleep after its context ended (prometheus'
// consul discovery; regression rerun of 2026-12-03).
func (d *discovery) run(ctx context.Context) {
	d.initialize(ctx)
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			d.refresh(ctx)
		}
	}
}

var errNoStore = errors.New("store not ready")

// openStore waits for the store the server needs, then the function
// serves: a process starting up, whose supervisor owns the give-up.
func openStore(ctx context.Context, open func() error) {
	for {
		if ctx.Err() != nil {
			return
		}
		if err := open(); err != nil && errors.Is(err, errNoStore) {
			time.Sleep(dcRetryInterval)
			continue
		}
		break
	}
}

// Silent (in openStore): its one caller starts listening after it, so
// the wait is the process's start-up wait (docs/model.md, Start-up
// waits), even though a worker loop follows the listener too.
func serveStore(ctx context.Context, open func() error, h http.Handler) error {
	openStore(ctx, open)
	ln, err := net.Listen("tcp", ":8080")
	if err != nil {
		return err
	}
	go func() { _ = http.Serve(ln, h) }()
	for {
		select {
		case <-ctx.Done():
			return ln.Close()
		case <-time.After(time.Minute):
		}
	}
}
