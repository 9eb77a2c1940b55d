module example.com/devtools

go 1.26.0
