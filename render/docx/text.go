package docx

import (
	"fmt"
	"unicode/utf8"
)

// badChar reports a character that XML 1.0 cannot hold (C0 controls other
// than tab, line feed and carriage return; U+FFFE, U+FFFF) or that has no
// place in a report and that Word would refuse or hide (C1 controls).
func badChar(c rune) bool {
	switch {
	case c == '\t' || c == '\n' || c == '\r':
		return false
	case c < 0x20, c >= 0x7f && c <= 0x9f:
		return true
	case c >= 0xd800 && c <= 0xdfff, c == 0xfffe, c == 0xffff:
		return true
	}
	return false
}

// checkText returns an error naming where s comes from when it holds a
// character that cannot go into the file, or is not valid UTF-8.
func checkText(s, src string) error {
	for i, c := range s {
		if c == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return fmt.Errorf("docx: %s: 第%d个字符不是有效的 UTF-8 编码", where(src), utf8.RuneCountInString(s[:i])+1)
			}
		}
		if badChar(c) {
			return fmt.Errorf("docx: %s: 第%d个字符是控制字符 U+%04X，无法写入 Word 文件", where(src), utf8.RuneCountInString(s[:i])+1, c)
		}
	}
	return nil
}

func where(src string) string {
	if src == "" {
		return "文本"
	}
	return src
}

// esc appends s with the five XML specials escaped. The text has passed
// checkText, so it holds nothing XML cannot carry.
func (b *buf) esc(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case '&':
			r = "&amp;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		case '"':
			r = "&quot;"
		case '\'':
			r = "&apos;"
		case '\r':
			r = "&#13;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(r)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// runText appends the content of one run: w:t pieces, with a tab as w:tab
// and a line feed as w:br. Carriage returns are dropped ("\r\n" from a
// Windows editor is one break).
func (b *buf) runText(s string) {
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' {
			i++
		}
		if i > 0 {
			b.s("<w:t")
			if s[0] == ' ' || s[i-1] == ' ' {
				b.s(` xml:space="preserve"`)
			}
			b.s(">")
			b.esc(s[:i])
			b.s("</w:t>")
		}
		if i == len(s) {
			break
		}
		switch s[i] {
		case '\t':
			b.s("<w:tab/>")
		case '\n':
			b.s("<w:br/>")
		}
		s = s[i+1:]
	}
}
