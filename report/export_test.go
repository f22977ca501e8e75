package report

import "github.com/goccy/go-yaml/ast"

// DecodeYAML is Decode with the YAML parser only (no parseJSON, no
// parseYAML), for the tests that hold the fast paths to it.
func DecodeYAML(name string, data []byte) (*Report, error) { return decode(name, data, false) }

// ParsesAsJSON says whether parseJSON reads data (the fast path is taken).
func ParsesAsJSON(data []byte) bool {
	_, ok := parseJSON(data)
	return ok
}

// ParsesAsYAML says whether parseYAML reads data (the fast path is taken).
func ParsesAsYAML(data []byte) bool {
	_, ok := parseYAML(data)
	return ok
}

// ParseFast is parseYAML, for the tests that compare its syntax tree with
// the YAML parser's.
func ParseFast(data []byte) (ast.Node, bool) { return parseYAML(data) }

// YAMLDeclineLine is the line where parseYAML stopped reading data.
func YAMLDeclineLine(data []byte) int {
	p := &yamlParser{data: data, src: string(data), line: 1, col: 1}
	p.nextContent()
	if p.indent == 0 && p.atKey() {
		p.mapping(0, 0)
	}
	return p.line
}
