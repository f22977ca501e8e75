package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v3"
)

// versionCommand prints what `nianbao --version` prints.
func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "显示版本：模块版本、源代码修订号与构建所用的 Go",
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() > 0 {
				return &exitError{exitUsage, "nianbao version: 不需要参数"}
			}
			fmt.Fprint(cmd.Root().Writer, versionText())
			return nil
		},
	}
}

// moduleVersion is the module version the binary was built from: a tag
// such as v1.2.0 for `go install …@v1.2.0`, "(devel)" for a build in a
// working tree.
func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "" {
		return "(devel)"
	}
	return bi.Main.Version
}

// versionText is the module version, the VCS revision that `go build`
// stamped into the binary (with its time and whether the tree had
// uncommitted changes), and the Go version:
//
//	nianbao (devel)
//	修订 aa6987e…（2026-11-30T17:00:00Z）
//	go1.26.0 linux/amd64
func versionText() string {
	var bs []debug.BuildSetting
	if bi, ok := debug.ReadBuildInfo(); ok {
		bs = bi.Settings
	}
	return formatVersion(moduleVersion(), bs)
}

// formatVersion writes versionText from the build settings.
func formatVersion(version string, bs []debug.BuildSetting) string {
	var b strings.Builder
	fmt.Fprintf(&b, "nianbao %s\n", version)
	settings := map[string]string{}
	for _, s := range bs {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		var notes []string
		if t := settings["vcs.time"]; t != "" {
			notes = append(notes, t)
		}
		if settings["vcs.modified"] == "true" {
			notes = append(notes, "含未提交的修改")
		}
		fmt.Fprintf(&b, "修订 %s", rev)
		if len(notes) > 0 {
			fmt.Fprintf(&b, "（%s）", strings.Join(notes, "，"))
		}
		b.WriteString("\n")
	} else {
		b.WriteString("修订 未知（构建时没有记录 git 修订号：不是在 git 检出目录中构建，或用了 -buildvcs=false）\n")
	}
	fmt.Fprintf(&b, "%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return b.String()
}
