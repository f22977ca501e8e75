package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/nianbao/nianbao/document"
	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/report"
	"github.com/nianbao/nianbao/source"
	"github.com/nianbao/nianbao/style"
)

// roleLabels are the Chinese names of the font roles.
var roleLabels = map[fonts.Role]string{
	fonts.Title: "标题（小标宋）", fonts.Body: "正文（仿宋）", fonts.Heading1: "一级标题（黑体）",
	fonts.Heading2: "二级标题（楷体）", fonts.Table: "表格（宋体）", fonts.Latin: "数字与西文",
}

func fontsCommand() *cli.Command {
	return &cli.Command{
		Name:      "fonts",
		Usage:     "显示每种用途所用的字体、授权，以及报告中需要替代字体或缺字的字符",
		ArgsUsage: "[FILE]",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "style", Value: style.Gongwen.Name, Usage: "版式：" + styleNames()},
		}, fontFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			s, ok := style.Lookup(cmd.String("style"))
			if !ok {
				return &exitError{exitUsage, fmt.Sprintf("nianbao fonts: 未知的版式 %q（可用：%s）", cmd.String("style"), styleNames())}
			}
			var r *report.Report
			if cmd.Args().Len() > 0 {
				var err error
				if r, err = source.Read(cmd.Args().First()); err != nil {
					if _, ok := render.AsFileError(err); ok {
						return failure(exitUsage, "", err)
					}
					return &exitError{exitFindings, err.Error()}
				}
			}
			var explicit map[string]string
			if r != nil {
				explicit = r.Fonts
			}
			fo, err := fontOptions(cmd, explicit)
			if err != nil {
				return failure(exitUsage, "nianbao fonts: ", err)
			}
			set, err := loadFonts(fo)
			if err != nil {
				return failure(exitUsage, "nianbao fonts: ", err)
			}
			return showFonts(cmd.Root().Writer, set, r, s)
		},
	}
}

// showFonts prints the font of each role and, for a report, the characters
// that fall back to another font or that no font has.
func showFonts(w io.Writer, set *fonts.Set, r *report.Report, s *style.Style) error {
	for _, c := range set.Describe() {
		fmt.Fprintf(w, "%-10s %s\n", c.Role, roleLabels[c.Role])
		fmt.Fprintf(w, "  字体  %s（%s）\n  文件  %s\n  嵌入  %s\n", c.Name, sourceLabel(c.Source), c.Path, c.Permission)
		if len(c.Fallbacks) > 0 {
			var names []string
			for _, f := range c.Fallbacks {
				names = append(names, f.FullName())
			}
			fmt.Fprintf(w, "  后备  %s\n", strings.Join(names, " → "))
		}
		for _, sk := range c.Skipped {
			fmt.Fprintf(w, "  跳过  %s（%s）：%s\n", sk.Name, sk.Path, sk.Reason)
		}
	}
	if r == nil {
		return nil
	}
	report.Complete(r)
	d, err := document.Build(r)
	if err != nil {
		return &exitError{exitFindings, err.Error()}
	}
	fallback, missing := coverage(set, d, s)
	fmt.Fprintf(w, "\n%s：", r.File)
	if len(fallback) == 0 && len(missing) == 0 {
		fmt.Fprintln(w, "所有字符均由各用途的首选字体排印。")
		return nil
	}
	fmt.Fprintln(w)
	for _, u := range fallback {
		fmt.Fprintf(w, "  替代  “%c”（U+%04X）用 %s 排印，见 %s\n", u.r, u.r, u.face.Name(), r.Pos(u.source))
	}
	for _, u := range missing {
		fmt.Fprintf(w, "  缺字  “%c”（U+%04X）没有字体包含，见 %s（%s）\n", u.r, u.r, r.Pos(u.source), u.source)
	}
	if len(missing) > 0 {
		return &exitError{exitFindings, fmt.Sprintf("有 %d 个字符没有字体包含，无法生成 PDF：请用 --fallback-font PATH 指定包含它们的字体", len(missing))}
	}
	return nil
}

// use is a character of the report that is not set in its role's primary
// font, with the first place it appears.
type use struct {
	r      rune
	face   *fonts.Face // nil when missing
	source string
}

// coverage walks the document's text with the role of each block in style s
// and returns the characters that fall back (fonts.Set.Coverage) and those
// that are missing, each once per role, in order of first appearance.
func coverage(set *fonts.Set, d *document.Document, s *style.Style) (fallback, missing []use) {
	type key struct {
		role fonts.Role
		r    rune
	}
	seen := map[key]bool{}
	check := func(role fonts.Role, text, source string) {
		fb, miss := set.Coverage(role, text)
		for _, r := range text {
			if seen[key{role, r}] {
				continue
			}
			if f, ok := fb[r]; ok {
				seen[key{role, r}] = true
				fallback = append(fallback, use{r, f, source})
			} else if slices.Contains(miss, r) {
				seen[key{role, r}] = true
				missing = append(missing, use{r, nil, source})
			}
		}
	}
	for _, b := range d.Blocks {
		switch b.Kind {
		case document.Title:
			check(s.Title.Role, strings.Join(b.Lines, ""), b.Source)
		case document.Heading1:
			check(s.Heading1.Role, b.Text, b.Source)
		case document.Heading2:
			check(s.Heading2.Role, b.Text, b.Source)
		case document.Paragraph:
			check(s.Heading2.Role, b.Lead, b.Source)
			check(s.Body.Role, b.Text, b.Source)
		case document.Note:
			check(s.Note.Role, b.Text, b.Source)
		case document.Closing:
			check(s.Body.Role, strings.Join(b.Lines, ""), b.Source)
		case document.Table:
			for i, t := range b.Table.Texts {
				src := b.Source
				if b.Table.Sources[i] != "" {
					src = b.Table.Sources[i]
				}
				check(s.Table.Role, t, src)
			}
		}
	}
	return fallback, missing
}

func sourceLabel(s fonts.Source) string {
	switch s {
	case fonts.SourceExplicit:
		return "指定"
	case fonts.SourceSystem:
		return "本机已安装"
	}
	return "内置"
}
