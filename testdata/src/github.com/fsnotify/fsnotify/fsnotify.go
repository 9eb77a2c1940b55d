// Package fsnotify is a stub of github.com/fsnotify/fsnotify: a watcher
// whose Add reaches only the local kernel.
package fsnotify

import "os"

type Watcher struct{ fd int }

// Add watches path; the stub stats it where the real one calls
// inotify_add_watch.
func (w *Watcher) Add(path string) error {
	_, err := os.Stat(path)
	return err
}
