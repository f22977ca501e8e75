package report

// DecodeYAML is Decode with the YAML parser only (no parseJSON), for the
// tests that hold the JSON fast path to it.
func DecodeYAML(name string, data []byte) (*Report, error) { return decode(name, data, false) }

// ParsesAsJSON says whether parseJSON reads data (the fast path is taken).
func ParsesAsJSON(data []byte) bool {
	_, ok := parseJSON(data)
	return ok
}
