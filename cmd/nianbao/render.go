package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/layout"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/source"
	"github.com/nianbao/nianbao/style"
)

// renderOptions are the flags of nianbao render.
type renderOptions struct {
	file   string
	out    string
	name   string // output name template
	prev   string // last year's report, for R5
	strict bool
	force  bool // overwrite a DOCX that was changed since nianbao wrote it
	render render.Options
	fonts  fonts.Options
}

func renderCommand() *cli.Command {
	return &cli.Command{
		Name:      "render",
		Usage:     "校验并生成年度报告的 PDF 与 Word 文件",
		ArgsUsage: "FILE",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: ".", Usage: "输出目录；只生成一种格式时也可以是文件名，如 -o 报告.pdf"},
			&cli.StringFlag{Name: "format", Value: "pdf,docx", Usage: "输出格式：pdf、docx、html（门户网站网页）、ofd（国家版式文档），逗号分隔"},
			&cli.BoolFlag{Name: "html-fragment", Usage: "html 只输出正文片段（<article>），供粘贴到网站栏目"},
			&cli.StringFlag{Name: "style", Value: style.Gongwen.Name, Usage: "版式：" + styleNames()},
			&cli.BoolFlag{Name: "pdfa", Usage: "PDF 按 PDF/A-3B 归档格式生成（内嵌年报数据）"},
			&cli.StringFlag{Name: "name", Value: render.DefaultName, Usage: "输出文件名模板：{agency}、{year}、{ext}"},
			&cli.StringFlag{Name: "prev", Usage: "上一年度的年报数据文件或 nianbao 生成的 PDF，用于检查 R5"},
			&cli.BoolFlag{Name: "strict", Usage: "有警告也不生成，以退出码 1 结束"},
			&cli.BoolFlag{Name: "force", Usage: "覆盖在 nianbao 生成后被修改过（如在 Word 中编辑过）的 DOCX"},
			docxFontsFlag(),
		}, fontFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			o, err := renderFlags(cmd)
			if err != nil {
				return failure(exitUsage, "nianbao render: ", err)
			}
			return renderFile(ctx, cmd, o, cmd.Root().Writer)
		},
	}
}

// renderFlags turns the flags into renderOptions.
func renderFlags(cmd *cli.Command) (renderOptions, error) {
	o := renderOptions{out: cmd.String("out"), name: cmd.String("name"), prev: cmd.String("prev"), strict: cmd.Bool("strict"), force: cmd.Bool("force")}
	if cmd.Args().Len() != 1 {
		return o, errors.New("请给出一个年报数据文件，如 nianbao render report.yaml -o out/")
	}
	o.file = cmd.Args().First()
	o.render.PDFA = cmd.Bool("pdfa")
	o.render.HTMLFragment = cmd.Bool("html-fragment")
	var err error
	if o.render.DOCXFonts, err = docxFonts(cmd); err != nil {
		return o, err
	}
	if o.render.Formats, err = render.ParseFormats(cmd.String("format")); err != nil {
		return o, err
	}
	// -o 报告.pdf without --format: the file name says which format.
	if f, ok := render.FormatOf(o.out); ok && !cmd.IsSet("format") {
		if fi, err := os.Stat(o.out); err != nil || !fi.IsDir() {
			o.render.Formats = []render.Format{f}
		}
	}
	var ok bool
	if o.render.Style, ok = style.Lookup(cmd.String("style")); !ok {
		return o, fmt.Errorf("未知的版式 %q（可用：%s）", cmd.String("style"), styleNames())
	}
	return o, nil
}

// renderFile checks the report and writes its files; nothing is written
// when the report has errors, and nothing is written over a DOCX that was
// changed since nianbao wrote it, unless --force.
func renderFile(ctx context.Context, cmd *cli.Command, o renderOptions, stdout io.Writer) error {
	r, err := source.Read(o.file)
	var fs report.Findings
	if errors.As(err, &fs) {
		return &exitError{exitFindings, fs.Error() + "\n未生成文件：" + fs.Summary()}
	}
	if err != nil {
		return failure(exitUsage, "nianbao render: ", err)
	}
	var prev *report.Report
	if o.prev != "" {
		if prev, err = source.Read(o.prev); err != nil {
			if _, ok := render.AsFileError(err); ok {
				return failure(exitUsage, "", err)
			}
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
		return failure(exitUsage, "nianbao render: ", err)
	}
	if o.render.Fonts, err = loadFonts(o.fonts); err != nil {
		return failure(exitUsage, "nianbao render: ", err)
	}
	targets, err := render.Targets(o.out, o.name, r, o.render.Formats)
	if err != nil {
		return failure(exitUsage, "nianbao render: ", err)
	}
	var paths []string
	var data [][]byte
	for _, f := range o.render.Formats {
		if !o.force {
			var changed *render.ChangedError
			if err := render.CheckOverwrite(targets[f]); errors.As(err, &changed) {
				return &exitError{exitFindings, "nianbao render: " + changed.Error() + "\n未生成文件"}
			} else if err != nil {
				return failure(exitUsage, "nianbao render: ", err)
			}
		}
		if sameFile(targets[f], o.file) {
			return &exitError{exitUsage, fmt.Sprintf("nianbao render: 输出文件 %s 就是输入的 PDF；请用 -o 另选输出目录或用 --name 另取文件名", targets[f])}
		}
		paths = append(paths, targets[f])
	}
	files, err := render.Report(r, o.render)
	if err != nil {
		return renderError(r, err)
	}
	if ctx.Err() != nil {
		return &exitError{exitInterrupted, "已中断，未生成文件"}
	}
	for _, f := range o.render.Formats {
		data = append(data, files[f])
	}
	if err := render.MakeDirs(paths); err != nil {
		return failure(exitUsage, "nianbao render: ", err)
	}
	if err := render.WriteFiles(paths, data); err != nil {
		return failure(exitUsage, "nianbao render: ", err)
	}
	for i, p := range paths {
		fmt.Fprintf(stdout, "已生成 %s（%d KB）\n", p, (len(data[i])+1023)/1024)
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
