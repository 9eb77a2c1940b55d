// Package othertimer holds a retry loop whose wait receives from a
// timer made by another package's helper, with an attempt counter and
// no constant limit: the wait's duration is not seen. The recogniser
// once panicked on it (ast.Walk of a nil duration; opa's topdown HTTP
// retry, met in the unseen triage of 2026-12-03 through spire). Silent.
package othertimer

import (
	"net/http"
	"time"

	"timerx"
)

func fetch(c *http.Client, req *http.Request, limit int) (*http.Response, error) {
	var err error
	for n := 0; true; n++ {
		var resp *http.Response
		resp, err = c.Do(req)
		if err == nil {
			return resp, nil
		}
		if n == limit {
			break
		}
		t, stop := timerx.Start(time.Duration(n+1) * 100 * time.Millisecond)
		select {
		case <-t.C:
		case <-req.Context().Done():
			stop()
			return nil, req.Context().Err()
		}
	}
	return nil, err
}
