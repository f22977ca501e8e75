module github.com/nianbao/nianbao

go 1.26
