package sampledata

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config says what to generate. Zero values take defaults.
type Config struct {
	Seed  uint64    // default 1
	Start time.Time // first day, truncated to UTC midnight; default 2025-06-01
	Days  int       // default 120
	// Scale multiplies the traffic of readers, crawlers, scanners and
	// scripts; default 1.0 gives roughly 2,000-4,000 lines a day. The
	// uptime monitor and the feed readers poll on their schedules
	// whatever the scale.
	Scale float64
	Host  string // the site's own host, default "blog.example.org"; used in internal referrers
	// TZ is the zone whose offset is written in the log, and in which the
	// daily rhythm of readers is set. The default is a fixed "+0200" so that
	// parsers must convert to UTC.
	TZ *time.Location
}

// Stats tells what was written.
type Stats struct {
	Lines int
	Files []string // paths written, newest first; empty for WriteLog
	// Bytes is what was written: the log text for WriteLog, the size of
	// the files on disk (compressed ones compressed) for Generate.
	Bytes int64
}

// withDefaults fills in the zero fields and rejects values that cannot make
// a log.
func (c Config) withDefaults() (Config, error) {
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Start.IsZero() {
		c.Start = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	}
	y, m, d := c.Start.UTC().Date()
	c.Start = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if c.Days == 0 {
		c.Days = 120
	}
	if c.Days < 0 {
		return c, fmt.Errorf("checking config: negative Days %d", c.Days)
	}
	if c.Scale == 0 {
		c.Scale = 1
	}
	if c.Scale < 0 || math.IsNaN(c.Scale) || math.IsInf(c.Scale, 0) {
		return c, fmt.Errorf("checking config: Scale %v is not a positive number", c.Scale)
	}
	if c.Host == "" {
		c.Host = "blog.example.org"
	}
	if strings.ContainsAny(c.Host, " \t\r\n\"/") {
		return c, fmt.Errorf("checking config: Host %q is not a host name", c.Host)
	}
	if c.TZ == nil {
		c.TZ = time.FixedZone("+0200", 2*60*60)
	}
	return c, nil
}

// WriteLog writes the whole period as one log, oldest line first, to w.
func WriteLog(w io.Writer, cfg Config) (Stats, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Stats{}, err
	}
	cw := &countingWriter{w: w}
	lines, _, err := writeDays(cw, newGenerator(cfg), 0, cfg.Days)
	return Stats{Lines: lines, Bytes: cw.n}, err
}

// Generate writes the period into dir as a server rotates logs daily-ish:
// the last 7 days in access.log, the 7 days before in access.log.1, and each
// older 7-day chunk in access.log.2.gz, access.log.3.gz, ... (gzip, like
// logrotate with delaycompress); the oldest chunk may be shorter. Each file's
// modification time is that of its last line. It creates dir if needed and
// overwrites files of those names, but leaves other files alone. It returns
// what it wrote.
func Generate(dir string, cfg Config) (Stats, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Stats{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, fmt.Errorf("creating %s: %w", dir, err)
	}
	g := newGenerator(cfg)
	var st Stats
	chunks := (cfg.Days + 6) / 7
	// Oldest first, so that days are made in order.
	for k := chunks - 1; k >= 0; k-- {
		path := filepath.Join(dir, rotatedName(k))
		from, to := max(0, cfg.Days-7*(k+1)), cfg.Days-7*k
		lines, size, err := writeFile(path, k >= 2, g, from, to)
		st.Lines += lines
		st.Bytes += size
		if err != nil {
			return st, err
		}
		st.Files = append([]string{path}, st.Files...)
	}
	return st, nil
}

// rotatedName is the name logrotate gives to the k-th newest log.
func rotatedName(k int) string {
	switch {
	case k == 0:
		return "access.log"
	case k == 1:
		return "access.log.1"
	default:
		return "access.log." + strconv.Itoa(k) + ".gz"
	}
}

func writeFile(path string, compress bool, g *generator, from, to int) (lines int, size int64, err error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, 0, fmt.Errorf("creating %s: %w", path, err)
	}
	cw := &countingWriter{w: f}
	var w io.Writer = cw
	var zw *gzip.Writer
	if compress {
		// No modification time in the header keeps the bytes the same
		// from run to run.
		zw = gzip.NewWriter(cw)
		zw.Name = strings.TrimSuffix(filepath.Base(path), ".gz")
		w = zw
	}
	lines, last, err := writeDays(w, g, from, to)
	if zw != nil {
		err = errors.Join(err, zw.Close())
	}
	if cerr := f.Close(); cerr != nil {
		err = errors.Join(err, cerr)
	}
	if err != nil {
		return lines, cw.n, fmt.Errorf("writing %s: %w", path, err)
	}
	if lines > 0 {
		if err := os.Chtimes(path, last, last); err != nil {
			return lines, cw.n, fmt.Errorf("setting the time of %s: %w", path, err)
		}
	}
	return lines, cw.n, nil
}

// writeDays writes days [from, to) to w and tells how many lines it wrote
// and the time of the last.
func writeDays(w io.Writer, g *generator, from, to int) (int, time.Time, error) {
	bw := bufio.NewWriterSize(w, 256<<10)
	s := newStamper(g.cfg.TZ)
	var line []byte
	var n int
	var last int64
	for d := from; d < to; d++ {
		hits := g.day(d)
		for i := range hits {
			line = s.appendLine(line[:0], &hits[i])
			line = append(line, '\n')
			if _, err := bw.Write(line); err != nil {
				return n, time.Time{}, err
			}
			n++
			last = hits[i].ms
		}
	}
	return n, time.UnixMilli(last), bw.Flush()
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// LineSource returns a function that yields the next generated line
// (without newline) each call, endlessly cycling through the days of the
// period, for benchmarks that need N lines without holding them in memory.
// The returned slice is only valid until the next call. It panics if cfg is
// invalid (negative Days or Scale, or a Host with a slash or spaces), since
// a benchmark has no way to handle the error.
func LineSource(cfg Config) func() []byte {
	cfg, err := cfg.withDefaults()
	if err != nil {
		panic("sampledata.LineSource: " + err.Error())
	}
	g := newGenerator(cfg)
	s := newStamper(cfg.TZ)
	var line []byte
	var hits []hit
	d, i := 0, 0
	return func() []byte {
		for i >= len(hits) {
			hits, i = g.day(d), 0
			d = (d + 1) % cfg.Days
		}
		line = s.appendLine(line[:0], &hits[i])
		i++
		return line
	}
}

// stamper formats hits as combined-format lines. It caches the zone offset
// and the date so that a line costs a few appends, not a time.Format.
type stamper struct {
	loc      *time.Location
	from, to int64 // Unix seconds in which off holds
	off      int64
	zone     []byte // " +0200"
	day      int64  // the local day in date
	date     []byte // "17/May/2025:"
}

func newStamper(loc *time.Location) *stamper {
	return &stamper{loc: loc, from: 1, to: 0, day: math.MinInt64}
}

func (s *stamper) appendLine(b []byte, h *hit) []byte {
	b = append(b, h.ip...)
	b = append(b, " - - ["...)
	b = s.appendTime(b, h.ms)
	b = append(b, "] \""...)
	b = append(b, h.method...)
	b = append(b, ' ')
	b = append(b, h.path...)
	b = append(b, ' ')
	b = append(b, h.proto...)
	b = append(b, "\" "...)
	b = strconv.AppendInt(b, int64(h.status), 10)
	if h.size < 0 {
		b = append(b, " -"...)
	} else {
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(h.size), 10)
	}
	b = append(b, " \""...)
	b = append(b, h.ref...)
	b = append(b, "\" \""...)
	b = append(b, h.ua...)
	return append(b, '"')
}

// appendTime appends ms as "17/May/2025:10:05:03 +0200" in the stamper's
// zone.
func (s *stamper) appendTime(b []byte, ms int64) []byte {
	sec := ms / 1000
	if ms < 0 && ms%1000 != 0 {
		sec--
	}
	if sec < s.from || sec >= s.to {
		s.setZone(sec)
	}
	local := sec + s.off
	day := local / 86400
	if local < 0 && local%86400 != 0 {
		day--
	}
	if day != s.day {
		s.day = day
		s.date = time.Unix(day*86400, 0).UTC().AppendFormat(s.date[:0], "02/Jan/2006:")
	}
	b = append(b, s.date...)
	rem := local - day*86400
	b = appendTwo(b, rem/3600)
	b = append(b, ':')
	b = appendTwo(b, rem/60%60)
	b = append(b, ':')
	b = appendTwo(b, rem%60)
	return append(b, s.zone...)
}

func (s *stamper) setZone(sec int64) {
	t := time.Unix(sec, 0).In(s.loc)
	_, off := t.Zone()
	start, end := t.ZoneBounds()
	s.from, s.to = math.MinInt64, math.MaxInt64
	if !start.IsZero() {
		s.from = start.Unix()
	}
	if !end.IsZero() {
		s.to = end.Unix()
	}
	if int64(off) != s.off || s.zone == nil {
		s.off = int64(off)
		s.zone = t.AppendFormat(s.zone[:0], " -0700")
		s.day = math.MinInt64 // the local date may differ under the new offset
	}
}

func appendTwo(b []byte, n int64) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}
