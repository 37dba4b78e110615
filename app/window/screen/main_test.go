package screen

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	Background = func(work func()) { work() }
	os.Exit(m.Run())
}
