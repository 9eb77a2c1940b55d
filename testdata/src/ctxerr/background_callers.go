package ctxerr

import (
	"context"
	"os"
	"os/signal"
	"time"
)

type tierKey struct{}

type objectStorage interface {
	Put(ctx context.Context, key string) error
}

type blockStore struct {
	storage objectStorage
}

func (s *blockStore) put(ctx context.Context, key string) error {
	return s.storage.Put(ctx, key)
}

// upload takes a context only to carry a value: every caller in the
// package hands it one made from context.Background(), which no one can
// cancel, so there is no caller to give up (juicefs's cachedStore.upload
// and its storage self-test).
func (s *blockStore) upload(ctx context.Context, key string) error {
	var err error
	for try := 0; try < 10; try++ {
		if err = s.put(ctx, key); err == nil {
			return nil
		}
		time.Sleep(time.Second * time.Duration(try*try))
	}
	return err
}

func (s *blockStore) flush(key string) error {
	ctx := context.WithValue(context.Background(), tierKey{}, 1)
	return s.upload(ctx, key)
}

func (s *blockStore) flushStaged(key string) {
	go func() {
		_ = s.upload(context.WithValue(context.Background(), tierKey{}, 2), key)
	}()
}

// uploadFor is the look-alike: one caller hands it its own context, which
// can be cancelled.
func (s *blockStore) uploadFor(ctx context.Context, key string) error {
	var err error
	for try := 0; try < 10; try++ {
		if err = s.put(ctx, key); err == nil {
			return nil
		}
		time.Sleep(time.Second * time.Duration(try*try)) // want `retry loop never observes ctx`
	}
	return err
}

func (s *blockStore) flushBackground(key string) error {
	return s.uploadFor(context.Background(), key)
}

func (s *blockStore) flushFor(ctx context.Context, key string) error {
	return s.uploadFor(ctx, key)
}

// Upload is exported: callers outside the package may cancel.
func (s *blockStore) Upload(ctx context.Context, key string) error {
	var err error
	for try := 0; try < 10; try++ {
		if err = s.put(ctx, key); err == nil {
			return nil
		}
		time.Sleep(time.Second * time.Duration(try*try)) // want `retry loop never observes ctx`
	}
	return err
}

func (s *blockStore) flushExported(key string) error {
	return s.Upload(context.Background(), key)
}

// Rooted at Background, but a signal ends it: the parameter is the
// caller's to cancel (the example service's migrate, under
// signal.NotifyContext).
func migrateAll(ctx context.Context, s *blockStore) error {
	var err error
	for try := 0; try < 6; try++ {
		if err = s.put(ctx, "schema"); err == nil {
			return nil
		}
		time.Sleep(time.Second * time.Duration(1<<try)) // want `retry loop never observes ctx`
	}
	return err
}

func runMigrations(s *blockStore) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return migrateAll(ctx, s)
}
