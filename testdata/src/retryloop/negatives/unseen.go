package negatives

import (
	"context"
	"errors"
	"io"
	"log"
	"time"
)

func loadOne(ctx context.Context, b string) error { return op() }

// loadAll logs and skips each item's error: it returns only nil.
func loadAll(ctx context.Context, items []string) error {
	for _, b := range items {
		if err := loadOne(ctx, b); err != nil {
			log.Print(err)
			continue
		}
	}
	return nil
}

// Not a retry: the call cannot fail, so nothing is retried (minio's
// resync routine).
func routine(ctx context.Context, items []string) {
	for {
		if err := loadAll(ctx, items); err == nil {
			<-ctx.Done()
			return
		}
		time.Sleep(time.Second)
	}
}

var errPartMissing = errors.New("part not written yet")

var readPart func(ctx context.Context, n int, w io.Writer) error

// Not a retry: io.EOF ends a part and the loop reads the next, a stream
// reader (minio's metacache stream).
func streamParts(ctx context.Context, w io.Writer) error {
	part := 0
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		err := readPart(ctx, part, w)
		if err == nil {
			return nil
		}
		if errors.Is(err, errPartMissing) {
			time.Sleep(250 * time.Millisecond)
			continue
		}
		if !errors.Is(err, io.EOF) {
			return err
		}
		part++
	}
}

// errReceiptMissing says the receipt is not there yet, by its text.
var errReceiptMissing = errors.New("receipt not found")

var receipt func(ctx context.Context, tx string) error

// Not a retry: it waits for a receipt to appear, retrying only a
// not-found error of the package's own (go-ethereum's WaitMined; a
// sentinel whose text says "not found").
func waitMined(ctx context.Context, tx string) error {
	for {
		err := receipt(ctx, tx)
		if err == nil {
			return nil
		}
		if !errors.Is(err, errReceiptMissing) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// Not a retry: waiting for an uploaded object to show up, comparing with
// a not-found sentinel by != (rclone's linkbox, eventual consistency).
func awaitUploaded(ctx context.Context, tx string) error {
	var err error
	for try := 1; try <= 10; try++ {
		err = receipt(ctx, tx)
		if err == nil {
			break
		}
		if err != errReceiptMissing {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}
