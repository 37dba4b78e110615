package cli

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"ketnghia/data/xlsx"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// TestProgressIsPrintedAfterASecond: work over a second prints its step on the error stream;
// work under it prints nothing.
func TestProgressIsPrintedAfterASecond(t *testing.T) {
	var quick syncBuffer
	tell, stop := startProgress(&quick)
	tell(xlsx.Progress{Stage: "Đang ghi", Done: 10, Total: 20})
	stop()
	if quick.b.Len() != 0 {
		t.Errorf("quick work printed %q", quick.b.String())
	}
	var slow syncBuffer
	tell, stop = startProgress(&slow)
	tell(xlsx.Progress{Stage: "Đang ghi", Done: 12000, Total: 21371})
	time.Sleep(1100 * time.Millisecond)
	stop()
	if out := slow.b.String(); !strings.Contains(out, "Đang ghi: 12.000/21.371 dòng (56%)") {
		t.Errorf("slow work printed %q", out)
	}
}
