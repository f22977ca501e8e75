// Command nianbao turns the data of a 政府信息公开工作年度报告 into print-ready
// PDF and Word documents, and checks the reports of many bureaus at once.
//
// The command is thin: each command file turns flags into an options struct
// and calls one function of a package; exitCode turns errors into a message
// and an exit code. Help, flag errors and file errors are in Chinese
// (help.go).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v3"

	"github.com/nianbao/nianbao/render"
)

func main() {
	// SIGTERM (kill, systemd, a CI timeout) stops a run the way Ctrl-C
	// does: workers stop, temporary files are removed, batch writes its
	// summary. A second signal kills at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK          = 0
	exitFindings    = 1   // the report has errors (or warnings with --strict), or a batch had failures
	exitUsage       = 2   // bad flags or arguments, unreadable input, internal failure
	exitInterrupted = 130 // stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it)
)

// exitError carries an exit code up to run with a message already printed
// (or none to print).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// failure is the exitError for err: a file error told in Chinese with the
// path the user named (无法读取 nonexist.yaml：文件不存在), anything else
// after prefix ("nianbao render: …").
func failure(code int, prefix string, err error) *exitError {
	if fe, ok := render.AsFileError(err); ok {
		return &exitError{code, fe.Error()}
	}
	return &exitError{code, prefix + err.Error()}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := &cli.Command{
		Name:      "nianbao",
		Usage:     "政府信息公开工作年度报告：校验数据，生成 PDF 与 Word",
		Version:   moduleVersion(),
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
			versionCommand(),
		},
		Action: rootAction,
		// Errors are printed once, by exitCode.
		ExitErrHandler: func(context.Context, *cli.Command, error) {},
	}
	chinese(app)
	err := app.Run(ctx, args)
	if err != nil && ctx.Err() != nil {
		return exitCode(interrupted(err), stderr)
	}
	return exitCode(err, stderr)
}

// interrupted is the error of a run stopped by a signal.
func interrupted(err error) error {
	var e *exitError
	if errors.As(err, &e) && e.code == exitUsage {
		return &exitError{exitInterrupted, e.msg}
	}
	return &exitError{exitInterrupted, "已中断"}
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
	if fe, ok := render.AsFileError(err); ok {
		fmt.Fprintln(stderr, fe)
		return exitUsage
	}
	fmt.Fprintln(stderr, "nianbao:", translate(err))
	return exitUsage
}
