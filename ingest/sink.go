package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
	"github.com/zeebo/xxh3"

	"github.com/cmpulse/cmpulse/classify"
	"github.com/cmpulse/cmpulse/internal/version"
	"github.com/cmpulse/cmpulse/warehouse"
)

// Bounds on the memory that writing takes, whatever the input's size.
const (
	rowGroupRows = 64 << 10 // rows per Parquet row group
	bufferRows   = 4 << 10  // rows handed to a writer at a time
	maxOpen      = 8        // partitions written at once; more are closed, least recently used first
	visitorCache = 64 << 10 // (ip, agent) pairs whose visitor_id is remembered
)

// zstdCodec is shared by every writer: it keeps a pool of encoders, and a
// codec of each writer's own made every file set up a ZSTD encoder anew
// (about 0.5 MB and a third of a small file's cost). The fastest level:
// compression was an eighth of ingest time, and ingest speed matters more
// here than the last bytes of size.
var zstdCodec = &zstd.Codec{Level: zstd.SpeedFastest}

// writerOptions are the same for every table: ZSTD, bounded row groups.
func writerOptions() []parquet.WriterOption {
	return []parquet.WriterOption{
		parquet.Compression(zstdCodec),
		parquet.MaxRowsPerRowGroup(rowGroupRows),
		// The default 256 KiB page buffer per column made opening a writer
		// cost more than filling it for a day of a small site.
		parquet.PageBufferSize(32 << 10),
		createdBy(),
		// Min/max statistics: per row group and in the column index (which
		// DuckDB prunes with), not again in every data page header; and
		// not at all for long free text, which nobody filters by range.
		// Computing them was a tenth of ingest.
		parquet.DataPageStatistics(false),
		parquet.SkipPageBounds("user_agent"),
		parquet.SkipPageBounds("referrer"),
		parquet.SkipPageBounds("query"),
	}
}

// createdBy names cmpulse and its version in every file's footer, in the
// form the Parquet format gives ("cmpulse version 1.2.0 (build 0123abc)"):
// parquet.CreatedBy leaves out the space before "(build" and writes an
// empty "(build )" when there is no revision.
var createdBy = sync.OnceValue(func() parquet.WriterOption {
	s := "cmpulse version " + version.String()
	if rev := version.Revision(); rev != "" {
		s += " (build " + rev + ")"
	}
	return createdByOption(s)
})

type createdByOption string

func (c createdByOption) ConfigureWriter(cfg *parquet.WriterConfig) { cfg.CreatedBy = string(c) }

// fileWriter writes rows of type T into one file of the batch.
type fileWriter[T any] struct {
	f    *os.File
	w    *parquet.GenericWriter[T]
	buf  []T
	used int64 // for least-recently-used closing
}

// newFileWriter opens rel in the batch with a writer of its own, and gives
// the file the key-value metadata meta (pairs of key and value). Writers
// are not reused across files: parquet-go v0.32's GenericWriter.Reset
// empties path_in_schema in the column chunks of every later file
// (parquet-go issue 602), which Athena, Spark and hyparquet refuse.
// TestParquetFilesValid checks every file for it.
func newFileWriter[T any](b *warehouse.Batch, rel string, meta ...[2]string) (*fileWriter[T], error) {
	return newFileWriterOpts[T](b, rel, writerOptions(), meta...)
}

func newFileWriterOpts[T any](b *warehouse.Batch, rel string, opts []parquet.WriterOption, meta ...[2]string) (*fileWriter[T], error) {
	f, err := b.Create(rel)
	if err != nil {
		return nil, err
	}
	w := parquet.NewGenericWriter[T](f, opts...)
	for _, kv := range meta {
		w.SetKeyValueMetadata(kv[0], kv[1])
	}
	return &fileWriter[T]{f: f, w: w, buf: make([]T, 0, bufferRows)}, nil
}

func (t *fileWriter[T]) add(row T) error {
	t.buf = append(t.buf, row)
	if len(t.buf) == cap(t.buf) {
		return t.flush()
	}
	return nil
}

func (t *fileWriter[T]) flush() error {
	if len(t.buf) == 0 {
		return nil
	}
	if _, err := t.w.Write(t.buf); err != nil {
		return fmt.Errorf("writing %s: %w", t.f.Name(), err)
	}
	clear(t.buf) // drop references to strings already written
	t.buf = t.buf[:0]
	return nil
}

// close finishes the file.
func (t *fileWriter[T]) close() error {
	err := t.flush()
	if cerr := t.w.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("writing %s: %w", t.f.Name(), cerr)
	}
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// fileName names the n-th file (from 0) a batch writes in one partition
// folder: a partition that is closed and reopened gets a second file.
func fileName(batch string, n int) string {
	if n > 0 {
		return batch + "-" + strconv.Itoa(n)
	}
	return batch
}

// rowMaker turns records into warehouse rows, on the reading goroutine.
type rowMaker struct {
	batch  string
	site   string
	keepIP bool
	mac    hash.Hash
	macOut []byte

	visitors map[visitorKey]string
	bytes    []int64 // backing store for Hit.Bytes pointers
	nbytes   int
	strs     strSlab // backing store for nullable text columns

	// Derives the classification columns, as reclassification does.
	cls *classifier
	// ownHosts are the own sites' host names, for links_own_site.
	ownHosts []string
}

// visitorKey identifies an (ip, agent) pair in the cache by fast hashes:
// hashing and comparing two long strings per line cost a fifth of ingest.
type visitorKey struct{ ip, agent xxh3.Uint128 }

func newRowMaker(batch, site string, keepIP bool, secret []byte, hosts []string) *rowMaker {
	return &rowMaker{
		batch:    batch,
		site:     site,
		keepIP:   keepIP,
		mac:      hmac.New(sha256.New, secret),
		visitors: map[visitorKey]string{},
		cls:      newClassifier(site, hosts),
	}
}

// visitorID is a keyed hash of (site, client address, user agent): stable
// across days and batches of one warehouse, meaningless without its key.
func (m *rowMaker) visitorID(ip, agent string) string {
	k := visitorKey{xxh3.HashString128(ip), xxh3.HashString128(agent)}
	if id, ok := m.visitors[k]; ok {
		return id
	}
	h := m.mac
	h.Reset()
	h.Write([]byte(m.site))
	h.Write([]byte{0})
	h.Write([]byte(ip))
	h.Write([]byte{0})
	h.Write([]byte(agent))
	m.macOut = h.Sum(m.macOut[:0])
	id := hex.EncodeToString(m.macOut[:8])
	if len(m.visitors) >= visitorCache {
		clear(m.visitors)
	}
	m.visitors[k] = id
	return id
}

func (m *rowMaker) hit(h *Hit, source string) warehouse.Hit {
	row := warehouse.Hit{
		TS:         h.Time,
		VisitorID:  m.str(m.visitorID(h.Client, h.UserAgent)),
		VHost:      m.str(h.VHost),
		Method:     m.str(h.Method),
		Path:       m.str(h.Path),
		Query:      m.str(h.Query),
		Protocol:   m.str(h.Protocol),
		Status:     int32(h.Status),
		Referrer:   m.str(h.Referrer),
		UserAgent:  m.str(h.UserAgent),
		SourceFile: source,
		SourceLine: h.Line,
		Batch:      m.batch,
	}
	row.HasAgent = !h.NoAgent
	row.ClientBot = m.str(classify.ClientBot(h.Client))
	m.cls.derive(&row)
	if m.keepIP {
		row.IP = m.str(h.Client)
	}
	if h.Bytes >= 0 {
		row.Bytes = m.int64Ptr(h.Bytes)
	}
	return row
}

// str returns a pointer to s, nil for "" (NULL), from the row slab.
func (m *rowMaker) str(s string) *string { return m.strs.ptr(s) }

// int64Ptr hands out pointers into a slab, so that nullable columns do not
// cost an allocation per row. A slab is never reused: rows in flight keep
// pointing into it.
func (m *rowMaker) int64Ptr(v int64) *int64 {
	if m.nbytes == len(m.bytes) {
		m.bytes = make([]int64, bufferRows)
		m.nbytes = 0
	}
	p := &m.bytes[m.nbytes]
	*p = v
	m.nbytes++
	return p
}

func (m *rowMaker) reject(e *ParseError, source, format string) warehouse.Reject {
	raw := text(e.Raw)
	if !m.keepIP {
		raw = m.maskRaw(raw, format, len(e.Raw) >= maxRaw)
	}
	return warehouse.Reject{
		Batch:      m.batch,
		Site:       m.str(m.site),
		Format:     m.str(format),
		SourceFile: source,
		SourceLine: e.Line,
		Reason:     e.Err.Error(),
		Raw:        raw,
	}
}

// sink writes rows into the batch's Parquet files, on the writing goroutine:
// a partitioned writer per table, indexed as bindings.
type sink struct {
	batch   *warehouse.Batch
	at      warehouse.At
	key     string // classification key, kept in every hits file's metadata
	writers []tableSink
	merges  []MergeStat // what the community tables' partitions became
}

func newSink(b *warehouse.Batch, site, key string) *sink {
	return &sink{batch: b, at: warehouse.At{Site: site, Time: time.Now().UTC()}, key: key, writers: make([]tableSink, len(bindings))}
}

func (s *sink) write(c *chunk) error {
	for i, rows := range c.tables {
		if rows == nil || rows.len() == 0 {
			continue
		}
		if s.writers[i] == nil {
			s.writers[i] = bindings[i].newWriter(s)
		}
		if err := s.writers[i].write(rows); err != nil {
			return err
		}
	}
	for _, m := range c.marks {
		for _, w := range s.writers {
			if mw, ok := w.(marker); ok {
				mw.mark(m)
			}
		}
	}
	return nil
}

// marker is a writer that holds rows until their input's mark.
type marker interface{ mark(m mark) }

// close finishes every file of the sink.
func (s *sink) close() error {
	var first error
	for i, w := range s.writers {
		if w == nil {
			continue
		}
		if err := w.close(); err != nil && first == nil {
			first = err
		}
		s.writers[i] = nil
	}
	return first
}

// tableSink writes one table's rows, whatever their type.
type tableSink interface {
	write(rows tableRows) error
	close() error
}

// partitioned writes one table's rows, a file per partition of the table,
// with at most maxOpen files open at once.
type partitioned[T any, K comparable] struct {
	batch *warehouse.Batch
	table *warehouse.TableOf[T, K]
	at    warehouse.At
	meta  [][2]string
	open  map[K]*fileWriter[T]
	files map[K]int // files created per partition, to name the next
	clock int64
}

func newPartitioned[T any, K comparable](s *sink, t *warehouse.TableOf[T, K], meta ...[2]string) *partitioned[T, K] {
	return &partitioned[T, K]{batch: s.batch, table: t, at: s.at, meta: meta, open: map[K]*fileWriter[T]{}, files: map[K]int{}}
}

func (p *partitioned[T, K]) write(rows tableRows) error {
	rs, ok := rows.(*rowsOf[T])
	if !ok {
		return fmt.Errorf("writing %s: rows of type %T", p.table.Name, rows)
	}
	for i := range rs.rows {
		w, err := p.writer(p.table.Key(&rs.rows[i], p.at))
		if err != nil {
			return err
		}
		if err := w.add(rs.rows[i]); err != nil {
			return err
		}
	}
	return nil
}

func (p *partitioned[T, K]) writer(k K) (*fileWriter[T], error) {
	p.clock++
	if w, ok := p.open[k]; ok {
		w.used = p.clock
		return w, nil
	}
	if len(p.open) >= maxOpen {
		var lru K
		oldest := int64(-1)
		for k, w := range p.open {
			if oldest < 0 || w.used < oldest {
				lru, oldest = k, w.used
			}
		}
		if err := p.open[lru].close(); err != nil {
			return nil, err
		}
		delete(p.open, lru)
	}
	n := p.files[k]
	p.files[k] = n + 1
	w, err := newFileWriter[T](p.batch, p.table.File(p.table.Values(k), fileName(p.batch.ID(), n)), p.meta...)
	if err != nil {
		return nil, err
	}
	w.used = p.clock
	p.open[k] = w
	return w, nil
}

func (p *partitioned[T, K]) close() error {
	var first error
	for k, w := range p.open {
		if err := w.close(); err != nil && first == nil {
			first = err
		}
		delete(p.open, k)
	}
	return first
}

// origin is where the records being turned into rows come from.
type origin struct{ name, format string }

// binding ties a warehouse table to ingest: how a record of it becomes a
// row, and how its rows are written.
type binding interface {
	table() *warehouse.Table
	// add appends the row of rec to rows (nil: a new buffer), and
	// reports whether the buffer is full.
	add(rows tableRows, m *rowMaker, rec any, from origin) (tableRows, bool, error)
	newWriter(s *sink) tableSink
}

// bind is a binding of records R to rows T of a table partitioned by K.
type bind[R any, T any, K comparable] struct {
	t   *warehouse.TableOf[T, K]
	row func(m *rowMaker, rec R, from origin) T
	// classified: the files keep the classification key they were derived
	// with, which reclassify compares.
	classified bool
}

func (b bind[R, T, K]) table() *warehouse.Table { return b.t.Table }

func (b bind[R, T, K]) add(rows tableRows, m *rowMaker, rec any, from origin) (tableRows, bool, error) {
	r, ok := rec.(R)
	if !ok {
		return rows, false, fmt.Errorf("a %T record is not a row of table %s", rec, b.t.Name)
	}
	rs, _ := rows.(*rowsOf[T])
	if rs == nil {
		rs = &rowsOf[T]{rows: make([]T, 0, bufferRows)}
	}
	rs.rows = append(rs.rows, b.row(m, r, from))
	return rs, len(rs.rows) >= bufferRows, nil
}

func (b bind[R, T, K]) newWriter(s *sink) tableSink {
	if b.classified {
		return newPartitioned(s, b.t, [2]string{metaClassification, s.key})
	}
	return newPartitioned(s, b.t)
}

// bindings are the tables ingest writes. A record goes to the one its
// Table method names; a reject to rejects.
var bindings = []binding{
	bind[*Hit, warehouse.Hit, warehouse.HitsKey]{
		t:          warehouse.Hits,
		row:        func(m *rowMaker, h *Hit, from origin) warehouse.Hit { return m.hit(h, from.name) },
		classified: true,
	},
	snapBind[*Post, warehouse.SocialPost]{t: warehouse.SocialPosts, row: (*rowMaker).post},
	snapBind[*Message, warehouse.Conversation]{t: warehouse.Conversations, row: (*rowMaker).message, settle: answered},
	snapBind[*FollowerRec, warehouse.Follower]{t: warehouse.Followers, row: (*rowMaker).follower},
	bind[*ParseError, warehouse.Reject, int64]{
		t: warehouse.Rejects,
		row: func(m *rowMaker, e *ParseError, from origin) warehouse.Reject {
			return m.reject(e, from.name, from.format)
		},
	},
}

// rejectsTable is the index of the rejects in bindings.
var rejectsTable = bindingOf(warehouse.Rejects.Name)

// bindingOf returns the index of the table named name in bindings, or -1.
func bindingOf(name string) int {
	for i, b := range bindings {
		if b.table().Name == name {
			return i
		}
	}
	return -1
}

// tableRows are a chunk's rows of one table.
type tableRows interface {
	len() int
	reset()
}

type rowsOf[T any] struct{ rows []T }

func (r *rowsOf[T]) len() int { return len(r.rows) }

func (r *rowsOf[T]) reset() {
	clear(r.rows)
	r.rows = r.rows[:0]
}

// chunk is a run of rows on their way from a reader to the writers, by
// table (indexed as bindings). Reading and writing run on two goroutines,
// so that parsing and hashing overlap with Parquet encoding and compression.
type chunk struct {
	tables []tableRows
	// marks end snapshot inputs whose rows are in this chunk or before
	// it: the community tables' writers stamp or drop those rows.
	marks []mark
}

// add makes rec a row of the table at index i of bindings, and reports
// whether the chunk is full.
func (c *chunk) add(i int, m *rowMaker, rec any, from origin) (bool, error) {
	rows, full, err := bindings[i].add(c.tables[i], m, rec, from)
	c.tables[i] = rows
	return full, err
}

func (c *chunk) reset() {
	c.marks = c.marks[:0]
	for _, rows := range c.tables {
		if rows != nil {
			rows.reset()
		}
	}
}

// pipe runs a sink on its own goroutine.
type pipe struct {
	ch   chan *chunk
	done chan struct{}
	err  error // set by the writer before done is closed
	free chan *chunk
}

const pipeDepth = 16 // chunks in flight: bounds memory (about 1 MB each)

func startPipe(s *sink) *pipe {
	p := &pipe{ch: make(chan *chunk, pipeDepth), done: make(chan struct{}), free: make(chan *chunk, pipeDepth+2)}
	go func() {
		defer close(p.done)
		for c := range p.ch {
			if p.err == nil {
				p.err = s.write(c)
			}
			c.reset()
			select {
			case p.free <- c:
			default:
			}
		}
		if err := s.close(); p.err == nil {
			p.err = err
		}
	}()
	return p
}

// chunk returns an empty chunk to fill, reusing one the writer is done with.
func (p *pipe) chunk() *chunk {
	select {
	case c := <-p.free:
		return c
	default:
		return &chunk{tables: make([]tableRows, len(bindings))}
	}
}

// send hands a chunk to the writer.
func (p *pipe) send(c *chunk) { p.ch <- c }

// close waits for the writer to finish every file, and returns its error.
func (p *pipe) close() error {
	close(p.ch)
	<-p.done
	return p.err
}
