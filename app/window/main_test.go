package window

import (
	"os"
	"testing"

	"ketnghia/app/window/screen"
)

func TestMain(m *testing.M) {
	screen.Background = func(work func()) { work() }
	os.Exit(m.Run())
}
