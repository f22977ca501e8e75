package report

// Complete fills the totals that the file left out (cells marked Computed):
// the 总计 column of a Table 三 row (R3), the row （七）总计 (R2, then R3) and
// the 总计 of a Table 四 group (R4). Blank cells count as 0 here; Validate
// reports them. Complete may be called more than once.
func Complete(r *Report) {
	t3 := &r.Table3
	for i := range t3.Rows {
		if i == T3Total {
			continue
		}
		completeRow(t3.Rows[i][:])
	}
	total := &t3.Rows[T3Total]
	for k := range total {
		if !total[k].Computed {
			continue
		}
		var sum int64
		for i := T3Disclosed; i < T3Total; i++ {
			sum += t3.Rows[i][k].N
		}
		total[k].N = sum
	}
	completeRow(total[:])
	for g := range r.Table4.Rows {
		completeRow(r.Table4.Rows[g][:])
	}
}

// completeRow sets a computed last cell to the sum of the others.
func completeRow(row []Count) {
	last := &row[len(row)-1]
	if !last.Computed {
		return
	}
	var sum int64
	for _, c := range row[:len(row)-1] {
		sum += c.N
	}
	last.N = sum
}
