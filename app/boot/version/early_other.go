//go:build !windows

package version

import "os"

func init() {
	if len(os.Args) == 2 {
		switch os.Args[1] {
		case "-v", "--version", "-version", "version":
			os.Stdout.WriteString("KetNghia " + Number + "\n")
			os.Exit(0)
		}
	}
}
