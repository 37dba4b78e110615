// Package reports builds the PDF review reports for committee meetings from domain values, in the
// Party's document layout (HD 36-HD/VPTW, 2018): one file per report, the page and its parts in
// page.go, the map and charts in chart.go. It takes the same values the screens show (data.Settings,
// rules.Index and what data/rules computes) and never sees SQL. The same input and the same date
// give byte-identical files.
package reports
