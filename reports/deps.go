//go:build deps

// Package reports will build the PDF review reports from domain values. Until the first report
// lands, this file (built only with the "deps" tag) keeps the PDF library's version pinned in go.mod.
package reports

import _ "github.com/jung-kurt/gofpdf"
