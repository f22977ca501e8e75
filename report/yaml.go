package report

import (
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// parseYAML reads a report file written in block YAML, as `nianbao init`
// and `nianbao import` write it and clerks edit it, straight into the
// syntax tree that the YAML parser builds for the same text, at a fraction
// of its cost: the same nodes, values, token types and line:column
// positions (in characters), so that decoding and every message stay the
// same. Comments are dropped: the decoder does not read them.
//
// It reads a narrow subset and returns false for anything else, which is
// then left to the YAML parser:
//   - a mapping at the top; block mappings whose keys are plain words
//     ([A-Za-z_][A-Za-z0-9_]*, not null, true or false) followed by ":";
//     block sequences ("- "), also at the indentation of their key;
//   - values on the line of their key or "- ": a plain scalar that is a
//     string, a decimal integer or decimal fraction of at most 18 digits
//     (a sign allowed),
//     null, true or false (other spellings of those, and every other
//     number, are left to the YAML parser); a double-quoted scalar whose
//     only escapes are \" \\ \/ \n \t \uXXXX (as Go's %q writes them, but
//     no surrogates); a single-quoted scalar; a flow
//     sequence [a, b] of such scalars on one line;
//   - spaces, line breaks (\n) and comments ("#" at the start of a line or
//     after a space).
//
// Everything else falls back: tabs, carriage returns and other control
// characters, U+0085, U+2028, U+2029, U+FEFF and noncharacters anywhere in
// the file, anchors, aliases, tags, block scalars (| >), plain or quoted
// scalars spread over lines, document markers and directives, flow
// mappings, "? " keys, "- - " on one line, a plain scalar with ": " or a
// quote in it, and every syntax error. TestYAMLFastPath, TestYAMLTrees and
// FuzzYAMLFastPath hold it to the YAML parser.
//
// data is UTF-8, as decoder.text leaves it (the YAML parser reads an
// invalid byte as U+FFFD; parseYAML keeps it).
func parseYAML(data []byte) (ast.Node, bool) {
	if !yamlPlainBytes(data) {
		return nil, false
	}
	p := &yamlParser{data: data, line: 1, col: 1}
	p.nextContent()
	if p.indent != 0 || !p.atKey() {
		return nil, false
	}
	p.src = string(data) // the values are slices of it: one copy, not one per value
	m := p.mapping(0, 0)
	if m == nil || p.indent >= 0 {
		return nil, false
	}
	return m, true
}

// Bounds of the subset read by parseYAML: nesting (prescan allows 32), the
// length of a key and the digits of a number.
const (
	yamlMaxDepth  = 40
	yamlMaxKey    = 128
	yamlMaxDigits = 18
)

// yamlPlainBytes says whether data is free of the characters that the fast
// path leaves to the YAML parser: control characters other than \n (tabs
// and carriage returns among them), DEL, C1 controls (U+0085 NEL among
// them), U+2028, U+2029, U+FEFF, U+FFFE and U+FFFF.
func yamlPlainBytes(data []byte) bool {
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c >= 0x80 && c != 0xC2 && c != 0xE2 && c != 0xEF {
			continue
		}
		switch {
		case c < 0x20 || c == 0x7f:
			return false
		case c == 0xC2: // U+0080–U+00BF: C1 controls below U+00A0
			if i+1 < len(data) && data[i+1] < 0xA0 {
				return false
			}
		case c == 0xE2: // U+2028, U+2029
			if i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xA8 || data[i+2] == 0xA9) {
				return false
			}
		case c == 0xEF: // U+FEFF, U+FFFE, U+FFFF
			if i+2 < len(data) && (data[i+1] == 0xBB && data[i+2] == 0xBF || data[i+1] == 0xBF && data[i+2] >= 0xBE) {
				return false
			}
		}
	}
	return true
}

type yamlParser struct {
	data   []byte
	src    string // data
	i      int    // byte offset of the parser's place
	line   int    // of data[i]
	col    int    // of data[i], in characters
	indent int    // of the current line (its first character that is not a space), -1 at the end
	tokens
	// Nodes are allocated in blocks, as the tokens.
	bases []ast.BaseNode
	strs  []ast.StringNode
	ints  []ast.IntegerNode
	pairs []ast.MappingValueNode
}

const yamlBlock = 128

func (p *yamlParser) base() *ast.BaseNode {
	if len(p.bases) == cap(p.bases) {
		p.bases = make([]ast.BaseNode, 0, 4*yamlBlock)
	}
	p.bases = p.bases[:len(p.bases)+1]
	return &p.bases[len(p.bases)-1]
}

// str is ast.String.
func (p *yamlParser) str(tk *token.Token) *ast.StringNode {
	if len(p.strs) == cap(p.strs) {
		p.strs = make([]ast.StringNode, 0, yamlBlock)
	}
	p.strs = p.strs[:len(p.strs)+1]
	n := &p.strs[len(p.strs)-1]
	n.BaseNode, n.Token, n.Value = p.base(), tk, tk.Value
	return n
}

// integer is ast.Integer for a decimal integer of at most 18 digits.
func (p *yamlParser) integer(tk *token.Token) *ast.IntegerNode {
	if len(p.ints) == cap(p.ints) {
		p.ints = make([]ast.IntegerNode, 0, yamlBlock)
	}
	p.ints = p.ints[:len(p.ints)+1]
	n := &p.ints[len(p.ints)-1]
	n.BaseNode, n.Token = p.base(), tk
	s := tk.Value
	neg := s[0] == '-'
	if s[0] == '-' || s[0] == '+' {
		s = s[1:]
	}
	var u uint64
	for i := 0; i < len(s); i++ {
		u = u*10 + uint64(s[i]-'0')
	}
	if neg {
		n.Value = -int64(u)
	} else {
		n.Value = u
	}
	return n
}

// pair is ast.MappingValue.
func (p *yamlParser) pair(colon *token.Token, key ast.MapKeyNode, v ast.Node) *ast.MappingValueNode {
	if len(p.pairs) == cap(p.pairs) {
		p.pairs = make([]ast.MappingValueNode, 0, yamlBlock)
	}
	p.pairs = p.pairs[:len(p.pairs)+1]
	n := &p.pairs[len(p.pairs)-1]
	n.BaseNode, n.Start, n.Key, n.Value = p.base(), colon, key, v
	return n
}

// at returns the byte at offset i, or 0 at the end.
func (p *yamlParser) at(i int) byte {
	if i < len(p.data) {
		return p.data[i]
	}
	return 0
}

// endOfLine says whether offset i is at a line break or the end.
func (p *yamlParser) endOfLine(i int) bool { return i >= len(p.data) || p.data[i] == '\n' }

// nextContent moves from the start of a line to the first character of the
// next line that has one other than a comment, and sets indent to its
// column - 1 (-1 at the end of the file).
func (p *yamlParser) nextContent() {
	for p.i < len(p.data) {
		j := p.i
		for j < len(p.data) && p.data[j] == ' ' {
			j++
		}
		if j < len(p.data) && p.data[j] != '\n' && p.data[j] != '#' {
			p.indent = j - p.i
			p.col = p.indent + 1
			p.i = j
			return
		}
		for j < len(p.data) && p.data[j] != '\n' {
			j++
		}
		p.i = j + 1
		p.line++
	}
	p.i = len(p.data)
	p.indent = -1
}

// endLine reads the rest of a line after a value: spaces, then a comment
// after a space, then the line break; and moves to the next content. It
// returns false when anything else follows the value.
func (p *yamlParser) endLine() bool {
	j := p.i
	for j < len(p.data) && p.data[j] == ' ' {
		j++
	}
	if j < len(p.data) && p.data[j] == '#' && j > 0 && p.data[j-1] == ' ' {
		for j < len(p.data) && p.data[j] != '\n' {
			j++
		}
	}
	if !p.endOfLine(j) {
		return false
	}
	p.i = j + 1
	p.line++
	p.nextContent()
	return true
}

// dash says whether the parser is at a block sequence entry: "-" followed
// by a space or the end of the line.
func (p *yamlParser) dash() bool {
	return p.at(p.i) == '-' && (p.at(p.i+1) == ' ' || p.endOfLine(p.i+1))
}

// keyEnd returns the offset of the ":" after a plain key at the parser's
// place, or -1 when there is none there.
func (p *yamlParser) keyEnd() int {
	j := p.i
	c := p.at(j)
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
		return -1
	}
	for j++; j < len(p.data) && j-p.i <= yamlMaxKey; j++ {
		c := p.data[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= '0' && c <= '9') {
			break
		}
	}
	if j-p.i > yamlMaxKey || p.at(j) != ':' || !(p.at(j+1) == ' ' || p.endOfLine(j+1)) {
		return -1
	}
	switch string(p.data[p.i:j]) {
	case "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE":
		return -1
	}
	return j
}

func (p *yamlParser) atKey() bool { return p.keyEnd() >= 0 }

// mapping reads a block mapping whose keys are at column indent+1; the
// parser is at its first key.
func (p *yamlParser) mapping(indent, depth int) ast.Node {
	if depth > yamlMaxDepth {
		return nil
	}
	var m *ast.MappingNode
	for {
		end := p.keyEnd()
		if end < 0 {
			return nil
		}
		key := p.str(p.newToken(token.StringType, p.src[p.i:end], p.line, p.col, p.i))
		p.col += end - p.i
		p.i = end
		colon := p.newToken(token.MappingValueType, ":", p.line, p.col, p.i)
		if m == nil {
			m = ast.Mapping(colon, false)
		}
		p.i++
		p.col++
		v := p.blockValue(indent, colon, true, depth)
		if v == nil {
			return nil
		}
		m.Values = append(m.Values, p.pair(colon, key, v))
		switch {
		case p.indent < indent: // the end of the mapping (or the file)
			return m
		case p.indent > indent:
			return nil
		}
	}
}

// sequence reads a block sequence whose entries are at column indent+1;
// the parser is at its first "-".
func (p *yamlParser) sequence(indent, depth int) ast.Node {
	if depth > yamlMaxDepth {
		return nil
	}
	var s *ast.SequenceNode
	for {
		if !p.dash() {
			return nil
		}
		entry := p.newToken(token.SequenceEntryType, "-", p.line, p.col, p.i)
		if s == nil {
			s = ast.Sequence(entry, false)
		}
		p.i++
		p.col++
		v := p.blockValue(indent, entry, false, depth)
		if v == nil {
			return nil
		}
		s.Values = append(s.Values, v)
		switch {
		case p.indent < indent:
			return s
		case p.indent > indent:
			return nil
		case !p.dash(): // a key of the mapping above, at the same indentation
			return s
		}
	}
}

// blockValue reads the value after indicator ind (a mapping's ":" or a
// sequence's "-") of the block at indentation indent, and moves to the
// next content line.
func (p *yamlParser) blockValue(indent int, ind *token.Token, inMapping bool, depth int) ast.Node {
	for p.at(p.i) == ' ' {
		p.i++
		p.col++
	}
	if p.endOfLine(p.i) || p.at(p.i) == '#' && p.at(p.i-1) == ' ' {
		// Nothing on the line: a block below, or an implicit null.
		line, col, i := ind.Position.Line, ind.Position.Column+1, ind.Position.Offset
		if !p.endLine() {
			return nil
		}
		switch {
		case p.indent > indent && p.dash():
			return p.sequence(p.indent, depth+1)
		case p.indent > indent && p.atKey():
			return p.mapping(p.indent, depth+1)
		case p.indent > indent:
			return nil // a scalar on the next line
		case p.indent == indent && inMapping && p.dash():
			return p.sequence(p.indent, depth+1)
		case p.indent == indent && !inMapping && !p.dash():
			// "-" with nothing, then a key at the indentation of the
			// "-" (a sequence at the indentation of its key): the YAML
			// parser takes the key's mapping as the item's value.
			return nil
		}
		if p.indent < 0 {
			col++ // the YAML parser's place for a null at the end of the file
		}
		return ast.Null(p.newToken(token.ImplicitNullType, "null", line, col, i))
	}
	if !inMapping {
		switch {
		case p.dash():
			return nil // "- - x"
		case p.atKey(): // "- key: value": a mapping at the key's column
			return p.mapping(p.col-1, depth+1)
		}
	}
	v := p.inline(depth)
	if v == nil || !p.endLine() {
		return nil
	}
	return v
}

// inline reads a value written on the line of its indicator: a scalar or a
// flow sequence.
func (p *yamlParser) inline(depth int) ast.Node {
	if p.at(p.i) == '[' {
		return p.flow(depth + 1)
	}
	return p.scalar(false)
}

// flow reads a flow sequence of scalars on one line.
func (p *yamlParser) flow(depth int) ast.Node {
	if depth > yamlMaxDepth {
		return nil
	}
	s := ast.Sequence(p.newToken(token.SequenceStartType, "[", p.line, p.col, p.i), true)
	p.i++
	p.col++
	p.spaces()
	if p.at(p.i) == ']' {
		s.End = p.newToken(token.SequenceEndType, "]", p.line, p.col, p.i)
		p.i++
		p.col++
		return s
	}
	for {
		v := p.scalar(true)
		if v == nil {
			return nil
		}
		s.Values = append(s.Values, v)
		p.spaces()
		switch p.at(p.i) {
		case ',':
			p.i++
			p.col++
			p.spaces()
			if p.at(p.i) == ']' { // a trailing comma
				return nil
			}
		case ']':
			s.End = p.newToken(token.SequenceEndType, "]", p.line, p.col, p.i)
			p.i++
			p.col++
			return s
		default:
			return nil
		}
	}
}

func (p *yamlParser) spaces() {
	for p.at(p.i) == ' ' {
		p.i++
		p.col++
	}
}

// scalar reads a quoted or plain scalar on one line; in a flow sequence
// (flow), a plain scalar ends at "," or "]".
func (p *yamlParser) scalar(flow bool) ast.Node {
	switch p.at(p.i) {
	case '"':
		return p.doubleQuoted()
	case '\'':
		return p.singleQuoted()
	}
	return p.plain(flow)
}

// advance moves the parser to offset j on the same line, counting the
// characters passed.
func (p *yamlParser) advance(j int) {
	for ; p.i < j; p.i++ {
		if c := p.data[p.i]; c < 0x80 || c >= 0xC0 {
			p.col++
		}
	}
}

func (p *yamlParser) doubleQuoted() ast.Node {
	line, col, start := p.line, p.col, p.i
	var buf []byte // the value when it has escapes
	j := p.i + 1
	from := j
	for {
		if p.endOfLine(j) {
			return nil
		}
		c := p.data[j]
		if c == '"' {
			break
		}
		if c != '\\' {
			j++
			continue
		}
		var e byte
		switch p.at(j + 1) {
		case '"':
			e = '"'
		case '\\':
			e = '\\'
		case '/':
			e = '/'
		case 'n':
			e = '\n'
		case 't':
			e = '\t'
		case 'u':
			r, ok := hex4(p.data[min(j+2, len(p.data)):min(j+6, len(p.data))])
			if !ok || r >= 0xD800 && r <= 0xDFFF {
				return nil
			}
			buf = utf8.AppendRune(append(buf, p.data[from:j]...), r)
			j += 6
			from = j
			continue
		default:
			return nil
		}
		buf = append(append(buf, p.data[from:j]...), e)
		j += 2
		from = j
	}
	return p.quotedEnd(token.DoubleQuoteType, buf, from, j, line, col, start)
}

// hex4 reads four hexadecimal digits.
func hex4(b []byte) (rune, bool) {
	if len(b) != 4 {
		return 0, false
	}
	var r rune
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

func (p *yamlParser) singleQuoted() ast.Node {
	line, col, start := p.line, p.col, p.i
	var buf []byte // the value when it has '' in it
	j := p.i + 1
	from := j
	for {
		if p.endOfLine(j) {
			return nil
		}
		if p.data[j] != '\'' {
			j++
			continue
		}
		if p.at(j+1) != '\'' {
			break
		}
		buf = append(buf, p.data[from:j+1]...)
		j += 2
		from = j
	}
	return p.quotedEnd(token.SingleQuoteType, buf, from, j, line, col, start)
}

// quotedEnd ends a quoted scalar that started at line:col, byte start,
// and whose closing quote is at j: its value is the file's own text from
// from when nothing in it was unescaped (buf nil), else buf and the rest.
func (p *yamlParser) quotedEnd(typ token.Type, buf []byte, from, j, line, col, start int) ast.Node {
	var v string
	if buf == nil {
		v = p.src[from:j]
	} else {
		v = string(append(buf, p.data[from:j]...))
	}
	p.advance(j + 1)
	return p.str(p.newToken(typ, v, line, col, start))
}

// plain reads a plain scalar: in a block, to the end of the line or a
// comment; in a flow sequence, to "," or "]". Its type is that of the
// YAML parser: a string, or one of the few other spellings the fast path
// knows (see plainType); anything else is refused.
func (p *yamlParser) plain(flow bool) ast.Node {
	start := p.i
	switch c := p.at(start); c {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '<', '~', '.', '+', '=', '\\', ' ', '\n', 0:
		if !((c == '-' || c == '+') && p.at(start+1) >= '0' && p.at(start+1) <= '9') {
			return nil
		}
	}
	j := start
	end := start // after the last character that is not a space
	for j < len(p.data) {
		c := p.data[j]
		if c == '\n' || c == '#' && p.data[j-1] == ' ' {
			break
		}
		switch c {
		case ':':
			if p.at(j+1) == ' ' || p.endOfLine(j+1) || flow {
				return nil // a key, or a colon that the flow context reads otherwise
			}
		case '"', '\'', '\\':
			return nil
		case ',', '[', ']', '{', '}':
			if flow {
				if c == ',' || c == ']' {
					goto done
				}
				return nil
			}
		}
		j++
		if c != ' ' {
			end = j
		}
	}
done:
	text := p.src[start:end]
	typ, ok := plainType(text)
	if !ok {
		return nil
	}
	line, col := p.line, p.col
	if !flow && j < len(p.data) && p.data[j] == '\n' {
		// The YAML parser places a plain scalar followed by spaces and a
		// line break as many columns to the right as there are spaces.
		col += j - end
	}
	p.advance(end)
	tk := p.newToken(typ, text, line, col, start)
	switch typ {
	case token.IntegerType:
		return p.integer(tk)
	case token.FloatType:
		return ast.Float(tk)
	case token.NullType:
		return ast.Null(tk)
	case token.BoolType:
		return ast.Bool(tk)
	}
	return p.str(tk)
}

// plainType is the token type that the YAML parser gives plain scalar s,
// for the spellings the fast path reads: null, true, false, a decimal
// integer ([-+]?(0|[1-9][0-9]*), at most 18 digits), a decimal fraction
// (the same with .[0-9]+, at most 18 digits after the point), and strings.
// ok is false for anything else that the YAML parser might read as other
// than a string.
func plainType(s string) (typ token.Type, ok bool) {
	switch s {
	case "null":
		return token.NullType, true
	case "true", "false":
		return token.BoolType, true
	}
	if yamlNumber(s) {
		if !digitsOnly(s) {
			return token.FloatType, true
		}
		return token.IntegerType, true
	}
	// What the YAML parser reads as other than a string is all ASCII: a
	// number has only ASCII digits, letters, _ . + -, and the reserved words
	// are null Null NULL ~ true True TRUE false False FALSE .inf .Inf .INF
	// -.inf -.Inf -.INF .nan .NaN .NAN. For such a text, ask its rule.
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.' || c == '+' || c == '-') {
			return token.StringType, true
		}
	}
	switch s {
	case "Null", "NULL", "True", "TRUE", "False", "FALSE", ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
		return 0, false
	}
	if token.ToNumber(s) != nil {
		return 0, false
	}
	return token.StringType, true
}

// digitsOnly says whether s is a sign and digits only.
func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return false
		}
	}
	return true
}

// yamlNumber says whether s is [-+]?(0|[1-9][0-9]*)(\.[0-9]+)? with at most
// yamlMaxDigits digits before and after the point.
func yamlNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	d := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if n := i - d; n == 0 || n > yamlMaxDigits || n > 1 && s[d] == '0' {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != '.' {
		return false
	}
	i++
	f := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i == len(s) && i > f && i-f <= yamlMaxDigits
}
