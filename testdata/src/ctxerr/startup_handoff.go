package ctxerr

import (
	"context"
	"net"
	"net/http"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

var bindBackoff = wait.Backoff{Steps: 5, Duration: 500 * time.Millisecond, Factor: 1, Jitter: 0.1}

// Silent: the library retries binding the server's port, and the
// function serves right after: a start-up wait, whose give-up is the
// process's (argo-rollouts' api server; unseen triage of 2026-12-03;
// docs/model.md, Start-up waits).
func runServer(ctx context.Context, srv *http.Server, addr string) error {
	var ln net.Listener
	var err error
	_ = wait.ExponentialBackoff(bindBackoff, func() (bool, error) {
		ln, err = net.Listen("tcp", addr)
		return err == nil, nil
	})
	if err != nil {
		return err
	}
	go func() { _ = srv.Serve(ln) }()
	<-ctx.Done()
	return srv.Close()
}

// Flagged: the look-alike dials a server and serves nothing. (A bind
// alone would be left alone too: its attempts reach only this machine.)
func dialOnly(ctx context.Context, addr string) (net.Conn, error) {
	var conn net.Conn
	var err error
	_ = wait.ExponentialBackoff(bindBackoff, func() (bool, error) { // want `wait.ExponentialBackoff retries without ctx`
		conn, err = net.Dial("tcp", addr)
		return err == nil, nil
	})
	return conn, err
}
