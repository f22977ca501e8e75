package report

import (
	"strconv"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// parseJSON reads a report file written as plain JSON (other systems'
// exports, the data that a nianbao PDF carries) straight into the syntax
// tree that the YAML parser builds for the same text, at a fraction of its
// cost: the same nodes, values and line:column positions (in characters),
// so that decoding and every message stay the same.
//
// It reads a narrow subset of JSON, where it knows what the YAML parser
// makes of each token, and returns false for anything else, which is then
// left to the YAML parser: a file that does not start with "{", tabs or
// carriage returns between tokens, a line break between a key and its
// value, numbers with an exponent, leading zeros or more than 18 digits,
// escaped surrogates, control characters in strings, long keys, and every
// syntax error. TestJSONFastPath and FuzzJSONFastPath hold it to the YAML
// parser.
func parseJSON(data []byte) (ast.Node, bool) {
	p := &jsonParser{data: data, line: 1, col: 1}
	p.space()
	if p.i >= len(p.data) || p.data[p.i] != '{' {
		return nil, false
	}
	n := p.value(0)
	if n == nil {
		return nil, false
	}
	p.space()
	if p.i != len(p.data) {
		return nil, false
	}
	return n, true
}

// Bounds of the subset read by parseJSON: nesting (prescan allows 32),
// the length of a key (YAML limits implicit keys to 1024 characters) and
// the characters of a number.
const (
	jsonMaxDepth  = 64
	jsonMaxKey    = 128
	jsonMaxDigits = 18
)

type jsonParser struct {
	data      []byte
	i         int
	line, col int // of data[i]; col counts characters
	tokens
}

// token returns a new token of type typ and value v at the parser's place.
func (p *jsonParser) token(typ token.Type, v string) *token.Token {
	return p.newToken(typ, v, p.line, p.col, p.i)
}

// space skips spaces and line breaks; it stops at a tab or carriage
// return, which the caller then refuses.
func (p *jsonParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ':
			p.col++
		case '\n':
			p.line, p.col = p.line+1, 1
		default:
			return
		}
		p.i++
	}
}

// blanks skips spaces only.
func (p *jsonParser) blanks() {
	for p.i < len(p.data) && p.data[p.i] == ' ' {
		p.i++
		p.col++
	}
}

// next advances over one ASCII byte.
func (p *jsonParser) next() { p.i++; p.col++ }

func (p *jsonParser) value(depth int) ast.Node {
	if depth > jsonMaxDepth || p.i >= len(p.data) {
		return nil
	}
	switch c := p.data[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		tk, ok := p.str()
		if !ok {
			return nil
		}
		return ast.String(tk)
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't':
		return p.word("true", token.BoolType, func(tk *token.Token) ast.Node { return ast.Bool(tk) })
	case c == 'f':
		return p.word("false", token.BoolType, func(tk *token.Token) ast.Node { return ast.Bool(tk) })
	case c == 'n':
		return p.word("null", token.NullType, func(tk *token.Token) ast.Node { return ast.Null(tk) })
	}
	return nil
}

func (p *jsonParser) object(depth int) ast.Node {
	start := p.token(token.MappingStartType, "{")
	p.next()
	m := ast.Mapping(start, true)
	p.space()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.next()
		return m
	}
	for {
		if p.i >= len(p.data) || p.data[p.i] != '"' {
			return nil
		}
		ktk, ok := p.str()
		if !ok || len(ktk.Value) > jsonMaxKey {
			return nil
		}
		key := ast.String(ktk)
		p.blanks()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return nil
		}
		colon := p.token(token.MappingValueType, ":")
		p.next()
		p.blanks()
		v := p.value(depth + 1)
		if v == nil {
			return nil
		}
		m.Values = append(m.Values, ast.MappingValue(colon, key, v))
		more, ok := p.after('}')
		if !ok {
			return nil
		}
		if !more {
			return m
		}
	}
}

func (p *jsonParser) array(depth int) ast.Node {
	s := ast.Sequence(p.token(token.SequenceStartType, "["), true)
	p.next()
	p.space()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.next()
		return s
	}
	for {
		v := p.value(depth + 1)
		if v == nil {
			return nil
		}
		s.Values = append(s.Values, v)
		more, ok := p.after(']')
		if !ok {
			return nil
		}
		if !more {
			return s
		}
	}
}

// after reads what follows a member of an object or an element of an
// array: a comma (more follows) or the closing mark end (the last one);
// ok is false for anything else.
func (p *jsonParser) after(end byte) (more, ok bool) {
	p.space()
	if p.i >= len(p.data) {
		return false, false
	}
	switch p.data[p.i] {
	case ',':
		p.next()
		p.space()
		return true, true
	case end:
		p.next()
		return false, true
	}
	return false, false
}

// str reads a double-quoted string; its token is at the opening quote.
func (p *jsonParser) str() (*token.Token, bool) {
	tk := p.token(token.DoubleQuoteType, "")
	p.next()
	start := p.i
	var buf []byte // the value when it has escapes
	for {
		if p.i >= len(p.data) {
			return nil, false
		}
		c := p.data[p.i]
		switch {
		case c == '"':
			if buf == nil {
				tk.Value = string(p.data[start:p.i])
			} else {
				tk.Value = string(buf)
			}
			tk.Origin = tk.Value
			p.next()
			return tk, true
		case c < 0x20:
			return nil, false
		case c == '\\':
			if buf == nil {
				buf = append(make([]byte, 0, p.i-start+16), p.data[start:p.i]...)
			}
			if p.i+1 >= len(p.data) {
				return nil, false
			}
			e := p.data[p.i+1]
			p.i += 2
			p.col += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				if p.i+4 > len(p.data) {
					return nil, false
				}
				v, err := strconv.ParseUint(string(p.data[p.i:p.i+4]), 16, 16)
				if err != nil || v >= 0xD800 && v <= 0xDFFF {
					return nil, false
				}
				buf = utf8.AppendRune(buf, rune(v))
				p.i += 4
				p.col += 4
			default:
				return nil, false
			}
		default:
			if buf != nil {
				buf = append(buf, c)
			}
			p.i++
			if c < utf8.RuneSelf || c >= 0xC0 { // not a continuation byte: a new character
				p.col++
			}
		}
	}
}

// number reads an integer (-?(0|[1-9][0-9]*), at most 18 digits) or a
// decimal with a fraction; anything else is left to the YAML parser.
func (p *jsonParser) number() ast.Node {
	start, col := p.i, p.col
	j := p.i
	if p.data[j] == '-' {
		j++
	}
	digits := j
	for j < len(p.data) && p.data[j] >= '0' && p.data[j] <= '9' {
		j++
	}
	n := j - digits
	if n == 0 || n > jsonMaxDigits || n > 1 && p.data[digits] == '0' {
		return nil
	}
	float := false
	if j < len(p.data) && p.data[j] == '.' {
		j++
		frac := j
		for j < len(p.data) && p.data[j] >= '0' && p.data[j] <= '9' {
			j++
		}
		if j == frac || j-frac > jsonMaxDigits {
			return nil
		}
		float = true
	}
	if j < len(p.data) {
		switch p.data[j] {
		case ' ', '\n', ',', ']', '}':
		default:
			return nil
		}
	}
	text := string(p.data[start:j])
	p.i, p.col = j, col+(j-start)
	if float {
		tk := p.tokenAt(token.FloatType, text, start, col)
		return ast.Float(tk)
	}
	tk := p.tokenAt(token.IntegerType, text, start, col)
	return ast.Integer(tk)
}

// tokenAt is token at byte offset i and column col.
func (p *jsonParser) tokenAt(typ token.Type, v string, i, col int) *token.Token {
	tk := p.token(typ, v)
	tk.Position.Column, tk.Position.Offset = col, i+1
	return tk
}

// word reads true, false or null, which must end at a delimiter.
func (p *jsonParser) word(w string, typ token.Type, node func(*token.Token) ast.Node) ast.Node {
	end := p.i + len(w)
	if end > len(p.data) || string(p.data[p.i:end]) != w {
		return nil
	}
	if end < len(p.data) {
		switch p.data[end] {
		case ' ', '\n', ',', ']', '}':
		default:
			return nil
		}
	}
	tk := p.token(typ, w)
	p.i, p.col = end, p.col+len(w)
	return node(tk)
}
