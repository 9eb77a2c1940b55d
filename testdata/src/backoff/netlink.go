package backoff

import (
	"net/http"
	"strings"
	"time"

	"github.com/google/nftables"
)

// Silent: every attempt is a netlink message to this machine's kernel,
// retried while it answers "busy": no server shares the load (netbird's
// nftables ACL manager; unseen triage of 2026-12-03).
func flushRules(c *nftables.Conn) error {
	wait := time.Second
	for i := 0; ; i++ {
		err := c.Flush()
		if err == nil {
			return nil
		}
		if !strings.Contains(err.Error(), "busy") || i == 3 {
			return err
		}
		time.Sleep(wait)
		wait *= 2
	}
}

// Flagged: the look-alike sends its attempts to a server.
func pushRules(url string) error {
	wait := time.Second
	for i := 0; ; i++ {
		resp, err := http.Post(url, "application/json", nil)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if !strings.Contains(err.Error(), "busy") || i == 3 {
			return err
		}
		time.Sleep(wait) // want `retry loop backs off exponentially without jitter`
		wait *= 2
	}
}
