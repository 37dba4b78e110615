package data

// What the report data's keeping test (reportkeep_ext_test.go) reaches inside the package.
var (
	ReadReportData   = (*Store).readReportData
	KeepReportData   = (*Store).keepReportData
	KeptReportData   = (*Store).keptReportData
	AppendKeptReport = appendKeptReport
	ReadKeptReport   = readKeptReport
	ShareUnitStrings = shareUnitStrings
	KeptDecodedSize  = keptDecodedSize
)

const KeptReportKey = keptReportKey
