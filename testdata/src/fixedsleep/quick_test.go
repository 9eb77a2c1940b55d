package fixedsleep

import "testing"

// Tests set retryEvery to zero; that does not make it a setting.
func TestMain(m *testing.M) {
	retryEvery = 0
	m.Run()
}
