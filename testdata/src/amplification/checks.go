package amplification

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cenkalti/backoff/v4"
)

var errNoLeader = errors.New("no leader")

// leader reads in-memory Raft state.
var leader func() string

func leaderErr() error { return fmt.Errorf("%w: election in progress", errNoLeader) }

// waitLeader waits for the local Raft state to know a leader. Its
// operation makes no attempt: it fails only with the check's own error
// (docs/model.md, A check is not an attempt), so the library polls and
// the function exports no Retries fact (weaviate's Raft.Query; unseen
// triage of 2026-12-03).
func waitLeader(ctx context.Context) (string, error) {
	var l string
	err := backoff.Retry(func() error {
		if l = leader(); l == "" {
			return leaderErr()
		}
		return nil
	}, backoff.WithContext(backoff.WithMaxRetries(backoff.NewConstantBackOff(100*time.Millisecond), 30), ctx))
	return l, err
}

// withSchema retries read until the schema holds what it looks for.
func withSchema(ctx context.Context, read func() error) error { // want withSchema:`retries\(amplification\.withSchema, 4 attempts\)`
	return backoff.Retry(read, backoff.WithContext(backoff.WithMaxRetries(backoff.NewConstantBackOff(50*time.Millisecond), 3), ctx))
}

var replicas map[string]int

var errNoClass = errors.New("class not found")

// shardReplicas hands withSchema an operation that only reads memory:
// the helper's retry is a poll here, and does not pass through.
func shardReplicas(ctx context.Context, class string) (int, error) {
	var n int
	err := withSchema(ctx, func() error {
		if n = replicas[class]; n == 0 {
			return errNoClass
		}
		return nil
	})
	return n, err
}

var errNoShard = errors.New("shard not found")

type classMeta struct{ replicas map[string][]string }

// nodes reads memory and fails only with a sentinel: a check.
func (m *classMeta) nodes(shard string) ([]string, error) {
	r, ok := m.replicas[shard]
	if !ok {
		return nil, errNoShard
	}
	return r, nil
}

type schemaState struct{ classes map[string]*classMeta }

// nodes fails with a sentinel or with what its class's check says: a
// check too, a call deeper.
func (s *schemaState) nodes(class, shard string) ([]string, error) {
	m := s.classes[class]
	if m == nil {
		return nil, errNoClass
	}
	return m.nodes(shard)
}

var state = &schemaState{}

// shardNodes hands withSchema an operation whose only failing call is a
// check: no attempt either (weaviate's ShardReplicasWithVersion).
func shardNodes(ctx context.Context, class, shard string) ([]string, error) {
	var nodes []string
	err := withSchema(ctx, func() error {
		var err error
		nodes, err = state.nodes(class, shard)
		return err
	})
	return nodes, err
}

// Silent: neither inner retry sends anything.
func replicate(ctx context.Context, class string) error { // want replicate:`retries\(amplification\.replicate, 5 attempts\)`
	var err error
	for i := 0; i < 5; i++ {
		if _, err = waitLeader(ctx); err != nil {
			return err
		}
		if _, err = shardReplicas(ctx, class); err != nil {
			return err
		}
		if _, err = shardNodes(ctx, class, "s1"); err != nil {
			return err
		}
		if err = fetchConfig(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Duration(i) * time.Second)
	}
	return err
}

// Flagged: the look-alike hands withSchema an operation that asks a
// server.
func replicateRemote(ctx context.Context) error { // want replicateRemote:`retries\(amplification\.replicateRemote, 5 attempts\)`
	var err error
	for i := 0; i < 5; i++ {
		if err = withSchema(ctx, func() error { return fetchConfig(ctx) }); err == nil { // want `retry loop \(5 attempts\) calls amplification\.withSchema, which tries 4 times itself: up to 20 calls per operation`
			return nil
		}
		time.Sleep(time.Duration(i) * time.Second)
	}
	return err
}
