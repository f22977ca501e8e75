package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/pdfdata"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/style"
)

// renderOptions are the flags of nianbao render.
type renderOptions struct {
	file   string
	out    string
	name   string // output name template
	prev   string // last year's report, for R5
	strict bool
	render render.Options
	fonts  fonts.Options
}

func renderCommand() *cli.Command {
	return &cli.Command{
		Name:      "render",
		Usage:     "校验并生成年度报告的 PDF 与 Word 文件",
		ArgsUsage: "FILE",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: ".", Usage: "输出目录"},
			&cli.StringFlag{Name: "format", Value: "pdf,docx", Usage: "输出格式：pdf、docx，逗号分隔"},
			&cli.StringFlag{Name: "style", Value: style.Gongwen.Name, Usage: "版式：" + styleNames()},
			&cli.BoolFlag{Name: "pdfa", Usage: "PDF 按 PDF/A-3B 归档格式生成（内嵌年报数据）"},
			&cli.StringFlag{Name: "name", Value: render.DefaultName, Usage: "输出文件名模板：{agency}、{year}、{ext}"},
			&cli.StringFlag{Name: "prev", Usage: "上一年度的年报数据文件或 nianbao 生成的 PDF，用于检查 R5"},
			&cli.BoolFlag{Name: "strict", Usage: "有警告也不生成，以退出码 1 结束"},
		}, fontFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			o, err := renderFlags(cmd)
			if err != nil {
				return &exitError{exitUsage, "nianbao render: " + err.Error()}
			}
			return renderFile(cmd, o, cmd.Root().Writer)
		},
	}
}

// renderFlags turns the flags into renderOptions.
func renderFlags(cmd *cli.Command) (renderOptions, error) {
	o := renderOptions{out: cmd.String("out"), name: cmd.String("name"), prev: cmd.String("prev"), strict: cmd.Bool("strict")}
	if cmd.Args().Len() != 1 {
		return o, errors.New("请给出一个年报数据文件，如 nianbao render report.yaml -o out/")
	}
	o.file = cmd.Args().First()
	o.render.PDFA = cmd.Bool("pdfa")
	var err error
	if o.render.Formats, err = render.ParseFormats(cmd.String("format")); err != nil {
		return o, err
	}
	var ok bool
	if o.render.Style, ok = style.Lookup(cmd.String("style")); !ok {
		return o, fmt.Errorf("未知的版式 %q（可用：%s）", cmd.String("style"), styleNames())
	}
	return o, nil
}

// renderFile checks the report and writes its files; nothing is written
// when the report has errors.
func renderFile(cmd *cli.Command, o renderOptions, stdout io.Writer) error {
	r, err := pdfdata.ReadFile(o.file)
	var fs report.Findings
	if errors.As(err, &fs) {
		return &exitError{exitFindings, fs.Error() + "\n未生成文件：" + fs.Summary()}
	}
	if err != nil {
		return &exitError{exitUsage, "nianbao render: " + err.Error()}
	}
	var prev *report.Report
	if o.prev != "" {
		if prev, err = pdfdata.ReadFile(o.prev); err != nil {
			return &exitError{exitUsage, fmt.Sprintf("nianbao render: 上年报告 %s 无法读取：\n%v", o.prev, err)}
		}
	}
	fs = report.Validate(r, prev)
	for _, f := range fs {
		fmt.Fprintln(stdout, f)
	}
	if fs.Errors() > 0 || o.strict && fs.Warnings() > 0 {
		return &exitError{exitFindings, "未生成文件：" + fs.Summary()}
	}
	report.Complete(r)

	if o.fonts, err = fontOptions(cmd, r.Fonts); err != nil {
		return &exitError{exitUsage, "nianbao render: " + err.Error()}
	}
	if o.render.Fonts, err = loadFonts(o.fonts); err != nil {
		return &exitError{exitUsage, "nianbao render: " + err.Error()}
	}
	files, err := render.Report(r, o.render)
	if err != nil {
		return renderError(r, err)
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return &exitError{exitUsage, "nianbao render: " + err.Error()}
	}
	for _, f := range o.render.Formats {
		name, err := render.FileName(o.name, r, f)
		if err != nil {
			return &exitError{exitUsage, "nianbao render: " + err.Error()}
		}
		path := filepath.Join(o.out, name)
		if sameFile(path, o.file) {
			return &exitError{exitUsage, fmt.Sprintf("nianbao render: 输出文件 %s 就是输入的 PDF；请用 -o 另选输出目录或用 --name 另取文件名", path)}
		}
		if err := render.WriteFile(path, files[f]); err != nil {
			return &exitError{exitUsage, "nianbao render: " + err.Error()}
		}
		fmt.Fprintf(stdout, "已生成 %s（%d KB）\n", path, (len(files[f])+1023)/1024)
	}
	return nil
}

// renderError names the place in the report of text that cannot be set,
// such as a character that no font has.
func renderError(r *report.Report, err error) error {
	var se *layout.SourceError
	if errors.As(err, &se) {
		hint := ""
		var mg *fonts.MissingGlyphError
		if errors.As(err, &mg) {
			hint = "\n请用 --fallback-font PATH 指定一个包含该字的字体（如 LXGW WenKai、花园明朝），或改用常用字"
		}
		return &exitError{exitFindings, fmt.Sprintf("%s: 无法排版（%s）：%v%s\n未生成文件", r.Pos(se.Source), se.Source, se.Err, hint)}
	}
	return &exitError{exitFindings, "nianbao render: " + err.Error() + "\n未生成文件"}
}

func styleNames() string { return strings.Join(style.Names(), "、") }

// sameFile reports whether two paths name the same file (a report rendered
// from its own PDF must not overwrite it).
func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
