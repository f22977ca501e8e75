package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestScripts runs the txtar scripts in testdata/script, in the style of
// cmd/go's script tests. A script is a txtar archive: its comment is the
// script, its files are written to a temporary directory.
//
// The working directory is the repository root when the archive has no
// files, and a temporary directory holding the archive's files otherwise.
// $ROOT is the repository root and $WORK the working directory.
//
// Commands, one per line ('#' starts a comment):
//
//	exec nianbao ARGS...  run the command; it must exit 0
//	! exec nianbao ARGS... it must exit non-zero
//	code N                the last exec exited with N
//	stdout 'regexp'       the last exec's stdout matches (multi-line mode)
//	! stdout 'regexp'     it does not match
//	stderr 'regexp'       likewise for stderr
//	cmp FILE1 FILE2       the files are equal; FILE1 may be stdout or stderr
//	exists FILE           the file exists (! exists: it does not)
//	cp SRC DST            copy a file; SRC may be stdout or stderr
//
// Arguments are split at spaces; single or double quotes keep spaces.
func TestScripts(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/script/*.txtar")
	if len(files) == 0 {
		t.Fatal("no scripts in testdata/script")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			script, archive := parseTxtar(data)
			dir := root
			if len(archive) > 0 {
				dir = t.TempDir()
				for _, f := range archive {
					p := filepath.Join(dir, f.name)
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, f.data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			t.Chdir(dir)
			s := &scriptState{t: t, file: file, vars: map[string]string{"ROOT": root, "WORK": dir}}
			for i, line := range strings.Split(script, "\n") {
				s.line = i + 1
				s.do(line)
			}
		})
	}
}

type txtarFile struct {
	name string
	data []byte
}

var txtarMarker = regexp.MustCompile(`(?m)^-- (.+?) --\n?`)

// parseTxtar splits a txtar archive (golang.org/x/tools/txtar) into its
// comment and files.
func parseTxtar(data []byte) (string, []txtarFile) {
	locs := txtarMarker.FindAllSubmatchIndex(data, -1)
	if len(locs) == 0 {
		return string(data), nil
	}
	comment := string(data[:locs[0][0]])
	var files []txtarFile
	for i, l := range locs {
		end := len(data)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		files = append(files, txtarFile{name: string(data[l[2]:l[3]]), data: data[l[1]:end]})
	}
	return comment, files
}

type scriptState struct {
	t              *testing.T
	file           string
	line           int
	vars           map[string]string
	stdout, stderr string
	code           int
	ran            bool
}

func (s *scriptState) fatalf(format string, args ...any) {
	s.t.Helper()
	s.t.Fatalf("%s:%d: %s\nlast stdout:\n%s\nlast stderr:\n%s", s.file, s.line, fmt.Sprintf(format, args...), s.stdout, s.stderr)
}

func (s *scriptState) do(line string) {
	s.t.Helper()
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "#") {
		return
	}
	neg := false
	if strings.HasPrefix(line, "! ") {
		neg, line = true, strings.TrimSpace(line[2:])
	}
	args, err := splitArgs(line)
	if err != nil {
		s.fatalf("%v", err)
	}
	for i, a := range args {
		args[i] = os.Expand(a, func(k string) string { return s.vars[k] })
	}
	switch cmd := args[0]; cmd {
	case "exec":
		if len(args) < 2 || args[1] != "nianbao" {
			s.fatalf("exec: only nianbao can be run")
		}
		var stdout, stderr bytes.Buffer
		s.code = run(context.Background(), args[1:], strings.NewReader(""), &stdout, &stderr)
		s.stdout, s.stderr, s.ran = stdout.String(), stderr.String(), true
		if neg && s.code == 0 {
			s.fatalf("%s: exit 0, want non-zero", line)
		}
		if !neg && s.code != 0 {
			s.fatalf("%s: exit %d, want 0", line, s.code)
		}
	case "code":
		if len(args) != 2 {
			s.fatalf("usage: code N")
		}
		want, err := strconv.Atoi(args[1])
		if err != nil {
			s.fatalf("code: %v", err)
		}
		if s.code != want {
			s.fatalf("exit code %d, want %d", s.code, want)
		}
	case "stdout", "stderr":
		if len(args) != 2 {
			s.fatalf("usage: %s 'regexp'", cmd)
		}
		re, err := regexp.Compile(`(?m)` + args[1])
		if err != nil {
			s.fatalf("%s: %v", cmd, err)
		}
		out := s.stdout
		if cmd == "stderr" {
			out = s.stderr
		}
		if re.MatchString(out) == neg {
			if neg {
				s.fatalf("%s matches %q, want no match", cmd, args[1])
			}
			s.fatalf("%s does not match %q", cmd, args[1])
		}
	case "cmp":
		if len(args) != 3 {
			s.fatalf("usage: cmp FILE1 FILE2")
		}
		a, b := s.read(args[1]), s.read(args[2])
		if (a == b) == neg {
			s.fatalf("cmp %s %s: files differ\n--- %s\n%s\n--- %s\n%s", args[1], args[2], args[1], a, args[2], b)
		}
	case "cp":
		if len(args) != 3 {
			s.fatalf("usage: cp SRC DST")
		}
		if s.vars["WORK"] == s.vars["ROOT"] {
			s.fatalf("cp: a script without files runs in the repository root; give it a file so that it runs in a temporary directory")
		}
		if err := os.WriteFile(args[2], []byte(s.read(args[1])), 0o644); err != nil {
			s.fatalf("cp: %v", err)
		}
	case "exists":
		for _, f := range args[1:] {
			if _, err := os.Stat(f); (err == nil) == neg {
				s.fatalf("exists %s: %v, want exists=%v", f, err, !neg)
			}
		}
	default:
		s.fatalf("unknown command %q", cmd)
	}
}

func (s *scriptState) read(name string) string {
	switch name {
	case "stdout":
		return s.stdout
	case "stderr":
		return s.stderr
	}
	data, err := os.ReadFile(name)
	if err != nil {
		s.fatalf("%v", err)
	}
	return string(data)
}

// splitArgs splits a script line at spaces, keeping quoted strings whole.
func splitArgs(line string) ([]string, error) {
	var args []string
	var cur strings.Builder
	in, quote, started := false, rune(0), false
	for _, r := range line {
		switch {
		case in && r == quote:
			in = false
		case in:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			in, quote, started = true, r, true
		case r == ' ' || r == '\t':
			if started {
				args = append(args, cur.String())
				cur.Reset()
				started = false
			}
		default:
			cur.WriteRune(r)
			started = true
		}
	}
	if in {
		return nil, fmt.Errorf("unterminated quote in %q", line)
	}
	if started {
		args = append(args, cur.String())
	}
	return args, nil
}
