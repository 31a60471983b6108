package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"os"
	"strconv"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/cmpulse/cmpulse/warehouse"
)

// Bounds on the memory that writing takes, whatever the input's size.
const (
	rowGroupRows = 128 << 10 // rows per Parquet row group
	bufferRows   = 4 << 10   // rows handed to a writer at a time
	maxOpen      = 8         // partitions written at once; more are closed, least recently used first
	visitorCache = 64 << 10  // (ip, agent) pairs whose visitor_id is remembered
)

// writerOptions are the same for every table: ZSTD, bounded row groups.
func writerOptions() []parquet.WriterOption {
	return []parquet.WriterOption{
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(rowGroupRows),
		parquet.CreatedBy("cmpulse", "dev", ""),
	}
}

// tableWriter writes one table's rows of one partition into the batch.
// A partition that is closed and reopened gets a second file.
type tableWriter[T any] struct {
	f    *os.File
	w    *parquet.GenericWriter[T]
	buf  []T
	used int64 // for least-recently-used closing
}

func newTableWriter[T any](b *warehouse.Batch, rel string) (*tableWriter[T], error) {
	f, err := b.Create(rel)
	if err != nil {
		return nil, err
	}
	return &tableWriter[T]{f: f, w: parquet.NewGenericWriter[T](f, writerOptions()...), buf: make([]T, 0, bufferRows)}, nil
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

// sink turns records into warehouse rows, in one batch.
type sink struct {
	batch  *warehouse.Batch
	site   string
	keepIP bool
	mac    hash.Hash
	macOut []byte

	hits    map[partition]*tableWriter[warehouse.Hit]
	files   map[partition]int // files created per partition, to name the next
	clock   int64
	rejects *tableWriter[warehouse.Reject]
	bytes   []int64 // backing store for Hit.Bytes pointers of buffered rows
	nbytes  int

	visitors map[visitorKey]string
}

type visitorKey struct{ ip, agent string }

func newSink(b *warehouse.Batch, site string, keepIP bool, secret []byte) *sink {
	return &sink{
		batch:    b,
		site:     site,
		keepIP:   keepIP,
		mac:      hmac.New(sha256.New, secret),
		hits:     map[partition]*tableWriter[warehouse.Hit]{},
		files:    map[partition]int{},
		visitors: map[visitorKey]string{},
	}
}

// visitorID is a keyed hash of (site, client address, user agent): stable
// across days and batches of one warehouse, meaningless without its key.
func (s *sink) visitorID(ip, agent string) string {
	k := visitorKey{ip, agent}
	if id, ok := s.visitors[k]; ok {
		return id
	}
	h := s.mac
	h.Reset()
	h.Write([]byte(s.site))
	h.Write([]byte{0})
	h.Write([]byte(ip))
	h.Write([]byte{0})
	h.Write([]byte(agent))
	s.macOut = h.Sum(s.macOut[:0])
	id := hex.EncodeToString(s.macOut[:8])
	if len(s.visitors) >= visitorCache {
		clear(s.visitors)
	}
	s.visitors[k] = id
	return id
}

func (s *sink) hit(h *Hit, source string) error {
	row := warehouse.Hit{
		TS:         h.Time,
		VisitorID:  s.visitorID(h.Client, h.UserAgent),
		VHost:      h.VHost,
		Method:     h.Method,
		Path:       h.Path,
		Query:      h.Query,
		Protocol:   h.Protocol,
		Status:     int32(h.Status),
		Referrer:   h.Referrer,
		UserAgent:  h.UserAgent,
		SourceFile: source,
		SourceLine: h.Line,
		Batch:      s.batch.ID(),
	}
	if s.keepIP {
		row.IP = h.Client
	}
	if h.Bytes >= 0 {
		row.Bytes = s.int64Ptr(h.Bytes)
	}
	w, err := s.writer(partition{s.site, floorDiv(h.Time.Unix(), 86400)})
	if err != nil {
		return err
	}
	return w.add(row)
}

// int64Ptr hands out pointers into a slab, so that nullable columns do not
// cost an allocation per row. A slab is never reused: rows still buffered
// keep pointing into it.
func (s *sink) int64Ptr(v int64) *int64 {
	if s.nbytes == len(s.bytes) {
		s.bytes = make([]int64, bufferRows)
		s.nbytes = 0
	}
	p := &s.bytes[s.nbytes]
	*p = v
	s.nbytes++
	return p
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
	w.used = s.clock
	s.hits[p] = w
	return w, nil
}

func (s *sink) reject(e *ParseError, source, format string) error {
	if s.rejects == nil {
		date := time.Now().UTC().Format(time.DateOnly)
		w, err := newTableWriter[warehouse.Reject](s.batch,
			warehouse.RejectsDir+"/date="+date+"/"+s.batch.ID()+".parquet")
		if err != nil {
			return err
		}
		s.rejects = w
	}
	return s.rejects.add(warehouse.Reject{
		Batch:      s.batch.ID(),
		Site:       s.site,
		Format:     format,
		SourceFile: source,
		SourceLine: e.Line,
		Reason:     e.Err.Error(),
		Raw:        text(e.Raw),
	})
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

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
