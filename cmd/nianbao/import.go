package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"

	"github.com/urfave/cli/v3"

	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/source"
)

// importOptions are the flags of nianbao import.
type importOptions struct {
	file   string
	output string // "" = stdout
	force  bool
}

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "把 Word（.docx）或 Excel（.xlsx）中的年报转成带中文注释的年报数据文件（YAML）",
		ArgsUsage: "FILE.docx|FILE.xlsx",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "写入的文件（默认输出到标准输出）"},
			&cli.BoolFlag{Name: "force", Usage: "覆盖已有的文件"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return &exitError{exitUsage, "import: 请给出一个 Word 或 Excel 文件，如 nianbao import 年报.docx -o report.yaml"}
			}
			o := importOptions{file: cmd.Args().First(), output: cmd.String("output"), force: cmd.Bool("force")}
			return importFile(o, cmd.Root().Writer, cmd.Root().ErrWriter)
		},
	}
}

// importFile reads a Word or Excel report and writes it as a data file. A
// file with errors (a cell that is not a number, a table that cannot be
// found) writes nothing; findings of the rules are printed and the file is
// written, so the clerk can correct it in either.
func importFile(o importOptions, stdout, stderr io.Writer) error {
	r, err := source.Read(o.file)
	var fs report.Findings
	if errors.As(err, &fs) {
		return &exitError{exitFindings, fs.Error() + "\n未写入文件：" + fs.Summary()}
	}
	if err != nil {
		return &exitError{exitUsage, "import: " + err.Error()}
	}
	data := report.Encode(r, o.file)
	if o.output == "" || o.output == "-" {
		if _, err := stdout.Write(data); err != nil {
			return err
		}
	} else {
		if !o.force {
			if _, err := os.Lstat(o.output); err == nil {
				return &exitError{exitUsage, fmt.Sprintf("import: %s 已存在；要覆盖请加 --force", o.output)}
			} else if !errors.Is(err, iofs.ErrNotExist) {
				return &exitError{exitUsage, fmt.Sprintf("import: %v", err)}
			}
		}
		if err := render.WriteFile(o.output, data); err != nil {
			return &exitError{exitUsage, fmt.Sprintf("import: %v", err)}
		}
	}
	found := report.Validate(r, nil)
	for _, f := range found {
		fmt.Fprintln(stderr, f)
	}
	if o.output != "" && o.output != "-" {
		fmt.Fprintf(stderr, "已导入 %s → %s；检查结果：%s\n", o.file, o.output, found.Summary())
	}
	return nil
}
