module github.com/nianbao/nianbao

go 1.26

require github.com/urfave/cli/v3 v3.6.1 // indirect
