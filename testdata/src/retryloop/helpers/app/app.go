// Package app calls the helpers of package retry. It imports nothing
// a retry needs but context: the imported facts make its calls retries.
package app

import (
	"context"

	"retryloop/helpers/retry"
)

var send func(ctx context.Context) error

func save(ctx context.Context) error { return send(ctx) }

func Calls(ctx context.Context) error {
	err := retry.Do(ctx, 3, func() error { return send(ctx) }) // want `r2 helper op=lit ctx=caller`
	if err == nil {
		err = retry.WithBackoff(context.Background(), save) // want `r2 helper op=save ctx=background`
	}
	if err == nil {
		retry.Forever(func() error { return send(ctx) }) // want `r2 helper op=lit ctx=none`
	}
	if err == nil {
		err = retry.Safe(ctx, save) // want `r2 helper op=save ctx=caller`
	}
	// Not helpers: silent.
	if err == nil {
		err = retry.Once(func() error { return send(ctx) })
	}
	if err == nil {
		err = retry.Each([]string{"a"}, func(string) error { return send(ctx) })
	}
	return err
}
