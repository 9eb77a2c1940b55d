package amplification

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"amplification/store"
)

// A part upload retries, and gives up with an error wrapping
// errPartExhausted. The blob upload around it retries each part too,
// but returns at once when the part's retry gave up: the layers do not
// multiply, since only failures that the inner retry did not see
// again and again reach the outer wait (ollama's blob push).
var errPartExhausted = errors.New("part: retries exhausted")

var errQuota = errors.New("quota exceeded")

func putPart(ctx context.Context, n int) error { // want putPart:`retries\(amplification\.putPart, 4 attempts\)`
	var err error
	for try := 0; try < 4; try++ {
		if err = store.Backend.Put(ctx, fmt.Sprint(n)); err == nil {
			return nil
		}
		time.Sleep(time.Duration(try+1) * time.Second)
	}
	return fmt.Errorf("%w: %w", errPartExhausted, err)
}

// pushPart stops on the inner retry's give-up error: not reported.
func pushPart(ctx context.Context, n int) error { // want pushPart:`retries\(amplification\.pushPart, 3 attempts\)`
	var err error
	for try := 0; try < 3; try++ {
		err = putPart(ctx, n)
		switch {
		case errors.Is(err, context.Canceled), errors.Is(err, errPartExhausted):
			return err
		case err != nil:
			time.Sleep(time.Second)
			continue
		}
		return nil
	}
	return err
}

// pushPartLogged only logs the give-up and retries it: reported.
func pushPartLogged(ctx context.Context, n int) error { // want pushPartLogged:`retries\(amplification\.pushPartLogged, 3 attempts\)`
	var err error
	for try := 0; try < 3; try++ {
		err = putPart(ctx, n) // want `retry loop \(3 attempts\) calls amplification\.putPart, which tries 4 times itself: up to 12 calls per operation; retry at one layer`
		if err == nil {
			return nil
		}
		if errors.Is(err, errPartExhausted) {
			log.Print("part retries exhausted; trying again")
		}
		time.Sleep(time.Second)
	}
	return err
}

// pushPartOther stops on another error than the inner give-up: reported.
func pushPartOther(ctx context.Context, n int) error { // want pushPartOther:`retries\(amplification\.pushPartOther, 3 attempts\)`
	var err error
	for try := 0; try < 3; try++ {
		err = putPart(ctx, n) // want `retry loop \(3 attempts\) calls amplification\.putPart, which tries 4 times itself`
		if err == nil || errors.Is(err, errQuota) {
			return err
		}
		time.Sleep(time.Second)
	}
	return err
}

// A part fetch that follows a redirect by calling itself in a retry
// loop: the loop reaches only itself, by recursion, which the model
// leaves out. Not reported.
type redirectError struct{ to string }

func (e *redirectError) Error() string { return "redirect to " + e.to }

func fetchPart(ctx context.Context, url string, redirected bool) error { // want fetchPart:`retries\(amplification\.fetchPart, 3 attempts\)`
	err := store.Backend.Put(ctx, url)
	var r *redirectError
	if !redirected && errors.As(err, &r) {
		for try := 0; try < 3; try++ {
			if err = fetchPart(ctx, r.to, true); err == nil {
				return nil
			}
			time.Sleep(time.Duration(try+1) * time.Second)
		}
	}
	return err
}

var errRedirectExhausted = errors.New("redirect: retries exhausted")

// putFollowing retries only when redirected, in a switch case, and gives
// up with errRedirectExhausted (ollama's part upload).
func putFollowing(ctx context.Context, n int, redirected bool) error { // want putFollowing:`retries\(amplification\.putFollowing, 4 attempts\)`
	err := store.Backend.Put(ctx, fmt.Sprint(n))
	switch {
	case err == nil:
		return nil
	case redirected:
		for try := 0; try < 4; try++ {
			if err = store.Backend.Put(ctx, "elsewhere"); err == nil {
				return nil
			}
			time.Sleep(time.Duration(try+1) * time.Second)
		}
		return fmt.Errorf("%w: %w", errRedirectExhausted, err)
	}
	return err
}

// pushFollowing stops on the give-up of the inner retry in the case
// clause: not reported.
func pushFollowing(ctx context.Context, n int) error { // want pushFollowing:`retries\(amplification\.pushFollowing, 3 attempts\)`
	var err error
	for try := 0; try < 3; try++ {
		err = putFollowing(ctx, n, true)
		switch {
		case errors.Is(err, errRedirectExhausted):
			return err
		case err != nil:
			time.Sleep(time.Second)
			continue
		}
		return nil
	}
	return err
}
