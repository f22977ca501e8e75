package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"syscall"

	"github.com/urfave/cli/v3"

	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/render"
	"github.com/nianbao/nianbao/render/docx"
)

// fontFlags are the flags that choose fonts, shared by render, batch and fonts.
func fontFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "font", Usage: "指定字体：role=PATH（role：" + roleNames() + "），可重复"},
		&cli.StringSliceFlag{Name: "fallback-font", Usage: "后备字体文件：各用途字体缺字时先用它（如含扩展B区汉字 𠮷 的字体），可重复"},
		&cli.BoolFlag{Name: "system-fonts", Usage: "优先使用本机已安装的字体（仿宋_GB2312、方正小标宋简体等），找不到时用内置字体"},
	}
}

// docxFontSets are the font names --docx-fonts may write into the DOCX.
// windows: the names Windows ships (仿宋, 楷体; docx.DefaultFonts). gb2312:
// 仿宋_GB2312 and 楷体_GB2312, the names GB/T 9704 and many units' templates
// give, on the PCs that still have those fonts; the DOCX's font table names
// 仿宋 and 楷体 as their stand-ins where they are missing.
var docxFontSets = map[string]map[fonts.Role]docx.FontNames{
	"windows": nil,
	"gb2312": {
		fonts.Body:     {EastAsia: "仿宋_GB2312"},
		fonts.Heading2: {EastAsia: "楷体_GB2312"},
	},
}

// docxFontsFlag is --docx-fonts, for render and batch.
func docxFontsFlag() cli.Flag {
	return &cli.StringFlag{Name: "docx-fonts", Value: "windows", Usage: "Word 文件中的字体名：windows（仿宋、楷体，Windows 自带）或 gb2312（仿宋_GB2312、楷体_GB2312，公文模板常用；本机没有这两种字体时 Word 改用仿宋、楷体）"}
}

// docxFonts reads --docx-fonts.
func docxFonts(cmd *cli.Command) (map[fonts.Role]docx.FontNames, error) {
	name := strings.ToLower(strings.TrimSpace(cmd.String("docx-fonts")))
	set, ok := docxFontSets[name]
	if !ok {
		return nil, fmt.Errorf("--docx-fonts %q：应为 windows 或 gb2312", cmd.String("docx-fonts"))
	}
	return set, nil
}

// fallbackKey is the key of the report's fonts section that names a
// fallback font rather than a role.
const fallbackKey = "fallback"

// fontOptions reads --font role=PATH, --fallback-font and --system-fonts;
// explicit holds the report file's own fonts section, which the flags
// override.
func fontOptions(cmd *cli.Command, explicit map[string]string) (fonts.Options, error) {
	opts := fonts.Options{Explicit: map[fonts.Role]string{}, System: cmd.Bool("system-fonts")}
	for role, path := range explicit {
		if role == fallbackKey {
			opts.Fallback = append(opts.Fallback, path)
			continue
		}
		opts.Explicit[fonts.Role(role)] = path
	}
	opts.Fallback = append(opts.Fallback, cmd.StringSlice("fallback-font")...)
	for _, s := range cmd.StringSlice("font") {
		role, path, found := strings.Cut(s, "=")
		if !found || path == "" || !knownRole(fonts.Role(role)) {
			return opts, fmt.Errorf("--font %q：应为 role=PATH（role：%s）", s, roleNames())
		}
		opts.Explicit[fonts.Role(role)] = path
	}
	return opts, nil
}

// loadFonts returns the embedded set when nothing asks for other fonts, so
// that the common case parses nothing more than once per process.
func loadFonts(opts fonts.Options) (*fonts.Set, error) {
	if len(opts.Explicit) == 0 && len(opts.Fallback) == 0 && !opts.System {
		return fonts.Embedded()
	}
	// A font file that cannot be read is told with the path as the user
	// gave it (fonts.Load makes paths absolute).
	paths := slices.Clone(opts.Fallback)
	for _, p := range opts.Explicit {
		paths = append(paths, p)
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err == nil && fi.IsDir() {
			err = syscall.EISDIR
		}
		if err != nil {
			return nil, &render.FileError{Op: render.OpRead, Path: p, Err: err}
		}
	}
	return fonts.Load(opts)
}

func knownRole(r fonts.Role) bool {
	for _, k := range fonts.Roles {
		if k == r {
			return true
		}
	}
	return false
}

func roleNames() string {
	var ns []string
	for _, r := range fonts.Roles {
		ns = append(ns, string(r))
	}
	return strings.Join(ns, "、")
}
