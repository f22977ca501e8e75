package main

import (
	"context"
	"errors"

	"github.com/urfave/cli/v3"
)

// renderCommand is being written (see the issue tracker).
func renderCommand() *cli.Command {
	return &cli.Command{
		Name:  "render",
		Usage: "(not yet available)",
		Action: func(context.Context, *cli.Command) error {
			return errors.New("render: not yet available")
		},
	}
}
