package forms

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Shape 1: for {} with break on success and sleep.
func infinite() {
	for { // want `retry attempts=\[op\(ok:break retry:end\)\] waits=\[sleep\(time.Second\)\]$`
		if err := op(); err == nil {
			break
		}
		time.Sleep(time.Second)
	}
}

// Shape 2: counted loop returning on success.
func counted() error {
	var err error
	for i := 0; i < 5; i++ { // want `retry attempts=\[op\(ok:return retry:end fail:cond\)\] waits=\[sleep\(2 \* time.Second\)\] counter=i<5 max=5 bounds=\[count\]$`
		err = op()
		if err == nil {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
	return err
}

// Shape 3: for attempt := range n.
func rangeInt() (string, error) {
	var lastErr error
	for attempt := range 4 { // want `retry attempts=\[fetch\(ok:return retry:end fail:cond\)\] waits=\[sleep\(time.Duration\(attempt\) \* time.Second\)\] counter=attempt<4 max=4 bounds=\[count\]$`
		s, err := fetch()
		if err == nil {
			return s, nil
		}
		lastErr = err
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	return "", lastErr
}

// Shape 4: for range n without a counter variable.
func rangeNoVar() error {
	for range 3 { // want `retry attempts=\[op\(ok:return retry:continue fail:cond\)\] waits=\[sleep\(time.Second\)\] counter=_<3 max=3`
		if err := op(); err != nil {
			time.Sleep(time.Second)
			continue
		}
		return nil
	}
	return errTemporary
}

// Shape 5: err := op(); for err != nil { wait; err = op() }.
func errCond() error {
	err := op()
	for err != nil { // want `retry attempts=\[op\(ok:cond retry:end\)\] waits=\[sleep\(time.Second\)\]$`
		time.Sleep(time.Second)
		err = op()
	}
	return nil
}

// Shape 6: a labelled break out of a select inside the loop.
func labelled() {
retry:
	for { // want `retry attempts=\[op\(ok:break retry retry:end\)\] waits=\[after\(time.Second\)@select\]$`
		err := op()
		select {
		case <-time.After(time.Second):
			if err == nil {
				break retry
			}
		}
	}
}

// Shape 7: goto out of the loop.
func gotoOut() {
	for { // want `retry attempts=\[op\(ok:goto done retry:end\)\] waits=\[sleep\(time.Second\)\]$`
		if op() == nil {
			goto done
		}
		time.Sleep(time.Second)
	}
done:
}

// Shape 8: an HTTP status check decides failure.
func status(url string) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `retry attempts=\[get\(ok:return retry:continue,continue fail:cond,return\)\] waits=\[sleep\(time.Second\) sleep\(time.Second\)\] counter=i<3 max=3`
		resp, err := get(url)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errTemporary
}

// Shape 9: the status switch: only a 2xx leaves the loop.
func statusSwitch(url string) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `retry attempts=\[get\(ok:return retry:end fail:return,cond,return\)\]`
		resp, err := get(url)
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusOK, http.StatusCreated:
			return resp, nil
		case http.StatusServiceUnavailable:
			resp.Body.Close()
		default:
			return nil, errTemporary
		}
		time.Sleep(time.Second)
	}
	return nil, errTemporary
}

// Shape 10: status compared as a class.
func statusClass(url string) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `retry attempts=\[get\(ok:return retry:end`
		resp, err := get(url)
		if err == nil && resp.StatusCode/100 == 2 {
			return resp, nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
	return nil, errTemporary
}

// Shape 11: no wait: an immediate retry is still R1.
func immediate() error {
	for i := 0; i < 2; i++ { // want `retry attempts=\[op\(ok:return retry:end fail:cond\)\] waits=\[\] counter=i<2 max=2`
		if err := op(); err == nil {
			return nil
		}
	}
	return errTemporary
}

// Shape 12: the wait is skipped on the first pass.
func skipFirst() error {
	for attempt := 0; attempt < 5; attempt++ { // want `retry attempts=\[op\(ok:return retry:end fail:cond\)\] waits=\[sleep\(time.Second << attempt\)\] counter=attempt<5 max=5`
		if attempt > 0 {
			time.Sleep(time.Second << attempt)
		}
		if err := op(); err == nil {
			return nil
		}
	}
	return errTemporary
}

// Shape 13: a counter stepped in the body with its limit checked there.
func bodyCounter() error {
	attempt := 0
	for { // want `retry attempts=\[op\(ok:return retry:end fail:return\)\] waits=\[sleep\(time.Second\)\] counter=attempt<5 max=5 bounds=\[count\]$`
		attempt++
		err := op()
		if err == nil {
			return nil
		}
		if attempt >= 5 {
			return err
		}
		time.Sleep(time.Second)
	}
}

// Shape 14: classification before the retry: the non-retryable error
// leaves, the retryable one loops.
func classified() error {
	for i := 0; i < 4; i++ { // want `retry attempts=\[op\(ok:return retry:end fail:return,cond\)\]`
		err := op()
		if err == nil {
			return nil
		}
		if !isRetryable(err) {
			return err
		}
		time.Sleep(time.Second)
	}
	return errTemporary
}

// Shape 15: a deadline bounds the loop.
func deadline() error {
	stop := time.Now().Add(time.Minute)
	for time.Now().Before(stop) { // want `retry attempts=\[op\(ok:return retry:end fail:cond\)\] waits=\[sleep\(time.Second\)\] bounds=\[deadline\]$`
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errTemporary
}

// Shape 16: the attempt in a function literal called in place.
func inPlace() error {
	for i := 0; i < 3; i++ { // want `retry attempts=\[\(func\(\) error literal\)\(ok:return`
		err := func() error {
			return op()
		}()
		if err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errTemporary
}

// Shape 17: a failover inside a retry: the outer loop retries the set.
func failoverRetry(urls []string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ { // want `retry attempts=\[get\(ok:return retry:end`
		for _, u := range urls {
			resp, err := get(u)
			if err == nil {
				return resp, nil
			}
		}
		time.Sleep(time.Second)
	}
	return nil, errTemporary
}

// Shape 18: a counted loop of at most two attempts is still R1.
func twoAttempts() error {
	for i := 1; i <= 2; i++ { // want `counter=i<2 max=2`
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errTemporary
}

// Shape 19: counting down.
func countDown() error {
	for left := 3; left > 0; left-- { // want `counter=left<0 max=3`
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errTemporary
}

// Shape 20: the loop condition tests the error and a counter.
func condAndCounter() error {
	err := op()
	for i := 0; err != nil && i < 3; i++ { // want `retry attempts=\[op\(ok:cond retry:end fail:cond\)\] waits=\[sleep\(time.Second\)\] counter=i<3 max=3`
		time.Sleep(time.Second)
		err = op()
	}
	return err
}

// Shape 21: a doubling delay in the post statement.
func doublingPost() error {
	for d := time.Second; d < time.Minute; d *= 2 { // want `retry attempts=\[op\(ok:return retry:end fail:cond\)\] waits=\[sleep\(d\)\]`
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(d)
	}
	return errTemporary
}

// Shape 22: a post-stepped counter whose limit is checked in the body,
// after the attempt: retry 0 to 4 make five attempts.
func postCounter() error {
	for retry := 0; ; retry++ { // want `retry attempts=\[op\(ok:return retry:end fail:return\)\] waits=\[sleep\(time.Second\)\] counter=retry<4 max=5 bounds=\[count\]$`
		err := op()
		if err == nil {
			return nil
		}
		if retry >= 4 {
			return err
		}
		time.Sleep(time.Second)
	}
}

// Shape 23: the attempt in the init statement runs once; the one in the
// post statement is the retry.
func postAttempt() error {
	for err := op(); err != nil; err = op() { // want `retry attempts=\[op\(ok:cond retry:end fail:cond\)\] waits=\[sleep\(time.Second\)\]$`
		time.Sleep(time.Second)
	}
	return nil
}

// Shape 24: the attempt is the loop condition.
func condAttempt() {
	for op() != nil { // want `retry attempts=\[op\(ok:cond retry:end\)\] waits=\[sleep\(time.Second\)\]$`
		time.Sleep(time.Second)
	}
}

// Shape 25: of two counters stepped in the body, the one compared with
// a limit is the attempt counter.
func twoCounters() error {
	sent, attempts := 0, 0
	for { // want `counter=attempts<6 max=6 bounds=\[count\]$`
		sent++
		attempts++
		if err := op(); err == nil {
			return nil
		}
		if attempts >= 6 || sent < 0 {
			return errTemporary
		}
		time.Sleep(time.Second)
	}
}

func dialConn() (string, error)   { return "", io() }
func handshake(conn string) error { return fail(errTemporary) }

// fail stands for a failure by I/O: a function that returns only a
// sentinel error is a check of state (a poll), not an operation.
var fail func(error) error

// Shape 26: dial then handshake; the handshake is an operation (it can
// fail by I/O), so the loop is a retry even though dial's success can
// loop.
func dialHandshake() (string, error) {
	for i := 0; i < 3; i++ { // want `retry attempts=\[handshake\(ok:return retry:continue fail:cond\)\]`
		c, err := dialConn()
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if err := handshake(c); err != nil {
			time.Sleep(time.Second)
			continue
		}
		return c, nil
	}
	return "", errTemporary
}

// Shape 27: a request rebuilt per attempt from values declared before
// the loop, with the counter handed to the attempt.
func rebuilt(url string) error {
	for attempt := 0; attempt < 3; attempt++ { // want `retry attempts=\[send\(ok:return`
		if err := send(url, attempt); err == nil {
			return nil
		}
		time.Sleep(time.Second << attempt)
	}
	return errTemporary
}

func send(url string, attempt int) error { return fail(errTemporary) }

// Shape 28: the request is built in the loop and a build error is
// returned; the send is the attempt.
func buildAndSend(url string) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `retry attempts=\[http.DefaultClient.Do\(ok:return retry:end`
		req, err := http.NewRequest(http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second << i)
	}
	return nil, errTemporary
}

// Shape 29: a select with a default case at the top checks the context
// without blocking; unlike a worker's select, it does not wait for an
// event, so the loop is a retry.
func selectDefault(ctx context.Context) error {
	for { // want `retry attempts=\[op\(ok:return retry:continue\)\] waits=\[sleep\(time.Second\)\] ctx=\[ctx:param\] obs=\[done:in\] observed$`
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if err := op(); err != nil {
			time.Sleep(time.Second)
			continue
		}
		return nil
	}
}

// A time.After in a select whose case leaves is a deadline, not a wait.
func retryWithDeadline() error {
	deadline := time.After(time.Minute)
	for { // want `retry attempts=\[op\(ok:return retry:end fail:return\)\] waits=\[after\(time.Second\)@select\] bounds=\[deadline\]$`
		if err := op(); err == nil {
			return nil
		}
		select {
		case <-deadline:
			return errTemporary
		case <-time.After(time.Second):
		}
	}
}

var advance func(token string) (string, error)

// The attempt's argument is its own state, updated from its result (a
// resumable upload's offset, a migration's cursor): still a retry, not a
// walk over data (issue 14; loki's cmd/migrate).
func resume() error {
	token := ""
	var err error
	for i := 0; i < 5; i++ { // want `retry attempts=\[advance`
		token, err = advance(token)
		if err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

var (
	sendWith  func(token string) error
	newToken  func() (string, error)
	dialAddr  func(addr string) error
	errExpiry = errTemporary
)

// The attempt's credentials, replaced from a refresh (an operation of
// its own) after an expired token, are its own state: still a retry, not
// a walk over data (issue 14).
func refreshed(token string) error {
	for i := 0; i < 5; i++ { // want `retry attempts=\[sendWith`
		err := sendWith(token)
		if err == nil {
			return nil
		}
		if errors.Is(err, errExpiry) {
			t, rerr := newToken()
			if rerr != nil {
				return rerr
			}
			token = t
		}
		time.Sleep(time.Second)
	}
	return errTemporary
}

// Not a retry: the look-alike moves to the next address of a list after
// each failure (failover, a walk over data).
func failoverList(addrs []string) error {
	addr := addrs[0]
	for i := 1; i < 5; i++ {
		if err := dialAddr(addr); err == nil {
			return nil
		}
		if i >= len(addrs) {
			return errTemporary
		}
		addr = addrs[i]
		time.Sleep(time.Second)
	}
	return errTemporary
}

// Shape 4b: for range n over a type parameter of integers (issue 15).
func rangeTypeParam[N interface{ small }](n N) error {
	for attempt := range n { // want `retry attempts=\[op\(ok:return retry:end fail:cond\)\] waits=\[sleep\(time.Duration\(attempt\) \* time.Second\)\] counter=attempt<n bounds=\[count\]$`
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	return errTemporary
}

// small is an integer constraint, embedded in rangeTypeParam's.
type small interface{ ~uint8 }

type redialer interface{ Redial() error }

// A retry: the method's receiver comes from somewhere other than the
// error it assigns (the look-alike of negatives' rootCause).
func redialUntil(conn any) error {
	err := op()
	for err != nil { // want `retry attempts=\[r.Redial\(ok:cond retry:end\)\] waits=\[sleep\(time.Second\)\] bounds=\[flag\]$`
		r, ok := conn.(redialer)
		if !ok {
			break
		}
		time.Sleep(time.Second)
		err = r.Redial()
	}
	return err
}
