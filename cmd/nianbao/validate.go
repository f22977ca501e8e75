package main

import (
	"context"
	"errors"

	"github.com/urfave/cli/v3"
)

// validateCommand is being written (see the issue tracker).
func validateCommand() *cli.Command {
	return &cli.Command{
		Name:  "validate",
		Usage: "(not yet available)",
		Action: func(context.Context, *cli.Command) error {
			return errors.New("validate: not yet available")
		},
	}
}
