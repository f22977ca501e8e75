package main

import (
	"context"
	"errors"

	"github.com/urfave/cli/v3"
)

// batchCommand is being written (see the issue tracker).
func batchCommand() *cli.Command {
	return &cli.Command{
		Name:  "batch",
		Usage: "(not yet available)",
		Action: func(context.Context, *cli.Command) error {
			return errors.New("batch: not yet available")
		},
	}
}
