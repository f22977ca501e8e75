package report

import "github.com/goccy/go-yaml/token"

// tokens hands out the tokens (and their positions) of the syntax trees
// that parseJSON and parseYAML build, from blocks rather than one
// allocation each.
type tokens struct {
	toks []token.Token
	poss []token.Position
}

// newToken returns a new token of type typ and value v at line:col, byte
// offset i.
func (a *tokens) newToken(typ token.Type, v string, line, col, i int) *token.Token {
	if len(a.toks) == cap(a.toks) {
		a.toks = make([]token.Token, 0, 256)
		a.poss = make([]token.Position, 0, 256)
	}
	a.toks = a.toks[:len(a.toks)+1]
	a.poss = a.poss[:len(a.poss)+1]
	pos := &a.poss[len(a.poss)-1]
	pos.Line, pos.Column, pos.Offset = line, col, i+1
	tk := &a.toks[len(a.toks)-1]
	tk.Type, tk.Value, tk.Origin, tk.Position = typ, v, v, pos
	return tk
}
