package report

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Severity says whether a finding stops the report (Error) or only asks the
// clerk to look again (Warning).
type Severity int

const (
	Error Severity = iota
	Warning
)

// String is the severity as the JSON output names it.
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Finding is one problem in a report file: a decode error, or a break of one
// of the rules R1–R7 of official-format.md §6.
type Finding struct {
	Pos      Pos
	Severity Severity
	Rule     string // "R4"; "" for decode errors and checks outside R1–R7
	Message  string // Chinese, names the table, row and column, expected and found
}

// String is the finding as printed, one line:
//
//	report.yaml:48:9: R4 表四 行政复议: 总计 应为 11（…），实为 0
//	report.yaml:12:5: 警告：R7 …
func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(f.Pos.String())
	b.WriteString(": ")
	if f.Severity == Warning {
		b.WriteString("警告：")
	}
	if f.Rule != "" {
		b.WriteString(f.Rule)
		b.WriteString(" ")
	}
	b.WriteString(f.Message)
	return b.String()
}

// Findings is a list of findings (go/scanner.ErrorList). As an error it
// prints every finding, one per line.
type Findings []Finding

// Error prints every finding, one per line.
func (fs Findings) Error() string {
	switch len(fs) {
	case 0:
		return "no findings"
	case 1:
		return fs[0].String()
	}
	lines := make([]string, len(fs))
	for i, f := range fs {
		lines[i] = f.String()
	}
	return strings.Join(lines, "\n")
}

// Errors counts the findings of severity Error.
func (fs Findings) Errors() int { return fs.count(Error) }

// Warnings counts the findings of severity Warning.
func (fs Findings) Warnings() int { return fs.count(Warning) }

func (fs Findings) count(s Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Sort orders the findings by file, line and column; findings at the same
// position keep their order.
func (fs Findings) Sort() {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			strings.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		)
	})
}

// Summary is the closing line of a check in Chinese: "2 个错误，1 个警告".
func (fs Findings) Summary() string {
	e, w := fs.Errors(), fs.Warnings()
	if e == 0 && w == 0 {
		return "未发现问题"
	}
	return strconv.Itoa(e) + " 个错误，" + strconv.Itoa(w) + " 个警告"
}
