module boot.ketnghia

go 1.26
