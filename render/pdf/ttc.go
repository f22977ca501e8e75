package pdf

import (
	"encoding/binary"
	"errors"
)

// A TrueType collection holds several faces; folio embeds single fonts, so
// the face fonts.Face names by Index is copied out into a font of its own.

func isTTC(data []byte) bool { return len(data) >= 12 && string(data[:4]) == "ttcf" }

var errTTC = errors.New("malformed TrueType collection")

// extractTTC returns face index of collection data as a standalone font.
func extractTTC(data []byte, index int) ([]byte, error) {
	n := int(binary.BigEndian.Uint32(data[8:12]))
	if index < 0 || index >= n || len(data) < 12+4*n {
		return nil, errTTC
	}
	off := int(binary.BigEndian.Uint32(data[12+4*index:]))
	if off+12 > len(data) {
		return nil, errTTC
	}
	numTables := int(binary.BigEndian.Uint16(data[off+4:]))
	dir := off + 12
	if dir+16*numTables > len(data) {
		return nil, errTTC
	}
	head := 12 + 16*numTables
	out := make([]byte, head, head+len(data)/max(n, 1))
	copy(out, data[off:off+12])
	for k := 0; k < numTables; k++ {
		rec := data[dir+16*k : dir+16*k+16]
		to := int(binary.BigEndian.Uint32(rec[8:]))
		tl := int(binary.BigEndian.Uint32(rec[12:]))
		if to < 0 || tl < 0 || to+tl > len(data) {
			return nil, errTTC
		}
		copy(out[12+16*k:], rec[:8])
		binary.BigEndian.PutUint32(out[12+16*k+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[12+16*k+12:], uint32(tl))
		out = append(out, data[to:to+tl]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out, nil
}
