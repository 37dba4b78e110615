// Package localeenv runs before Fyne's own start-up code and gives it a locale it can read.
//
// Fyne's lang package, while the program starts (before main), reads the locale from LC_ALL,
// LC_MESSAGES, LANG and LANGUAGE and logs "Error parsing user locale C" to stderr when it is
// "C.UTF-8" or another name that is not a language tag, which every subcommand then printed. Go
// initialises packages in the order of their import paths (Go 1.21+): this package's path,
// boot.ketnghia/localeenv, sorts before fyne.io/fyne/v2/lang, and it imports nothing of Fyne, so
// its init runs first. It is a module of its own (required with a replace directive in the
// project's go.mod) only to have that path.
package localeenv

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if !isLanguageTag(v) {
			// LANGUAGE is read after these unless one is exactly C or POSIX; the program speaks
			// Vietnamese, so that is the language Fyne is told.
			os.Setenv("LANGUAGE", "vi")
		}
		return
	}
}

// isLanguageTag says whether a POSIX locale name starts with a language code ("vi_VN.UTF-8", "en").
func isLanguageTag(v string) bool {
	lang, _, _ := strings.Cut(v, "_")
	lang, _, _ = strings.Cut(lang, ".")
	lang, _, _ = strings.Cut(lang, "@")
	if len(lang) < 2 || len(lang) > 3 {
		return false
	}
	for _, r := range lang {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}
