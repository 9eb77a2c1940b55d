package retryable

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"stagger"
	"time"
)

var readFrame func(c net.Conn, buf []byte) error

// Silent: the loop tells timeouts from other failures by how long the
// attempt took; a fast failure is returned (issue 14, shape 5;
// docs/model.md, Classification). The loop has no attempt limit, so
// only the check on the attempt's duration keeps it silent.
func readWithRetry(ctx context.Context, c net.Conn, buf []byte) error {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		t0 := time.Now()
		err := readFrame(c, buf)
		if err == nil {
			return nil
		}
		if time.Since(t0) < time.Second {
			return err // failed fast: not a timeout
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// Silent: the same classification through a local holding the
// attempt's duration (tailscale's DERP prober, unseen triage of
// 2026-12-02).
func readWithRetryTimed(ctx context.Context, c net.Conn, buf []byte) error {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		t0 := time.Now()
		err := readFrame(c, buf)
		took := time.Since(t0)
		if err == nil {
			return nil
		}
		if took < time.Second {
			return err // failed fast: not a timeout
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// Flagged: the look-alike times each attempt into a local too, but only
// logs it: no failure is told from another.
func readLogged(ctx context.Context, c net.Conn, buf []byte) error {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		t0 := time.Now()
		err := readFrame(c, buf) // want `retry loop retries every error of readFrame\(\)`
		took := time.Since(t0)
		if err == nil {
			return nil
		}
		log.Printf("attempt %d failed after %v: %v", attempt, took, err)
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// Flagged: the look-alike measures the whole run, only to log it, and
// classifies nothing.
func readUntil(ctx context.Context, c net.Conn, buf []byte) error {
	start := time.Now()
	for attempt := 0; ctx.Err() == nil; attempt++ {
		err := readFrame(c, buf) // want `retry loop retries every error of readFrame\(\), including those that will fail the same way again \(invalid input, a missing resource, a denied permission\)`
		if err == nil {
			return nil
		}
		if time.Since(start) > 10*time.Minute {
			log.Printf("still failing after %v: %v", time.Since(start), err)
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

var dbusCall func(method string) error

// Flagged, in words that fit a D-Bus call rather than HTTP (issue 14,
// shape 16).
func callUnit(ctx context.Context) error {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		err := dbusCall("org.freedesktop.systemd1.Manager.StartUnit") // want `retry loop retries every error of dbusCall\(\), including those that will fail the same way again \(invalid input, a missing resource, a denied permission\); retry only transient errors, checked with errors.Is or errors.As`
		if err == nil {
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// Flagged: an HTTP attempt is described in HTTP's words.
func getStatus(ctx context.Context, c *http.Client, u string) error {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		resp, err := c.Get(u) // want `retry loop retries every error of c.Get\(\), including those that will fail the same way again \(a 400 Bad Request, a 403 Forbidden\)`
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// do turns every non-2xx response into an error: it decides success,
// not what is worth retrying.
func do(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s: %s", req.URL, resp.Status)
	}
	return nil
}

// Flagged: the helper maps every non-2xx status to an error, so the
// loop retries 4xx responses (issue 14: a non-2xx-to-error helper does
// not classify).
func sendViaDo(ctx context.Context, c *http.Client, req *http.Request) error {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		err := do(c, req) // want `retry loop retries every error of do\(\), which turns every non-2xx response into an error, 4xx included; retry only 5xx, 408, 425, 429 and transient network errors`
		if err == nil {
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// doRetryable reports only responses worth retrying as errors of its
// own kind.
func doRetryable(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
		return fmt.Errorf("%s: %s", req.URL, resp.Status)
	}
	return nil
}

// Silent: the look-alike's helper classifies by status.
func sendViaRetryable(ctx context.Context, c *http.Client, req *http.Request) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := doRetryable(c, req)
		if err == nil {
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// checkStatus turns every non-2xx response into an error made afresh,
// as API clients' CheckResponse helpers do: it decides success, not
// what is worth retrying.
func checkStatus(resp *http.Response) error {
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	return fmt.Errorf("unexpected status %s", resp.Status)
}

// Flagged: the check after the send maps every non-2xx status to an
// error, so 4xx responses are retried; that it fails in one way only
// does not make it classify (issue 14).
func getChecked(ctx context.Context, c *http.Client, u string) error {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		resp, err := c.Get(u)
		if err == nil {
			err = checkStatus(resp) // want `retry loop retries every error of checkStatus\(\), which turns every non-2xx response into an error, 4xx included`
			resp.Body.Close()
			if err == nil {
				return nil
			}
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// checkRetryable reports only responses worth retrying as errors.
func checkRetryable(resp *http.Response) error {
	if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
		return fmt.Errorf("unexpected status %s", resp.Status)
	}
	return nil
}

// Silent: the look-alike's check classifies by status, and a 4xx leaves
// the loop as a success of the check.
func getCheckedRetryable(ctx context.Context, c *http.Client, u string) error {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		resp, err := c.Get(u)
		if err == nil {
			err = checkRetryable(resp)
			resp.Body.Close()
			if err == nil {
				return nil
			}
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

var _ = os.ErrNotExist

type joiner struct {
	joinFunc func(addrs []string) (int, error)
	interval time.Duration
}

// Silent: the attempt is an opaque func value held in a field: nothing
// in the loop's reach says which of its errors are permanent (nomad's
// retry_join; as for a helper's func parameter).
func (j *joiner) retryJoin(ctx context.Context, addrs []string) error {
	for attempt := 0; attempt < 5; attempt++ {
		if _, err := j.joinFunc(addrs); err == nil {
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

var getNode func(id string) (string, error)

// Silent: the loop waits at least 30s between attempts and observes its
// context: retrying a permanent error costs one request and a log line
// every half minute (nomad's node address lookup).
func nodeAddr(ctx context.Context, id string) (string, error) {
	const every = 30 * time.Second
	for {
		addr, err := getNode(id)
		if err == nil {
			return addr, nil
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(every + time.Duration(rand.Int64N(int64(every)))):
		}
	}
}

// Silent: the same patient loop, its jitter from another package's
// helper (nomad's allocwatcher with helper.RandomStagger): the least
// wait is still 30s.
func nodeAddrStagger(ctx context.Context, id string) (string, error) {
	const every = 30 * time.Second
	for {
		addr, err := getNode(id)
		if err == nil {
			return addr, nil
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(every + stagger.Random(every)):
		}
	}
}

// Flagged: the look-alike subtracts the stagger, so its least wait
// cannot be seen, and may be short.
func nodeAddrShrinking(ctx context.Context, id string) (string, error) {
	const every = 30 * time.Second
	for {
		addr, err := getNode(id) // want `retry loop retries every error of getNode\(\)`
		if err == nil {
			return addr, nil
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(every - stagger.Random(every)):
		}
	}
}

var selfCheck func() (map[string]string, error)

// Silent: a goroutine that only logs what it learns, leaving on success
// or when its context ends: it has no failure to hand anyone, so there
// is nothing to classify for (nomad's checkConsulTLSSkipVerify).
func logSupport(ctx context.Context) {
	timer := time.NewTimer(20 * time.Second)
	defer timer.Stop()
	var attempts uint64
	for {
		self, err := selfCheck()
		if err == nil {
			log.Printf("supported: %v", self["tls"] != "")
			return
		}
		timer.Reset(stagger.Backoff(time.Second, 20*time.Second, attempts))
		attempts++
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
	}
}

// Flagged: the look-alike returns an error to its caller.
func checkSupport(ctx context.Context) (map[string]string, error) {
	timer := time.NewTimer(20 * time.Second)
	defer timer.Stop()
	var attempts uint64
	for {
		self, err := selfCheck() // want `retry loop retries every error of selfCheck\(\)`
		if err == nil {
			return self, nil
		}
		timer.Reset(stagger.Backoff(time.Second, 20*time.Second, attempts))
		attempts++
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-timer.C:
		}
	}
}

var loadRevoked func() error

// Silent: a background resync with no caller to hand an error to; it
// must keep trying until the store answers, so there is nothing to
// classify for (argo-cd's revoked-token list).
func loadRevokedSafe() {
	for {
		if err := loadRevoked(); err == nil {
			return
		}
		time.Sleep(30 * time.Second)
	}
}

// Flagged: the look-alike can report the failure to its caller, and
// waits only seconds.
func loadRevokedOrFail(ctx context.Context) error {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		err := loadRevoked() // want `retry loop retries every error of loadRevoked\(\)`
		if err == nil {
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

type peer struct {
	fetch func(h string) (string, error)
}

type downloader struct{ peers []*peer }

// header asks each peer once and swallows their errors: it can fail in
// only one way.
func (d *downloader) header(h string) (string, error) {
	for _, p := range d.peers {
		if hdr, err := p.fetch(h); err == nil {
			return hdr, nil
		}
	}
	return "", errors.New("no peer has the header yet")
}

// Silent: the attempt's only error says nobody had it yet; there is
// nothing to classify (go-ethereum's sync target wait).
func waitTarget(ctx context.Context, d *downloader, h string) (string, error) {
	for attempt := 0; attempt < 10; attempt++ {
		hdr, err := d.header(h)
		if err == nil {
			return hdr, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return "", err
		}
	}
	return "", errBusy
}

// headerWrapped passes the peer's error on.
func (d *downloader) headerWrapped(h string) (string, error) {
	var last error
	for _, p := range d.peers {
		hdr, err := p.fetch(h)
		if err == nil {
			return hdr, nil
		}
		last = err
	}
	return "", fmt.Errorf("no peer has the header: %w", last)
}

// Flagged: the look-alike's errors carry the peers' failures.
func waitTargetWrapped(ctx context.Context, d *downloader, h string) (string, error) {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		hdr, err := d.headerWrapped(h) // want `retry loop retries every error of d.headerWrapped\(\)`
		if err == nil {
			return hdr, nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return "", err
		}
	}
	return "", errBusy
}

// Silent: three attempts, a few seconds in all: retrying a permanent
// error wastes two requests (the retry stops soon).
func fewTries(ctx context.Context) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := op()
		if err == nil {
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// Silent: an attempt limit, even one the analysis cannot evaluate, makes
// the loop give up by itself: retrying a permanent error costs a bounded
// number of attempts (docs/model.md's A6 is about loops that retry it
// until cancelled).
func limitedTries(ctx context.Context, tries int) error {
	for attempt := 0; attempt < tries; attempt++ {
		err := op()
		if err == nil {
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
	return errBusy
}

// Silent: the loop condition classifies: only a busy error is retried.
func whileBusy(ctx context.Context) error {
	err := op()
	for attempt := 0; errors.Is(err, errBusy); attempt++ {
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
		err = op()
	}
	return err
}

// Silent: the loop waits under a context made with a timeout for it: it
// gives up by itself (nomad's Consul token preflight check).
func tokenPreflight(pctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(pctx, timeout)
	defer cancel()
	for attempt := 0; ; attempt++ {
		err := op()
		if err == nil {
			return nil
		}
		if err := sleep(ctx, attempt); err != nil {
			return err
		}
	}
}

// takeLockFile creates a lock file that another process on this machine
// may hold.
func takeLockFile(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	return f.Close()
}

// Silent: every attempt is a local OS call through a same-package
// helper; waiting out another local process's lock hammers no server,
// so retrying every error costs nothing (issue 14, shape 1;
// docs/model.md, Local attempts).
func waitLockFile(ctx context.Context, path string) error {
	for {
		err := takeLockFile(path)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

// takeLease looks like takeLockFile but asks a server.
func takeLease(url string) (*http.Response, error) {
	return http.Post(url, "text/plain", nil)
}

// Flagged: the look-alike whose helper reaches a server.
func waitLease(ctx context.Context, url string) (*http.Response, error) {
	for {
		resp, err := takeLease(url) // want `retry loop retries every error of takeLease\(\)`
		if err == nil {
			return resp, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

type subscriber struct {
	done chan struct{}
	url  string
	use  func(string)
}

func (s *subscriber) fetch() (string, error) {
	resp, err := http.Get(s.url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

// Silent: a background subscriber with no error result; its only way
// out after a failure is the stop channel closing at shutdown, which is
// no failure to hand anyone (asynq's cancellation subscriber).
func (s *subscriber) run() {
	var v string
	var err error
	for {
		v, err = s.fetch()
		if err != nil {
			select {
			case <-time.After(5 * time.Second):
				continue
			case <-s.done:
				return
			}
		}
		break
	}
	s.use(v)
}

// Flagged: the look-alike hands the failure back when told to stop.
func (s *subscriber) first() (string, error) {
	for {
		v, err := s.fetch() // want `retry loop retries every error of s.fetch\(\)`
		if err == nil {
			return v, nil
		}
		select {
		case <-time.After(5 * time.Second):
		case <-s.done:
			return "", err
		}
	}
}
