package local

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/Microsoft/hcsshim"
	"github.com/fsnotify/fsnotify"
	"github.com/google/go-tpm/tpm2"
	pkgerrors "github.com/pkg/errors"
	"github.com/shirou/gopsutil/v4/process"

	"fixedsleep/local/certs"
)

// Silent: removing a busy directory competes with no server; a fixed
// pace is fine (containerd's EBUSY retries).
func removeBusy(dir string) error {
	var err error
	for i := 0; i < 50; i++ {
		if err = os.RemoveAll(dir); err == nil || !errors.Is(err, syscall.EBUSY) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
	return err
}

var send func() error

func publish() error { return send() }

// Flagged: one attempt reaches past the machine.
func mixed(dir string) error {
	for i := 0; i < 5; i++ {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := publish(); err == nil {
			return nil
		}
		time.Sleep(time.Second) // want `retry loop waits a fixed 1s between attempts`
	}
	return errors.New("gave up")
}

// tryLock creates a lock file that another process on this machine may
// hold.
func tryLock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
}

// Silent: the attempt is a same-package helper whose only fallible call
// is a local OS call; waiting for a lock held by another local process
// hammers no server (issue 14, shape 1).
func acquireLock(path string, deadline time.Time) (*os.File, error) {
	for {
		f, err := tryLock(path)
		if err == nil {
			return f, nil
		}
		if time.Now().After(deadline) {
			return nil, err
		}
		time.Sleep(2 * time.Second)
	}
}

// fetchLock looks like tryLock but asks a server.
func fetchLock(url string) (*http.Response, error) {
	return http.Get(url)
}

// Flagged: the look-alike whose helper reaches a server.
func acquireRemoteLock(url string, deadline time.Time) (*http.Response, error) {
	for {
		resp, err := fetchLock(url)
		if err == nil {
			return resp, nil
		}
		if time.Now().After(deadline) {
			return nil, err
		}
		time.Sleep(2 * time.Second) // want `retry loop waits a fixed 2s between attempts`
	}
}

// Silent: a daemon on this machine's unix socket is starting up; the
// loop waits for it at a steady pace (issue 14, shape 6).
func waitDaemonSocket(ctx context.Context) (net.Conn, error) {
	for {
		conn, err := net.Dial("unix", "/run/daemon.sock")
		if err == nil {
			return conn, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// Silent: the same readiness wait over loopback HTTP.
func waitDaemonHTTP(ctx context.Context, port int) error {
	for {
		resp, err := http.Get(fmt.Sprintf("http://localhost:%d/healthz", port))
		if err == nil {
			resp.Body.Close()
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// Silent: a request built for 127.0.0.1 in the loop.
func waitDaemonRequest(ctx context.Context) error {
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1:8500/v1/status", nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// Flagged: the look-alike that waits for a remote service.
func waitRemote(ctx context.Context) error {
	for {
		resp, err := http.Get("https://api.example.com/healthz")
		if err == nil {
			resp.Body.Close()
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond): // want `retry loop waits a fixed 250ms between attempts`
		}
	}
}

// findSock and statSock are two levels of same-package helpers over os
// calls.
func findSock(dir, name string) (string, error) {
	p := filepath.Join(dir, name+".sock")
	if err := statSock(p); err != nil {
		return "", err
	}
	return p, nil
}

func statSock(p string) error {
	if _, err := url.Parse("unix://" + p); err != nil {
		return err // a parse does no I/O: still local
	}
	if _, err := os.Stat(p); err != nil {
		return pkgerrors.Wrapf(err, "no socket at %s", p) // wrapping is no operation
	}
	return nil
}

// Silent: waiting for a plugin's socket file, two helper levels down
// (moby's plugin registry; local through the package's own functions).
func waitPlugin(dir, name string) (string, error) {
	for i := 0; i < 30; i++ {
		p, err := findSock(dir, name)
		if err == nil {
			return p, nil
		}
		time.Sleep(time.Second)
	}
	return "", errors.New("no plugin")
}

// Silent: re-adding a watch through another package's local wrapper
// (argo-cd's gpg watcher with fsnotify).
func rewatch(w *fsnotify.Watcher, path string) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = w.Add(path); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// writeLock takes a lock file and writes the holder's pid into it: the
// write goes to the file, so the helper stays on this machine.
func writeLock(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(f, "%d\n", os.Getpid()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Silent: the lock file's pid is written with fmt.Fprintf to the file
// itself (issue 14, shape 1): formatted output to a local file is a
// local call.
func acquirePidLock(ctx context.Context, path string) error {
	for {
		err := writeLock(path)
		if err == nil {
			return nil
		}
		if !errors.Is(err, os.ErrExist) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

// announceLock writes the same pid to a connection: the write reaches
// past the machine.
func announceLock(path string, conn net.Conn) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = fmt.Fprintf(conn, "%s %d\n", path, os.Getpid())
	return err
}

// Flagged: the look-alike whose formatted write goes to a connection.
func acquireAnnouncedLock(ctx context.Context, path string, conn net.Conn) error {
	for {
		err := announceLock(path, conn)
		if err == nil {
			return nil
		}
		if !errors.Is(err, os.ErrExist) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Second): // want `retry loop waits a fixed 2s between attempts`
		}
	}
}

type daemon struct{ sock string }

// ping dials the daemon's unix socket and closes the connection: the
// close is of a local connection.
func (d *daemon) ping(ctx context.Context) error {
	var dialer net.Dialer
	c, err := dialer.DialContext(ctx, "unix", d.sock)
	if err != nil {
		return fmt.Errorf("dial %s: %w", d.sock, err)
	}
	return c.Close()
}

// Silent: a daemon on this machine is starting; every attempt dials its
// unix socket through a method of the package and closes what it got
// (issue 14, shape 6).
func (d *daemon) waitStarted(ctx context.Context) error {
	for {
		if err := d.ping(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// pingRemote dials a remote host and closes the connection.
func pingRemote(ctx context.Context, host string) error {
	var dialer net.Dialer
	c, err := dialer.DialContext(ctx, "tcp", host)
	if err != nil {
		return err
	}
	return c.Close()
}

// Flagged: the look-alike dials a host it is given.
func waitRemoteStarted(ctx context.Context, host string) error {
	for {
		if err := pingRemote(ctx, host); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond): // want `retry loop waits a fixed 250ms between attempts`
		}
	}
}

// healthURL is a package variable only ever assigned a constant: that
// constant by another name.
var healthURL = "http://localhost:%s/v1.0/healthz/outbound"

// checkReady asks the sidecar's health endpoint at the URL it is handed.
func checkReady(client *http.Client, u string) error {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.ReadAll(resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

// Silent: a readiness wait on the sidecar; the URL, made in the loop's
// function from a constant localhost format, reaches the request
// through a same-package helper's parameter (dapr's
// WaitUntilDaprOutboundReady).
func waitSidecarReady(port string) {
	client := &http.Client{Timeout: time.Second}
	u := fmt.Sprintf(healthURL, port)
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		if err := checkReady(client, u); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Flagged: the look-alike's URL names a host it is handed.
func waitServiceReady(host string) {
	client := &http.Client{Timeout: time.Second}
	u := fmt.Sprintf("http://%s/healthz", host)
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		if err := checkReady(client, u); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond) // want `retry loop waits a fixed 100ms between attempts`
	}
}

// Silent: a listen binds a socket on this machine and asks no server,
// whatever the address; retried while an earlier owner of the port lets
// go of it (sarama's mock broker, unseen triage of 2026-12-02).
func listenWhenFree(addr string) (net.Listener, error) {
	var (
		l   net.Listener
		err error
	)
	for range 20 {
		l, err = net.Listen("tcp", addr)
		if err == nil || !errors.Is(err, syscall.EADDRINUSE) {
			return l, err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil, err
}

// Flagged: the look-alike dials the address instead.
func dialWhenUp(addr string) (net.Conn, error) {
	var (
		c   net.Conn
		err error
	)
	for range 20 {
		c, err = net.Dial("tcp", addr)
		if err == nil || !errors.Is(err, syscall.ECONNREFUSED) {
			return c, err
		}
		time.Sleep(100 * time.Millisecond) // want `retry loop waits a fixed 100ms between attempts`
	}
	return nil, err
}

// tryLockFile takes a lock file and records its holder's pid and start
// time, read from /proc through gopsutil, to tell a live holder from a
// stale one.
func tryLockFile(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	p, err := process.NewProcess(int32(os.Getpid()))
	if err != nil {
		return err
	}
	start, err := p.CreateTime()
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "%d %d\n", p.Pid, start)
	return err
}

// Silent: every attempt stays on this machine, gopsutil's reads of
// /proc included; another local process holds the lock (cloudflared's
// token lock, unseen triage of 2026-12-02).
func acquireLockFile(path string) error {
	deadline := time.Now().Add(10 * time.Minute)
	for !time.Now().After(deadline) {
		if err := tryLockFile(path); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
	return errors.New("timed out waiting for the lock")
}

// tryLockShared also registers the lock with a server.
func tryLockShared(path string) error {
	if err := tryLockFile(path); err != nil {
		return err
	}
	return publish()
}

// Flagged: the look-alike's attempt also reaches a server.
func acquireSharedLock(path string) error {
	deadline := time.Now().Add(10 * time.Minute)
	for !time.Now().After(deadline) {
		if err := tryLockShared(path); err == nil {
			return nil
		}
		time.Sleep(2 * time.Second) // want `retry loop waits a fixed 2s between attempts`
	}
	return errors.New("timed out waiting for the lock")
}

// Silent: a readiness wait whose address is a parameter, and every call
// of the function hands it an address on this machine: a launcher
// waiting for the gateway it just started (ollama's waitForPort; unseen
// triage of 2026-12-03).
func waitForPort(addr string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		conn, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
		if err == nil {
			conn.Close()
			return true
		}
		time.Sleep(250 * time.Millisecond)
	}
	return false
}

func startGateway(port int) bool {
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	return waitForPort(addr, 10*time.Second)
}

func restartGateway(port string) bool {
	return waitForPort(net.JoinHostPort("localhost", port), 30*time.Second)
}

// Flagged: the look-alike is also handed a host from elsewhere at one of
// its calls.
func waitForPeer(addr string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		conn, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
		if err == nil {
			conn.Close()
			return true
		}
		time.Sleep(250 * time.Millisecond) // want `retry loop waits a fixed 250ms between attempts`
	}
	return false
}

func startPeers(port int, remote string) bool {
	return waitForPeer(fmt.Sprintf("127.0.0.1:%d", port), time.Minute) && waitForPeer(remote, time.Minute)
}

// Flagged: an exported function may be called from other packages, with
// any address.
func WaitForPort(addr string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		conn, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
		if err == nil {
			conn.Close()
			return true
		}
		time.Sleep(250 * time.Millisecond) // want `retry loop waits a fixed 250ms between attempts`
	}
	return false
}

func startLocal(port int) bool {
	return WaitForPort(fmt.Sprintf("127.0.0.1:%d", port), time.Minute)
}

var errTPMRetry = errors.New("tpm: retry")

// Silent: the TPM of this machine asks for the command again; no server
// is hammered (spire's TPM DevID signing key; unseen triage of
// 2026-12-03).
func signWithTPM(rw io.ReadWriter, digest []byte) ([]byte, error) {
	for i := 1; i <= 10; i++ {
		sig, err := tpm2.Sign(rw, 0x81000001, digest)
		switch {
		case err == nil:
			return sig, nil
		case errors.Is(err, errTPMRetry):
			time.Sleep(500 * time.Millisecond)
			continue
		default:
			return nil, err
		}
	}
	return nil, errTPMRetry
}

// Flagged: the look-alike asks a remote signing service.
func signRemote(c *http.Client, u string, digest []byte) ([]byte, error) {
	for i := 1; i <= 10; i++ {
		resp, err := c.Get(u)
		switch {
		case err == nil:
			resp.Body.Close()
			return digest, nil
		case errors.Is(err, errTPMRetry):
			time.Sleep(500 * time.Millisecond) // want `retry loop waits a fixed 500ms between attempts`
			continue
		default:
			return nil, err
		}
	}
	return nil, errTPMRetry
}

// Silent: whatever publish reaches, the loop retries it only when the
// kernel refused to run a script still open for writing (ETXTBSY,
// golang/go#22315): it waits for this machine, not for a server
// (buildkite's agent running a hook; unseen triage of 2026-12-03).
func runHook(ctx context.Context) error {
	for attempts := 1; ; attempts++ {
		err := publish()
		if attempts <= 20 && errors.Is(err, syscall.ETXTBSY) {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(200 * time.Millisecond):
				continue
			}
		}
		return err
	}
}

// Flagged: the look-alike also retries a connection the peer reset.
func runHookOrReset(ctx context.Context) error {
	for attempts := 1; ; attempts++ {
		err := publish()
		if attempts <= 20 && (errors.Is(err, syscall.ETXTBSY) || errors.Is(err, syscall.ECONNRESET)) {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(200 * time.Millisecond): // want `retry loop waits a fixed 200ms between attempts`
				continue
			}
		}
		return err
	}
}

// Silent: the certificates are files another process writes, checked
// by a function of another package that reads them and verifies them in
// memory: the attempt stays on this machine (external-secrets' webhook
// waiting for its certificates; unseen triage of 2026-12-03).
func waitForCerts(ctx context.Context, dir string) error {
	for {
		if err := certs.Check(dir); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Second):
		}
	}
}

// Flagged: the look-alike downloads them from an issuer.
func fetchCerts(ctx context.Context, url string) error {
	for {
		if err := certs.Fetch(url); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Second): // want `retry loop waits a fixed 10s between attempts`
		}
	}
}

// Silent: another package's health check builds its request over a
// localhost URL and sends it: it stays local, known here by its fact
// (kruise's webhook readiness wait; unseen triage of 2026-12-03).
func waitWebhook(ctx context.Context, port int) error {
	for {
		if err := certs.Healthy(port); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

// Flagged: the look-alike's check asks a host it is handed.
func waitRemote(ctx context.Context, host string) error {
	for {
		if err := certs.Remote(host); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Second): // want `retry loop waits a fixed 2s between attempts`
		}
	}
}

// limitedListener wraps a listener to throttle its accepts.
type limitedListener struct {
	net.Listener
}

// Silent: an accept waits for this machine's own socket; retried every
// 1s while the process is out of file descriptors, it asks no server
// (VictoriaMetrics' TCP listener, unseen triage of 2026-12-03).
func (ln *limitedListener) Accept() (net.Conn, error) {
	for {
		conn, err := ln.Listener.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(time.Second)
				continue
			}
			return nil, err
		}
		return conn, nil
	}
}

// limitedDialer is the look-alike around a dial.
type limitedDialer struct {
	addr string
}

// Flagged: the same loop around a dial asks a server every 1s.
func (d *limitedDialer) Dial() (net.Conn, error) {
	for {
		conn, err := net.Dial("tcp", d.addr)
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(time.Second) // want `retry loop waits a fixed 1s between attempts`
				continue
			}
			return nil, err
		}
		return conn, nil
	}
}

// Silent: every attempt asks this machine's Host Compute Service, every
// 10ms while it answers "invalid state" (moby's Windows graph driver,
// unseen triage of 2026-12-03).
func removeLayer() ([]hcsshim.ContainerProperties, error) {
	for retry := 0; ; retry++ {
		systems, err := hcsshim.GetContainers(hcsshim.ComputeSystemQuery{})
		if err == nil {
			return systems, nil
		}
		if err != hcsshim.ErrVmcomputeOperationInvalidState || retry >= 500 {
			return nil, err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Flagged: the look-alike asks a server over HTTP on the same errors.
func removeRemoteLayer(url string) (*http.Response, error) {
	for retry := 0; ; retry++ {
		resp, err := http.Get(url)
		if err == nil {
			return resp, nil
		}
		if err != hcsshim.ErrVmcomputeOperationInvalidState || retry >= 500 {
			return nil, err
		}
		time.Sleep(10 * time.Millisecond) // want `retry loop waits a fixed 10ms between attempts`
	}
}
