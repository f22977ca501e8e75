package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// TestFormatVersion: the revision go build stamps, its time and a dirty
// tree are printed; without them the text says the revision is unknown.
func TestFormatVersion(t *testing.T) {
	goLine := runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + "\n"
	tests := []struct {
		version  string
		settings []debug.BuildSetting
		want     string
	}{
		{"v1.2.0", []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "091a425710c5d61bf832aee1ae0553097da78693"},
			{Key: "vcs.time", Value: "2026-11-30T18:21:52Z"}, {Key: "vcs.modified", Value: "false"}},
			"nianbao v1.2.0\n修订 091a425710c5d61bf832aee1ae0553097da78693（2026-11-30T18:21:52Z）\n" + goLine},
		{"(devel)", []debug.BuildSetting{{Key: "vcs.revision", Value: "aa6987e"}, {Key: "vcs.modified", Value: "true"}},
			"nianbao (devel)\n修订 aa6987e（含未提交的修改）\n" + goLine},
		{"(devel)", nil, "nianbao (devel)\n修订 未知（构建时没有记录 git 修订号：不是在 git 检出目录中构建，或用了 -buildvcs=false）\n" + goLine},
	}
	for _, tt := range tests {
		if got := formatVersion(tt.version, tt.settings); got != tt.want {
			t.Errorf("formatVersion(%s, %v) =\n%s\nwant\n%s", tt.version, tt.settings, got, tt.want)
		}
	}
}
