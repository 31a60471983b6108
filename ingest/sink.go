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

// tableWriter writes one table's rows of one partition into the batch.
// A partition that is closed and reopened gets a second file.
type tableWriter[T any] struct {
	f    *os.File
	w    *parquet.GenericWriter[T]
	buf  []T
	used int64 // for least-recently-used closing
}

// newTableWriter opens rel in the batch with a writer of its own. Writers
// are not reused across files: parquet-go v0.32's GenericWriter.Reset
// empties path_in_schema in the column chunks of every later file
// (parquet-go issue 602), which Athena, Spark and hyparquet refuse.
// TestParquetFilesValid checks every file for it.
func newTableWriter[T any](b *warehouse.Batch, rel string) (*tableWriter[T], error) {
	f, err := b.Create(rel)
	if err != nil {
		return nil, err
	}
	w := parquet.NewGenericWriter[T](f, writerOptions()...)
	return &tableWriter[T]{f: f, w: w, buf: make([]T, 0, bufferRows)}, nil
}

func (t *tableWriter[T]) add(row T) error {
	t.buf = append(t.buf, row)
	if len(t.buf) == cap(t.buf) {
		return t.flush()
	}
	return nil
}

func (t *tableWriter[T]) flush() error {
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
func (t *tableWriter[T]) close() error {
	err := t.flush()
	if cerr := t.w.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("writing %s: %w", t.f.Name(), cerr)
	}
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// partition is a (site, UTC date) of the hits table.
type partition struct {
	site string
	day  int64 // days since the Unix epoch
}

// chunk is a run of rows on their way from a reader to the writers. Reading
// and writing run on two goroutines, so that parsing and hashing overlap
// with Parquet encoding and compression.
type chunk struct {
	hits    []warehouse.Hit
	rejects []warehouse.Reject
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

// sink writes rows into the batch's Parquet files, on the writing goroutine.
type sink struct {
	batch   *warehouse.Batch
	key     string // classification key, kept in every hits file's metadata
	hits    map[partition]*tableWriter[warehouse.Hit]
	files   map[partition]int // files created per partition, to name the next
	clock   int64
	rejects *tableWriter[warehouse.Reject]
}

func newSink(b *warehouse.Batch, key string) *sink {
	return &sink{batch: b, key: key, hits: map[partition]*tableWriter[warehouse.Hit]{}, files: map[partition]int{}}
}

func (s *sink) write(site string, c *chunk) error {
	for _, row := range c.hits {
		w, err := s.writer(partition{site, floorDiv(row.TS.Unix(), 86400)})
		if err != nil {
			return err
		}
		if err := w.add(row); err != nil {
			return err
		}
	}
	for _, row := range c.rejects {
		if s.rejects == nil {
			date := time.Now().UTC().Format(time.DateOnly)
			w, err := newTableWriter[warehouse.Reject](s.batch,
				warehouse.RejectsDir+"/date="+date+"/"+s.batch.ID()+".parquet")
			if err != nil {
				return err
			}
			s.rejects = w
		}
		if err := s.rejects.add(row); err != nil {
			return err
		}
	}
	return nil
}

func (s *sink) writer(p partition) (*tableWriter[warehouse.Hit], error) {
	s.clock++
	if w, ok := s.hits[p]; ok {
		w.used = s.clock
		return w, nil
	}
	if len(s.hits) >= maxOpen {
		var lru partition
		oldest := int64(-1)
		for k, w := range s.hits {
			if oldest < 0 || w.used < oldest {
				lru, oldest = k, w.used
			}
		}
		if err := s.hits[lru].close(); err != nil {
			return nil, err
		}
		delete(s.hits, lru)
	}
	n := s.files[p]
	s.files[p] = n + 1
	name := s.batch.ID()
	if n > 0 {
		name += "-" + strconv.Itoa(n)
	}
	date := time.Unix(p.day*86400, 0).UTC().Format(time.DateOnly)
	w, err := newTableWriter[warehouse.Hit](s.batch,
		warehouse.HitsDir+"/site="+p.site+"/date="+date+"/"+name+".parquet")
	if err != nil {
		return nil, err
	}
	w.w.SetKeyValueMetadata(metaClassification, s.key)
	w.used = s.clock
	s.hits[p] = w
	return w, nil
}

// close finishes every file of the sink.
func (s *sink) close() error {
	var first error
	for p, w := range s.hits {
		if err := w.close(); err != nil && first == nil {
			first = err
		}
		delete(s.hits, p)
	}
	if s.rejects != nil {
		if err := s.rejects.close(); err != nil && first == nil {
			first = err
		}
		s.rejects = nil
	}
	return first
}

// pipe runs a sink on its own goroutine.
type pipe struct {
	ch   chan *chunk
	done chan struct{}
	err  error // set by the writer before done is closed
	free chan *chunk
}

const pipeDepth = 16 // chunks in flight: bounds memory (about 1 MB each)

func startPipe(s *sink, site string) *pipe {
	p := &pipe{ch: make(chan *chunk, pipeDepth), done: make(chan struct{}), free: make(chan *chunk, pipeDepth+2)}
	go func() {
		defer close(p.done)
		for c := range p.ch {
			if p.err == nil {
				p.err = s.write(site, c)
			}
			clear(c.hits)
			c.hits, c.rejects = c.hits[:0], c.rejects[:0]
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
		return &chunk{hits: make([]warehouse.Hit, 0, bufferRows)}
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

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
