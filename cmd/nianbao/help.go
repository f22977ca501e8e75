package main

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/rivo/uniseg"
	"github.com/urfave/cli/v3"
)

// Help in Chinese: urfave/cli's templates, its help and version flags, the
// way a flag is listed, and its usage errors, all said again in Chinese.

const rootHelp = `{{.Name}} — {{.Usage}}

用法：
   {{.Name}} 命令 [选项] [参数]

命令：{{range .VisibleCommands}}
   {{printf "%-10s" .Name}}{{.Usage}}{{end}}

选项：{{range .VisibleFlags}}
   {{.}}{{end}}

运行 {{.Name}} 命令 --help 查看某个命令的用法，如 nianbao render --help。
`

const commandHelp = `{{.FullName}} — {{.Usage}}

用法：
   {{.FullName}}{{if .VisibleFlags}} [选项]{{end}}{{if .ArgsUsage}} {{.ArgsUsage}}{{end}}{{if .Description}}

{{.Description}}{{end}}{{if .VisibleFlags}}

选项：{{range .VisibleFlags}}
   {{.}}{{end}}{{end}}
`

// chinese sets the help templates, flag listing and usage-error handling of
// app and its commands. The templates and flag printers of urfave/cli are
// package variables: nianbao is their only user in this process.
func chinese(app *cli.Command) {
	cli.RootCommandHelpTemplate = rootHelp
	cli.CommandHelpTemplate = commandHelp
	cli.SubcommandHelpTemplate = commandHelp
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "显示帮助", HideDefault: true, Local: true}
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "显示版本", HideDefault: true, Local: true}
	cli.VersionPrinter = func(cmd *cli.Command) { fmt.Fprint(cmd.Root().Writer, versionText()) }
	cli.FlagStringer = flagString
	cli.UsageCommandHelp = "列出命令，或显示某个命令的帮助"
	cli.ArgsUsageCommandHelp = "[命令]"
	app.OnUsageError = usageError
	for _, c := range app.Commands {
		c.OnUsageError = usageError
	}
}

// rootAction runs when no command is given: help, or an unknown command.
func rootAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() > 0 {
		return &exitError{exitUsage, unknownCommand(cmd, cmd.Args().First())}
	}
	return cli.ShowRootCommandHelp(cmd)
}

func unknownCommand(cmd *cli.Command, name string) string {
	var names []string
	for _, c := range cmd.Root().VisibleCommands() {
		names = append(names, c.Name)
	}
	return fmt.Sprintf("nianbao: 没有“%s”这个命令（可用：%s）；运行 nianbao --help 查看用法", name, strings.Join(names, "、"))
}

// usageError says a flag error of urfave/cli in Chinese and how to get help.
func usageError(ctx context.Context, cmd *cli.Command, err error, isSubcommand bool) error {
	return &exitError{exitUsage, fmt.Sprintf("%s: %s\n运行 %s --help 查看用法", cmd.FullName(), translate(err), cmd.FullName())}
}

// The usage errors of urfave/cli v3, which it makes with fmt and does not
// export as types.
var (
	reRequired   = regexp.MustCompile(`^Required flags? "(.*)" not set$`)
	reUndefined  = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	reNeedsValue = regexp.MustCompile(`^flag needs an argument: -*(.*)$`)
	reBadValue   = regexp.MustCompile(`^invalid value "(.*)" for flag -+([^:]*): (.*)$`)
	reNoHelp     = regexp.MustCompile(`^No help topic for '(.*)'`)
)

// translate says an error of urfave/cli in Chinese; others pass unchanged.
func translate(err error) string {
	msg := err.Error()
	if m := reRequired.FindStringSubmatch(msg); m != nil {
		var names []string
		for _, n := range strings.Split(m[1], ", ") {
			names = append(names, dashes(n))
		}
		return "缺少必填选项 " + strings.Join(names, "、")
	}
	if m := reUndefined.FindStringSubmatch(msg); m != nil {
		return "没有 " + dashes(m[1]) + " 这个选项"
	}
	if m := reNeedsValue.FindStringSubmatch(msg); m != nil {
		return "选项 " + dashes(strings.TrimLeft(m[1], "-")) + " 后面缺少值"
	}
	if m := reBadValue.FindStringSubmatch(msg); m != nil {
		what := "值无效"
		if strings.Contains(m[3], "parse") || strings.Contains(m[3], "syntax") || strings.Contains(m[3], "range") {
			what = "不是有效的整数"
			if strings.Contains(m[3], "ParseBool") {
				what = "不是 true 或 false"
			}
		}
		return fmt.Sprintf("选项 %s 的值 %q %s", dashes(m[2]), m[1], what)
	}
	if m := reNoHelp.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("没有“%s”这个命令；运行 nianbao --help 查看所有命令", m[1])
	}
	return msg
}

// dashes writes a flag name as it is typed: -o, --agency.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// placeholders name the value of each flag in the help.
var placeholders = map[string]string{
	"out": "目录", "output": "文件", "format": "格式", "style": "版式", "name": "模板", "prev": "路径",
	"font": "用途=文件", "fallback-font": "文件", "jobs": "个数", "agency": "名称", "year": "年度",
}

// flagString lists a flag in the help: its names, a Chinese placeholder,
// its usage and its default in Chinese: （默认：pdf,docx）, （必填）.
func flagString(f cli.Flag) string {
	df, ok := f.(cli.DocGenerationFlag)
	if !ok {
		return strings.Join(f.Names(), ", ")
	}
	var names []string
	for _, n := range f.Names() {
		names = append(names, dashes(n))
	}
	s := strings.Join(names, ", ")
	if df.TakesValue() {
		p, ok := placeholders[f.Names()[0]]
		if !ok {
			p = "值"
		}
		s += " " + p
	}
	usage := df.GetUsage()
	if rf, ok := f.(cli.RequiredFlag); ok && rf.IsRequired() {
		usage += "（必填）"
	} else if df.IsDefaultVisible() && df.TakesValue() {
		def := df.GetDefaultText()
		if def == "" {
			def = strings.Trim(df.GetValue(), `"`)
		}
		if def != "" && def != "[]" {
			usage += "（默认：" + def + "）"
		}
	}
	return pad(s, flagColumn) + usage
}

// flagColumn is where a flag's usage starts in the help, in terminal
// columns: the longest flag, --fallback-font 文件, takes 20.
const flagColumn = 24

// pad fills s with spaces to width columns of a terminal, where a Chinese
// character takes two.
func pad(s string, width int) string {
	if w := uniseg.StringWidth(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s + " "
}
