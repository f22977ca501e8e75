// Command nianbao turns the data of a 政府信息公开工作年度报告 into print-ready
// PDF and Word documents, and checks the reports of many bureaus at once.
//
// The command is thin: each command file turns flags into an options struct
// and calls one function of a package; exitCode turns errors into a message
// and an exit code.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/urfave/cli/v3"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1 // the report has errors (or warnings with --strict), or a batch had failures
	exitUsage    = 2 // bad flags or arguments, unreadable input, internal failure
)

// exitError carries an exit code up to run with a message already printed
// (or none to print).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := &cli.Command{
		Name:      "nianbao",
		Usage:     "政府信息公开工作年度报告：校验数据，生成 PDF 与 Word",
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		Commands: []*cli.Command{
			initCommand(),
			importCommand(),
			validateCommand(),
			renderCommand(),
			batchCommand(),
			fontsCommand(),
		},
		// Errors are printed once, by exitCode.
		ExitErrHandler: func(context.Context, *cli.Command, error) {},
	}
	return exitCode(app.Run(ctx, args), stderr)
}

// exitCode prints err for the user and returns the process exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var e *exitError
	if errors.As(err, &e) {
		if e.msg != "" {
			fmt.Fprintln(stderr, e.msg)
		}
		return e.code
	}
	fmt.Fprintln(stderr, "nianbao:", err)
	return exitUsage
}
