package negatives

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"time"
)

// ioErr stands for a failure by I/O: a stub returning only nil cannot
// fail, and would make these loops negatives for the wrong reason.
var ioErr func() error

func op() error                          { return ioErr() }
func ready() bool                        { return true }
func check() (bool, error)               { return true, ioErr() }
func next() (int, error)                 { return 0, ioErr() }
func dial(addr string) (net.Conn, error) { return nil, ioErr() }
func handle(int)                         {}
func process(string) error               { return ioErr() }

// Not a retry: a poll; success sleeps and loops again.
func poll() {
	for {
		if err := op(); err != nil {
			time.Sleep(time.Second)
			continue
		}
		time.Sleep(time.Second)
	}
}

// Not a retry: a ticker loop that works on every tick.
func tickerLoop(ctx context.Context) error {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			if err := op(); err != nil {
				continue
			}
		}
	}
}

// Not a retry: a worker takes the next job whatever the last one did.
func worker() {
	for {
		job, err := next()
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		handle(job)
	}
}

// Not a retry: for range over a channel.
func drain(ch <-chan string) error {
	for s := range ch {
		if err := process(s); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return nil
}

// Not a retry: a loop over data tries each item once.
func overData(items []string) error {
	for _, it := range items {
		if err := process(it); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errors.New("none")
}

// Not a retry: a counted loop over data (compared with len).
func overDataIndexed(items []string) error {
	for i := 0; i < len(items); i++ {
		if err := process(items[i]); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errors.New("none")
}

// Not a retry: failover tries each endpoint once, by index.
func failover(endpoints [3]string) (net.Conn, error) {
	for i := 0; i < 3; i++ {
		c, err := dial(endpoints[i])
		if err == nil {
			return c, nil
		}
	}
	return nil, errors.New("all down")
}

// Not a retry: failover over a linked list.
type node struct {
	addr string
	next *node
}

func failoverList(head *node) (net.Conn, error) {
	for n := head; n != nil; n = n.next {
		c, err := dial(n.addr)
		if err == nil {
			return c, nil
		}
	}
	return nil, errors.New("all down")
}

// Not a retry: await-convergence; a successful check can still loop
// because the state has not settled.
func awaitConvergence() error {
	for {
		ok, err := check()
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		time.Sleep(time.Second)
	}
}

// Not a retry: a wait-first readiness probe paced every second.
func waitFirst() {
	for {
		time.Sleep(time.Second)
		if err := op(); err == nil {
			return
		}
	}
}

// Not a retry: wait-first with a ticker select at the top.
func waitFirstSelect(ctx context.Context) error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
		if err := op(); err == nil {
			return nil
		}
	}
}

// Not a retry: a supervisor restarts the server whatever it returned.
func supervisor() {
	for {
		err := op()
		_ = err
		time.Sleep(time.Second)
	}
}

// Not a retry: a reconnect loop; a good connection is served and then
// the loop reconnects.
func reconnect() {
	for {
		c, err := dial("db:5432")
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		io.Copy(io.Discard, c)
		c.Close()
	}
}

// Not a retry: a stream reader stops on its error, loops on success.
func reader(r *bufio.Reader) error {
	for {
		_, err := r.ReadString('\n')
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Not a retry: judged by a bool, with no error.
func boolJudged() {
	for !ready() {
		time.Sleep(time.Second)
	}
}

// Not a retry: judged by a count.
func countJudged(n func() int) {
	for n() < 3 {
		time.Sleep(time.Second)
	}
}

// Not a retry: the error is dropped.
func dropped() {
	for i := 0; i < 3; i++ {
		_ = op()
		time.Sleep(time.Second)
	}
}

// Not a retry: every error leaves; nothing is retried.
func noRetry() error {
	for i := 0; i < 3; i++ {
		if err := op(); err != nil {
			return err
		}
		time.Sleep(time.Second)
	}
	return nil
}

// Not a retry: the attempt runs in a goroutine, not in the loop.
func goroutine() {
	for i := 0; i < 3; i++ {
		go func() {
			if err := op(); err == nil {
				return
			}
		}()
		time.Sleep(time.Second)
	}
}

// Not a retry: ctx.Err() is no attempt.
func ctxErrOnly(ctx context.Context) {
	for {
		if ctx.Err() != nil {
			return
		}
		time.Sleep(time.Second)
	}
}

func load(ctx context.Context) (string, error) { return "", ioErr() }

// Not a retry: wait-first, with the attempt inside the timer's case
// (caddy's dynamic config loader); the drain of the stopped timer on
// the way out is no wait either.
func waitFirstInCase(ctx context.Context, delay time.Duration) {
	for {
		timer := time.NewTimer(delay)
		select {
		case <-timer.C:
			if _, err := load(ctx); err != nil {
				continue
			}
		case <-ctx.Done():
			if !timer.Stop() {
				<-timer.C
			}
		}
		break
	}
}

type versions struct{ server, cluster string }

func fetchVersions() (versions, error) { return versions{}, ioErr() }

// A check: it builds its errors from what it is handed and can fail no
// other way.
func compareVersions(got, want versions) error {
	if got.server != want.server {
		return errors.New("server version differs")
	}
	return nil
}

// Not a retry: await-convergence through a check; the fetch succeeded
// and the state has not settled (etcd's downgrade framework).
func awaitVersions(want versions) {
	for {
		got, err := fetchVersions()
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if err := compareVersions(got, want); err != nil {
			time.Sleep(time.Second)
			continue
		}
		break
	}
}

func unwrap(err error) error { return errors.Unwrap(err) }

// Not a retry: a walk along an error chain; the "attempt" takes its own
// last result (nats' ErrorIs).
func chainHas(err, target error) bool {
	for {
		if err == target {
			return true
		}
		if err = unwrap(err); err == nil {
			return false
		}
	}
}

// Not a retry: a walk up a path; each iteration stats another
// directory (caddy, prometheus).
func findUp(p string) string {
	for {
		if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
			return p
		}
		q := filepath.Dir(p)
		if q == p {
			return ""
		}
		p = q
	}
}

func serve(c net.Conn) error { return ioErr() }

// Not a retry: a stream consumer; each iteration handles the next
// connection (caddy's cmd/commandfuncs.go).
func firstGood(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			break
		}
		if err := serve(c); err == nil {
			break
		}
	}
}

// Not a retry: a worker woken by notifications; each attempt waits for
// an event first (nats' filestore).
func notified(notify, quit <-chan struct{}) {
	for {
		select {
		case <-notify:
			if err := op(); err == nil {
				return
			}
		case <-quit:
			return
		}
	}
}

// Not a retry: a range over a negative constant never runs its body
// (issue 15).
func neverRuns() error {
	var err error
	for range -1 {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
