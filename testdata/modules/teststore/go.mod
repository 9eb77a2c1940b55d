module example.com/teststore

go 1.26.0
