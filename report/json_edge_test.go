package report_test

import "testing"

// TestJSONFastPathEdges holds the fast path to the YAML parser on JSON
// that means something else in YAML or moves positions: merge and
// indicator keys, duplicate keys, quoted literals, line and paragraph
// separators and NEL inside strings, characters beyond U+FFFF before a
// value, empty objects and trailing blank lines.
func TestJSONFastPathEdges(t *testing.T) {
	for _, s := range []string{
		`{"<<": {"agency": "甲"}}`,
		`{"agency": "甲", "agency": "乙", "year": 2021}`,
		`{"? a": 1, "- x": 2, "*a": 3, "&b": 4, "!t": 5, "%d": 6, "@x": 7, "#c": 8}`,
		`{"agency": "*x", "year": "2021", "title": ["null", "true", "~", "0x10", "1_000", ".inf", "-.5"]}`,
		"{\"agency\": \"甲\u2028乙\", \"year\": 2021,\n \"title\": [\"丙\"]}",
		"{\"agency\": \"甲\u2029乙\u0085丙\", \"year\": 2021,\n \"title\": [\"丙\"], \"table2\": {\"x\": 1}}",
		"{\"agency\": \"😀𠀀\", \"year\": 2021, \"table2\": {\"licensing\": [1, 2]}}",
		"{\"agency\": \"a\\u2028b\", \"year\": 2021, \"table2\": {\"zz\": 1}}",
		"{ }", "{\n}\n\n\n", "{\"a\": { }, \"b\": [ ], \"c\": [\n]}",
		"{\"overview\": [{\"heading\": \"（一）\", \"run_in\": true, \"paragraphs\": [\"x\"]}, \"y\"], \"year\": 2021}",
		"{\"table3\": {\"new\": [1, 2, 3, 4, 5, 6, 7], \"carried_over\": [-1, 0.5, 1.25, 0, 0, 0, 0]}, \"year\": 2021}",
		"{\"agency\": \"---\", \"year\": 2021}\n---\n",
		"{\"agency\": \"甲\"}\n# comment\n",
		"{\"agency\":\"甲\",\"year\":2021,\"table2\":{\"licensing\":0}}",
		"   \n  {\"agency\": \"甲\",\n\"year\": 2021\n}",
		"{\"agency\": \"甲\",\n  \"year\":\n  2021}",
		"{\"agency\": \"\\\\\\\"\\/\\b\\f\\n\\r\\t\\u00e9\\u4e2d\"}",
	} {
		sameDecode(t, s, []byte(s))
	}
}
