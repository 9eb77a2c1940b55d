package idempotency

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"time"
)

// notLeaderError says which node leads; the follower did not apply the
// command.
type notLeaderError struct{ leader string }

func (e *notLeaderError) Error() string { return "not leader; try " + e.leader }

var postCommand func(addr, cmd string) error

func sendCommand(addr, cmd string) error {
	return postCommand(addr, cmd)
}

// Silent: the loop follows a redirect from a node that refused the
// command, so nothing was applied and a retry duplicates nothing
// (issue 14, shape 3; docs/model.md, Retry on refusal is not A5).
func applyOnLeader(addr, cmd string) error {
	err := sendCommand(addr, cmd)
	var nl *notLeaderError
	for errors.As(err, &nl) {
		err = sendCommand(nl.leader, cmd)
	}
	return err
}

// commit POSTs a command to a node.
func commit(ctx context.Context, c *http.Client, addr string) error { // want commit:`effect\(idempotency.commit: sends a POST`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/commit", nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: only the refusal is retried, with the POST one level down.
// (The first call, before the loop, is the function's own effect.)
func commitOnLeader(ctx context.Context, c *http.Client, addr string) error { // want commitOnLeader:`effect\(idempotency.commitOnLeader -> idempotency.commit`
	err := commit(ctx, c, addr)
	var nl *notLeaderError
	for errors.As(err, &nl) {
		err = commit(ctx, c, nl.leader)
	}
	return err
}

// Flagged: the look-alike retries timeouts, after which the server may
// have applied the command.
func commitOnTimeout(ctx context.Context, c *http.Client, addr string) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = commit(ctx, c, addr) // want `retried call to idempotency.commit, which sends a POST without an Idempotency-Key header, can take effect twice`
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			return err
		}
		time.Sleep(time.Second << attempt)
	}
	return err
}

// Flagged: a 201 is this loop's success, so it is a retry, not a poll
// (issue 14: success is whatever status the loop's own check accepts).
func createOrder201(ctx context.Context, c *http.Client, u string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u+"/orders", nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req) // want `retried POST request has no Idempotency-Key header`
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusCreated {
				return nil
			}
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// Flagged: a switch naming 201 and 202 is this loop's success, so it
// is a retry and the POST is retried (issue 14).
func createOrderSwitch(ctx context.Context, c *http.Client, u string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u+"/orders", nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req) // want `retried POST request has no Idempotency-Key header`
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusCreated, http.StatusAccepted:
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// Silent: the look-alike sends one order per iteration, going round
// after each 201 or 202 and leaving on any other status: a sender, not
// a retry.
func sendOrders(ctx context.Context, c *http.Client, u string, n int) error { // want sendOrders:`effect\(idempotency.sendOrders: sends a POST`
	for i := 0; i < n; i++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u+"/orders", nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusCreated, http.StatusAccepted:
			continue
		}
		return errUnavailable
	}
	return nil
}

// Flagged: a compound loop condition, and the request sent as
// req.WithContext(ctx), keep the POST (issue 14).
func uploadChunks(ctx context.Context, c *http.Client, u string, body []byte) error {
	req, err := http.NewRequest(http.MethodPost, u+"/chunks", nil)
	if err != nil {
		return err
	}
	for len(body) > 0 && ctx.Err() == nil {
		resp, err := c.Do(req.WithContext(ctx)) // want `retried POST request has no Idempotency-Key header`
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		resp.Body.Close()
		return nil
	}
	return ctx.Err()
}

// httpReq sends a request with the method its caller chooses.
func httpReq(ctx context.Context, c *http.Client, method, u string) error {
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Flagged: the constant method is passed one level down (issue 14).
func postViaHelper(ctx context.Context, c *http.Client, u string) error {
	for attempt := 0; attempt < 3; attempt++ {
		if err := httpReq(ctx, c, http.MethodPost, u+"/payments"); err == nil { // want `retried call to idempotency.httpReq, which sends a POST without an Idempotency-Key header, can take effect twice`
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// Silent: the same helper with GET.
func getViaHelper(ctx context.Context, c *http.Client, u string) error {
	for attempt := 0; attempt < 3; attempt++ {
		if err := httpReq(ctx, c, http.MethodGet, u+"/payments"); err == nil {
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// Silent: POSTs whose path is a read (a search, a GraphQL query, a
// token exchange): POST used as a transport for a query (docs/model.md,
// A5 over HTTP is direct).
func readLikePosts(ctx context.Context, c *http.Client, u string) error {
	for attempt := 0; attempt < 3; attempt++ {
		s, _ := http.NewRequestWithContext(ctx, http.MethodPost, u+"/api/v1/search", nil)
		g, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://api.example.com/graphql", nil)
		t, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://auth.example.com/oauth/token", nil)
		d, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://dns.example.com/dns-query", strings.NewReader("q"))
		_, err := c.Do(s)
		_, err = c.Do(g)
		_, err = c.Do(t)
		_, err = c.Do(d)
		_, err = c.Post("https://api.example.com/v2/query?x=1", "application/json", nil)
		if err == nil {
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// Flagged: the look-alike path is a write ("searches" is a resource,
// not a read).
func writeLikePost(ctx context.Context, c *http.Client, u string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://api.example.com/saved-searches", nil)
		if _, err := c.Do(req); err == nil { // want `retried POST request has no Idempotency-Key header`
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// outer calls inner, which POSTs: two levels down in the package.
func outer(ctx context.Context, c *http.Client, u string) error { // want outer:`effect\(idempotency.outer -> idempotency.inner: sends a POST`
	return inner(ctx, c, u)
}

func inner(ctx context.Context, c *http.Client, u string) error { // want inner:`effect\(idempotency.inner: sends a POST`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u+"/orders", nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent by default: an HTTP chain two calls deep is reported only with
// -idempotency.chains (POST is often a read in disguise).
func retryOuter(ctx context.Context, c *http.Client, u string) error {
	for attempt := 0; attempt < 3; attempt++ {
		if err := outer(ctx, c, u); err == nil {
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

type pusher struct {
	c   *http.Client
	url string // configured: the endpoint's path cannot be seen
}

func (p *pusher) send(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, nil)
	if err != nil {
		return err
	}
	resp, err := p.c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Silent: the URL's path cannot be seen, so whether this POST writes or
// reads (a push that the server deduplicates, a query) cannot be
// decided: not reported (loki's canary push; docs/model.md: when a
// rule cannot be decided from what the analysis sees, do not report).
func (p *pusher) push(ctx context.Context) error {
	for attempt := 0; attempt < 3; attempt++ {
		if err := p.send(ctx); err == nil {
			return nil
		}
		if err := wait(ctx, time.Second<<attempt); err != nil {
			return err
		}
	}
	return errUnavailable
}

// errNoLeader is what a follower answers; it applied nothing.
var errNoLeader = errors.New("no leader elected yet")

// Silent: the if-form of the refusal, with a wait: only the follower's
// refusal is retried, so the POST one level down was never applied
// (issue 14, shape 3).
func commitWhenElected(ctx context.Context, c *http.Client, addr string) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := commit(ctx, c, addr)
		if errors.Is(err, errNoLeader) {
			time.Sleep(time.Second << attempt)
			continue
		}
		return err
	}
	return errNoLeader
}

// Flagged: the look-alike also retries the refusal's neighbour, a
// deadline that passed while the server may have applied the POST.
func commitWhenElectedOrSlow(ctx context.Context, c *http.Client, addr string) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := commit(ctx, c, addr) // want `retried call to idempotency.commit, which sends a POST without an Idempotency-Key header, can take effect twice`
		if errors.Is(err, errNoLeader) || errors.Is(err, context.DeadlineExceeded) {
			time.Sleep(time.Second << attempt)
			continue
		}
		return err
	}
	return errNoLeader
}
