package ingest

// progress counts the bytes read from disk across all inputs and reports
// them at most every 4 MiB, so that reporting costs nothing measurable.
type progress struct {
	done, total, last int64
	report            func(done, total int64)
}

func (p *progress) Write(b []byte) (int, error) {
	p.add(int64(len(b)))
	return len(b), nil
}

// add counts n bytes read; an archive's are counted once its entries are
// read, since they are read through the archive's own readers.
func (p *progress) add(n int64) {
	p.done += n
	if p.report != nil && p.done-p.last >= 4<<20 {
		p.last = p.done
		p.report(p.done, p.total)
	}
}
