package hugeheap

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestTheHeapIsLaidInHugePagesForACommandOnly(t *testing.T) {
	for _, c := range []struct {
		args string
		want bool
	}{
		{"report communes --db k.db --out so.pdf", true},
		{"report commune --db k.db --unit 23503 --out h.pdf", true},
		{"stats --db k.db", true},
		{"import --db k.db goi.ketnghia", true},
		{"", false},                   // the window
		{"--db k.db", false},          // the window on a file
		{"--version", false},          // answered before anything starts
		{"version", false},            //
		{"help", false},               //
		{"report --help", false},      // only the help
		{"report communes -h", false}, //
		{"-db=k.db", false},           // the window
		{"--db k.db --nope", false},   // a flag first: never a command
	} {
		if got := Wanted(strings.Fields(c.args)); got != c.want {
			t.Errorf("ketnghia %s: heap in huge pages %v, want %v", c.args, got, c.want)
		}
	}
}

// TestTheHeapGrowsIntoMemoryAdvisedForHugePages: after Lay, what the heap takes next lies in a
// mapping advised for huge pages and, where the system gives huge pages on request, is backed by
// them once touched.
func TestTheHeapGrowsIntoMemoryAdvisedForHugePages(t *testing.T) {
	if runtime.GOOS != "linux" {
		// Huge pages are asked for on Linux only; elsewhere Lay does nothing and says so.
		if Lay(64 << 20) {
			t.Errorf("Lay says huge pages were advised on %s", runtime.GOOS)
		}
		return
	}
	if !Lay(64 << 20) {
		t.Fatal("the system refused the advice for huge pages")
	}
	b := make([]byte, 16<<20)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	// Its middle: huge pages begin at 2 MB boundaries, and its first bytes may lie before one.
	addr := uint64(uintptr(unsafe.Pointer(unsafe.SliceData(b)))) + uint64(len(b))/2
	flags, huge := mappingOf(t, addr)
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the heap's new memory at %#x is not advised for huge pages (VmFlags: %s)", addr, flags)
	}
	mode, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if strings.Contains(string(mode), "[never]") || len(mode) == 0 {
		t.Logf("this system gives no huge pages (%q): only the advice is checked", strings.TrimSpace(string(mode)))
	} else if huge == 0 {
		t.Errorf("16 MB touched after the advice hold no huge page (mode %q)", strings.TrimSpace(string(mode)))
	}
	runtime.KeepAlive(b)
}

// mappingOf reads /proc/self/smaps for the mapping holding addr: its VmFlags and its
// AnonHugePages (kB).
func mappingOf(t *testing.T, addr uint64) (flags string, hugeKB int) {
	t.Helper()
	raw, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	in := false
	for _, line := range strings.Split(string(raw), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if lo, hi, ok := strings.Cut(f[0], "-"); ok && !strings.HasSuffix(f[0], ":") {
			l, err1 := strconv.ParseUint(lo, 16, 64)
			h, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil {
				in = l <= addr && addr < h
				continue
			}
		}
		if !in {
			continue
		}
		switch f[0] {
		case "AnonHugePages:":
			hugeKB, _ = strconv.Atoi(f[1])
		case "VmFlags:":
			return strings.Join(f[1:], " "), hugeKB
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return "", 0
}
