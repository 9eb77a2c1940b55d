module example.com/gclcheck

go 1.26
