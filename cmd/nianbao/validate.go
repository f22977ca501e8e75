package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v3"

	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/source"
)

// validateOptions are the flags of nianbao validate.
type validateOptions struct {
	files  []string
	prev   string // last year's report, for R5
	format string // "text" or "json"
	strict bool   // warnings fail too
}

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "检查年报数据文件：格式、勾稽关系 R1–R7",
		ArgsUsage: "FILE...",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "prev", Usage: "上一年度的年报数据文件或 nianbao 生成的 PDF，用于检查 R5（上年结转 = 上年结转下年度）"},
			&cli.StringFlag{Name: "format", Value: "text", Usage: "输出格式：text 或 json"},
			&cli.BoolFlag{Name: "strict", Usage: "有警告也以退出码 1 结束"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			o := validateOptions{files: cmd.Args().Slice(), prev: cmd.String("prev"), format: cmd.String("format"), strict: cmd.Bool("strict")}
			if len(o.files) == 0 {
				return &exitError{exitUsage, "nianbao validate: 请给出要检查的文件，如 nianbao validate report.yaml"}
			}
			if o.format != "text" && o.format != "json" {
				return &exitError{exitUsage, fmt.Sprintf("nianbao validate: --format 只能是 text 或 json，不是 %q", o.format)}
			}
			return validate(o, cmd.Root().Writer, cmd.Root().ErrWriter)
		},
	}
}

// jsonFinding is one finding in --format json.
type jsonFinding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Place    string `json:"place,omitempty"` // 表三!D12 or 表三 第12行 第4列（…） in a Word or Excel file; line and col then only order
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
}

// validate checks each file and prints every finding and a summary.
func validate(o validateOptions, stdout, stderr io.Writer) error {
	var prev *report.Report
	if o.prev != "" {
		p, err := source.Read(o.prev)
		if _, ok := render.AsFileError(err); ok {
			return failure(exitUsage, "", err)
		}
		if err != nil {
			return &exitError{exitUsage, fmt.Sprintf("nianbao validate: 上年报告 %s 无法读取：\n%v", o.prev, err)}
		}
		prev = p
	}
	var all report.Findings
	unreadable := 0
	for _, file := range o.files {
		r, err := source.Read(file)
		var fs report.Findings
		switch {
		case errors.As(err, &fs):
		case err != nil:
			fmt.Fprintln(stderr, failure(exitUsage, "nianbao validate: ", err).msg)
			unreadable++
			continue
		default:
			fs = report.Validate(r, prev)
		}
		all = append(all, fs...)
	}
	if o.format == "json" {
		out := make([]jsonFinding, 0, len(all))
		for _, f := range all {
			out = append(out, jsonFinding{f.Pos.File, f.Pos.Line, f.Pos.Col, f.Pos.Place, f.Severity.String(), f.Rule, f.Message})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		for _, f := range all {
			fmt.Fprintln(stdout, f)
		}
	}
	summary := fmt.Sprintf("检查了 %d 个文件：%s", len(o.files)-unreadable, all.Summary())
	if unreadable > 0 {
		summary += fmt.Sprintf("；%d 个文件无法读取", unreadable)
	}
	if o.format == "json" {
		fmt.Fprintln(stderr, summary)
	} else {
		fmt.Fprintln(stdout, summary)
	}
	switch {
	case unreadable > 0:
		return &exitError{code: exitUsage}
	case all.Errors() > 0, o.strict && all.Warnings() > 0:
		return &exitError{code: exitFindings}
	}
	return nil
}
