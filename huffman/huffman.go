// Package huffman makes the canonical Huffman codes of deflate (RFC 1951
// §3.2.2, §3.2.7) for the zlib streams that nianbao writes itself: the
// code lengths from symbol frequencies, the codes from their lengths, and
// the code-length code that declares them in a dynamic block's header.
// Writing the streams stays with their owners (fonts/subset for CFF
// programs, render/pdf for the other PDF streams).
package huffman

import (
	"math/bits"
	"slices"
)

// CodeLengthOrder is the order in which a dynamic block gives the lengths
// of the code-length code.
var CodeLengthOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// Lengths returns the lengths of a Huffman code for the frequencies freq
// (0: symbol unused), none longer than limit: while the tree is too deep
// the frequencies are halved, which flattens it.
func Lengths(freq []int, limit int) []uint8 {
	lens := make([]uint8, len(freq))
	f := slices.Clone(freq)
	var syms []int
	for s, w := range f {
		if w > 0 {
			syms = append(syms, s)
		}
	}
	switch len(syms) {
	case 0:
		return lens
	case 1:
		lens[syms[0]] = 1
		return lens
	}
	type node struct{ weight, parent int }
	for {
		slices.SortStableFunc(syms, func(a, b int) int { return f[a] - f[b] })
		// Two queues: the leaves in order of weight, and the inner
		// nodes, which are made in order of weight.
		nodes := make([]node, 0, 2*len(syms)-1)
		for _, s := range syms {
			nodes = append(nodes, node{weight: f[s], parent: -1})
		}
		leaf, inner := 0, len(syms)
		take := func() int {
			if leaf < len(syms) && (inner == len(nodes) || nodes[leaf].weight <= nodes[inner].weight) {
				leaf++
				return leaf - 1
			}
			inner++
			return inner - 1
		}
		for range len(syms) - 1 {
			a, b := take(), take()
			nodes = append(nodes, node{weight: nodes[a].weight + nodes[b].weight, parent: -1})
			nodes[a].parent, nodes[b].parent = len(nodes)-1, len(nodes)-1
		}
		depth := make([]int, len(nodes))
		deepest := 0
		for i := len(nodes) - 2; i >= 0; i-- { // parents come after children
			depth[i] = depth[nodes[i].parent] + 1
			deepest = max(deepest, depth[i])
		}
		if deepest <= limit {
			for i, s := range syms {
				lens[s] = uint8(depth[i])
			}
			return lens
		}
		for _, s := range syms {
			f[s] = f[s]/2 + 1
		}
	}
}

// Canonical returns the canonical code of each symbol with the code
// lengths lens, bit-reversed for writing (deflate packs bits LSB first).
func Canonical(lens []uint8) []uint16 {
	var count, next [16]int
	for _, l := range lens {
		if l > 0 {
			count[l]++
		}
	}
	code := 0
	for l := 1; l < 16; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	codes := make([]uint16, len(lens))
	for s, l := range lens {
		if l == 0 {
			continue
		}
		codes[s] = bits.Reverse16(uint16(next[l])) >> (16 - l)
		next[l]++
	}
	return codes
}

// CodeLengthCode returns the code-length code for the frequencies freq of
// the 19 code-length symbols: its lengths and codes, and n, how many of
// its lengths the header gives (in CodeLengthOrder; HCLEN is n−4).
func CodeLengthCode(freq []int) (lens []uint8, codes []uint16, n int) {
	lens = Lengths(freq, 7)
	n = 19
	for n > 4 && lens[CodeLengthOrder[n-1]] == 0 {
		n--
	}
	return lens, Canonical(lens), n
}
