package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"github.com/nianbao/nianbao/batch"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/style"
)

// batchCommand renders and checks many reports at once:
//
//	nianbao batch reports/ -o out/ [-j 4] [--format pdf,docx] [--prev last-year/] [--fail-fast]
//
// Progress goes to stderr, the closing summary to stdout; the exit code is 1
// when any report failed.
func batchCommand() *cli.Command {
	return &cli.Command{
		Name:      "batch",
		Usage:     "批量校验并生成多个机关的年度报告，汇总为 summary.csv 与 summary.json",
		ArgsUsage: "INPUT...（报告文件、目录或通配符）",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "输出目录（必填）"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "同时处理的报告数", DefaultText: "CPU 数"},
			&cli.StringFlag{Name: "format", Value: "pdf,docx", Usage: "输出格式：pdf、docx、html（门户网站网页）、ofd（国家版式文档），逗号分隔"},
			&cli.StringFlag{Name: "style", Value: style.Gongwen.Name, Usage: "版式：" + strings.Join(style.Names(), "、")},
			&cli.StringSliceFlag{Name: "prev", Usage: "上年度报告：文件，或目录（如上年 batch 的输出目录：读其中 nianbao 生成的 PDF、数据文件或 Word），按机关名称做跨年度校验 R5"},
			&cli.BoolFlag{Name: "fail-fast", Usage: "遇到第一份失败的报告即停止"},
			&cli.BoolFlag{Name: "pdfa", Usage: "PDF 按 PDF/A-3B 归档格式生成（内嵌年报数据）"},
			&cli.StringFlag{Name: "name", Value: render.DefaultName, Usage: "输出文件名模板：{agency}、{year}、{ext}"},
			&cli.StringFlag{Name: "rollup", Usage: "另写汇总报告的数据文件（各单位表格之和，每年度一份），参数为汇总报告的机关名称，如 乐清市"},
			&cli.StringFlag{Name: "rollup-check", Usage: "本级汇总报告（.yaml/.docx/.xlsx），与各单位之和逐格核对（须与 --rollup 同用）"},
			&cli.StringFlag{Name: "bureaus", Usage: "应报单位名单（文本文件每行一个，或汇总表 .xlsx），列出没有报告的单位（须与 --rollup 同用）"},
			&cli.BoolFlag{Name: "force", Usage: "覆盖在 nianbao 生成后被修改过（如在 Word 中编辑过）的 DOCX"},
			docxFontsFlag(),
		}, fontFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			opts, err := batchOptions(cmd)
			if err != nil {
				return failure(exitUsage, "nianbao batch: ", err)
			}
			stderr := cmd.Root().ErrWriter
			opts.Progress = stderr
			if f, ok := stderr.(*os.File); ok {
				opts.IsTerminal = term.IsTerminal(int(f.Fd()))
			}
			defer tuneGC()()
			s, err := batch.Run(ctx, opts)
			if s != nil {
				s.Print(cmd.Root().Writer)
			}
			switch {
			case errors.Is(err, batch.ErrNoInputs):
				return &exitError{code: exitUsage, msg: "nianbao " + err.Error()}
			case s != nil && s.Interrupted:
				return &exitError{code: exitInterrupted}
			case err != nil:
				return failure(exitUsage, "nianbao ", err)
			case s.Failed > 0:
				return &exitError{code: exitFindings}
			}
			return nil
		},
	}
}

// batchOptions turns the flags into batch.Options.
func batchOptions(cmd *cli.Command) (batch.Options, error) {
	opts := batch.Options{
		Inputs:       cmd.Args().Slice(),
		Out:          cmd.String("out"),
		Jobs:         cmd.Int("jobs"),
		Prev:         cmd.StringSlice("prev"),
		FailFast:     cmd.Bool("fail-fast"),
		NameTemplate: cmd.String("name"),
		Rollup:       cmd.String("rollup"),
		RollupCheck:  cmd.String("rollup-check"),
		Bureaus:      cmd.String("bureaus"),
		Force:        cmd.Bool("force"),
	}
	if opts.Rollup == "" && (opts.RollupCheck != "" || opts.Bureaus != "") {
		return opts, errors.New("--rollup-check 与 --bureaus 须与 --rollup 同用，如 --rollup 乐清市")
	}
	if len(opts.Inputs) == 0 {
		return opts, errors.New("请指定报告文件或目录")
	}
	if opts.Out == "" {
		return opts, errors.New("请用 -o 指定输出目录")
	}
	if opts.Jobs < 0 {
		return opts, fmt.Errorf("-j %d：并发数不能为负", opts.Jobs)
	}
	var err error
	opts.Render.PDFA = cmd.Bool("pdfa")
	if opts.Render.DOCXFonts, err = docxFonts(cmd); err != nil {
		return opts, err
	}
	if opts.Render.Formats, err = render.ParseFormats(cmd.String("format")); err != nil {
		return opts, err
	}
	var ok bool
	if opts.Render.Style, ok = style.Lookup(cmd.String("style")); !ok {
		return opts, fmt.Errorf("未知的版式 %q（可用：%s）", cmd.String("style"), strings.Join(style.Names(), "、"))
	}
	fo, err := fontOptions(cmd, nil)
	if err != nil {
		return opts, err
	}
	// Parsed once here and shared by every worker.
	if opts.Render.Fonts, err = loadFonts(fo); err != nil {
		return opts, err
	}
	return opts, nil
}

// batchGCPercent and batchMemLimit trade memory for CPU in a long run: the
// PDF writer allocates about 30 MB of short-lived buffers per report, and at
// the default GOGC=100 a 2-core run of 200 reports spent 13.4 s of CPU (3.1 s
// of it in the kernel, faulting fresh heap pages in); at 400 it spent 9.9 s,
// with peak RSS 158 MB instead of 54 MB. The memory limit keeps a run under
// the 300 MB budget whatever the reports are like.
const (
	batchGCPercent = 400
	batchMemLimit  = 250 << 20
)

// tuneGC applies the batch GC settings unless the user set GOGC or
// GOMEMLIMIT, and returns the function that restores the previous ones.
func tuneGC() (restore func()) {
	var undo []func()
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(batchGCPercent)
		undo = append(undo, func() { debug.SetGCPercent(old) })
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(batchMemLimit)
		undo = append(undo, func() { debug.SetMemoryLimit(old) })
	}
	return func() {
		for _, f := range undo {
			f()
		}
	}
}
