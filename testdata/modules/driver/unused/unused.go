// Package unused has a directive that silences nothing.
package unused

import "time"

// Wait is no retry.
func Wait() {
	//retryvet:ignore fixedsleep there is no retry here any more
	time.Sleep(time.Second)
}
