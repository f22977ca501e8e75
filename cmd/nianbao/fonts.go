package main

import (
	"context"
	"errors"

	"github.com/urfave/cli/v3"
)

// fontsCommand is being written (see the issue tracker).
func fontsCommand() *cli.Command {
	return &cli.Command{
		Name:  "fonts",
		Usage: "(not yet available)",
		Action: func(context.Context, *cli.Command) error {
			return errors.New("fonts: not yet available")
		},
	}
}
