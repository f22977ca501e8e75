package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/nianbao/nianbao/excel"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
)

// initOptions are the flags of nianbao init.
type initOptions struct {
	agency string
	year   int
	format string // the format version, form.Default when empty
	output string // "" = stdout
	force  bool   // overwrite an existing output file
	xlsx   bool   // write the fill-in workbook instead of the data file
}

func initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "生成带中文注释的年报数据文件模板",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "agency", Usage: "机关名称，如 乐清市司法局", Required: true},
			&cli.IntFlag{Name: "year", Usage: "年度，如 2021", Required: true},
			&cli.StringFlag{Name: "format", Value: form.Default, Usage: "格式版本：" + strings.Join(form.Versions(), "、") + "（2019 为国办公开办函〔2019〕60号试行格式）"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "写入的文件（默认输出到标准输出）"},
			&cli.BoolFlag{Name: "force", Usage: "覆盖已有的文件"},
			&cli.BoolFlag{Name: "xlsx", Usage: "生成 Excel 填报工作簿（表二至表四按正式格式，另有基本信息表），须用 -o 指定 .xlsx 文件"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			o := initOptions{agency: cmd.String("agency"), year: cmd.Int("year"), format: cmd.String("format"), output: cmd.String("output"), force: cmd.Bool("force"), xlsx: cmd.Bool("xlsx")}
			return initReport(o, cmd.Root().Writer)
		},
	}
}

func initReport(o initOptions, stdout io.Writer) error {
	f, ok := form.Lookup(o.format)
	if !ok {
		return &exitError{exitUsage, fmt.Sprintf("nianbao init: 未知的格式版本“%s”（可用：%s）", o.format, strings.Join(form.Versions(), "、"))}
	}
	data := report.Skeleton(f, o.agency, o.year)
	if o.xlsx {
		if o.output == "" || o.output == "-" {
			return &exitError{exitUsage, "init: --xlsx 须用 -o 指定工作簿文件，如 -o 乐清市司法局-2021.xlsx"}
		}
		var err error
		if data, err = excel.Template(f, o.agency, o.year); err != nil {
			return &exitError{exitUsage, fmt.Sprintf("init: %v", err)}
		}
	}
	if o.output == "" || o.output == "-" {
		_, err := stdout.Write(data)
		return err
	}
	if !o.force {
		if _, err := os.Lstat(o.output); err == nil {
			return &exitError{exitUsage, fmt.Sprintf("nianbao init: %s 已存在；要覆盖请加 --force", o.output)}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return failure(exitUsage, "nianbao init: ", err)
		}
	}
	if err := render.WriteFile(o.output, data); err != nil {
		return failure(exitUsage, "nianbao init: ", err)
	}
	return nil
}
