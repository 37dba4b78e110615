module boot.ketnghia/localeenv

go 1.26
