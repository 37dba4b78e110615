package data

import (
	"encoding/json"
	"reflect"
	"testing"
)

// The fast scanners take what the driver gives as database/sql would, and refuse the same.
func TestFastScannersReadLikeDatabaseSQL(t *testing.T) {
	var i int
	var pi *int
	var b bool
	var pb *bool
	var f float64
	var pf *float64
	cases := []struct {
		name string
		dest any
		src  any
		ok   bool
		want any
	}{
		{"int from int64", &i, int64(42), true, 42},
		{"int from a whole float", &i, float64(7), true, 7},
		{"int refuses a fraction", &i, 1.5, false, nil},
		{"int from numeric text", &i, "12", true, 12},
		{"int refuses words", &i, "abc", false, nil},
		{"int refuses NULL", &i, nil, false, nil},
		{"optional int from NULL", &pi, nil, true, (*int)(nil)},
		{"optional int from int64", &pi, int64(-3), true, -3},
		{"optional int refuses words", &pi, []byte("x"), false, nil},
		{"bool from 1", &b, int64(1), true, true},
		{"bool from 0", &b, int64(0), true, false},
		{"bool refuses 2", &b, int64(2), false, nil},
		{"optional bool from NULL", &pb, nil, true, (*bool)(nil)},
		{"optional bool from 1", &pb, int64(1), true, true},
		{"float from int64", &f, int64(3), true, 3.0},
		{"float from text", &f, "2.5", true, 2.5},
		{"optional float from NULL", &pf, nil, true, (*float64)(nil)},
		{"optional float from float", &pf, 0.25, true, 0.25},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc, ok := fastScanner(c.dest).(interface{ Scan(any) error })
			if !ok {
				t.Fatalf("no fast scanner for %T", c.dest)
			}
			err := sc.Scan(c.src)
			if (err == nil) != c.ok {
				t.Fatalf("err = %v, want ok=%v", err, c.ok)
			}
			if !c.ok {
				return
			}
			got := reflect.ValueOf(c.dest).Elem()
			if got.Kind() == reflect.Pointer && !got.IsNil() {
				got = got.Elem()
			}
			if !reflect.DeepEqual(got.Interface(), c.want) {
				t.Fatalf("got %v, want %v", got.Interface(), c.want)
			}
		})
	}
}

// The maps records keep as JSON read the same by the fast path and by encoding/json; anything the
// fast path does not know goes to encoding/json.
func TestFlatJSONReadsLikeEncodingJSON(t *testing.T) {
	for _, text := range []string{`{}`, ` { } `, `{"a":1}`, `{"tai_nan":3,"benh":12}`, `{"a": 1, "b" : -2}`,
		`{"a":1,"a":2}`, `{"\u0061":1}`, `{"a":1.0}`, `{"a":1e2}`, `{"a":1,}`, `{"a":1}x`, `[]`, `null`, ``} {
		var fast, slow map[string]int
		fastOK := fastJSON([]byte(text), &fast)
		slowErr := json.Unmarshal([]byte(text), &slow)
		if fastOK && (slowErr != nil || !reflect.DeepEqual(fast, slow)) {
			t.Errorf("%q: fast %v, encoding/json %v (%v)", text, fast, slow, slowErr)
		}
	}
	for _, text := range []string{`{}`, `{"1":0.5,"12":1}`, `{"x":1}`, `{"1":true}`} {
		var fast, slow map[int]float64
		fastOK := fastJSON([]byte(text), &fast)
		slowErr := json.Unmarshal([]byte(text), &slow)
		if fastOK && (slowErr != nil || !reflect.DeepEqual(fast, slow)) {
			t.Errorf("%q: fast %v, encoding/json %v (%v)", text, fast, slow, slowErr)
		}
	}
}
