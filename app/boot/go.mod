module boot.ketnghia

go 1.26

require (
	github.com/go-fonts/liberation v0.3.3
	github.com/jung-kurt/gofpdf v1.16.2
)
