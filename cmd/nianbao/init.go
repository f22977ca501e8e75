package main

import (
	"context"
	"errors"

	"github.com/urfave/cli/v3"
)

// initCommand is being written (see the issue tracker).
func initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "(not yet available)",
		Action: func(context.Context, *cli.Command) error {
			return errors.New("init: not yet available")
		},
	}
}
