package warehouse

import "time"

// Hit is a row of the hits table: one request in a web server log. The site
// and date columns come from the partition path, not from the file.
//
// Nullable text columns are *string, nil for NULL: parquet-go v0.32 wrote a
// run of NULLs as "" when a plain string field stood for an optional column
// (seen on lines 1795-1856 of the real Apache sample).
type Hit struct {
	TS        time.Time `parquet:"ts,timestamp(microsecond)"`
	VisitorID *string   `parquet:"visitor_id,optional"`
	IP        *string   `parquet:"ip,optional,dict"` // only with --keep-ip
	VHost     *string   `parquet:"vhost,optional,dict"`
	Method    *string   `parquet:"method,optional,dict"`
	Path      *string   `parquet:"path,optional,dict"`
	Query     *string   `parquet:"query,optional"`
	Protocol  *string   `parquet:"protocol,optional,dict"`
	Status    int32     `parquet:"status"`
	Bytes     *int64    `parquet:"bytes,optional"`
	Referrer  *string   `parquet:"referrer,optional,dict"`
	UserAgent *string   `parquet:"user_agent,optional,dict"`
	// HasAgent is false where the log format records no user agent at all
	// (Common Log Format): there an empty agent does not make a bot, and
	// the report says that bots could not be told apart. NULL in files
	// written before the column existed, which read as true.
	HasAgent bool `parquet:"has_agent"`
	// ClientBot names the crawler whose documented host names the client
	// had (crawl-66-249-66-1.googlebot.com: Googlebot), decided at ingest
	// from the client field, which is stored only hashed; NULL otherwise.
	ClientBot *string `parquet:"client_bot,optional,dict"`
	// What the user agent (and client_bot) say: classify.Classifier.Hit.
	// is_bot here is by agent and client host name only; the hits view
	// adds visitors that fetched /robots.txt.
	IsBot       bool    `parquet:"is_bot"`
	BotName     *string `parquet:"bot_name,optional,dict"`
	BotCategory *string `parquet:"bot_category,optional,dict"`
	Browser     *string `parquet:"browser,optional,dict"`
	OS          *string `parquet:"os,optional,dict"`
	Device      *string `parquet:"device,optional,dict"`
	// Where the request came from (classify.Referrers): the hit's own
	// channel; a visit's channel is its first page view's.
	Channel        string  `parquet:"channel,dict"`
	ReferrerHost   *string `parquet:"referrer_host,optional,dict"`
	ReferrerDomain *string `parquet:"referrer_domain,optional,dict"`
	Source         *string `parquet:"source,optional,dict"` // search engine or social network
	Keyword        *string `parquet:"keyword,optional,dict"`

	SourceFile string `parquet:"source_file,dict"`
	SourceLine int64  `parquet:"source_line"`
	Batch      string `parquet:"batch,dict"`
}

// Reject is a row of the rejects table: an input line or record that could
// not be read, with where it was and why.
type Reject struct {
	Batch      string  `parquet:"batch,dict"`
	Site       *string `parquet:"site,optional,dict"`
	Format     *string `parquet:"format,optional,dict"`
	SourceFile string  `parquet:"source_file,dict"`
	SourceLine int64   `parquet:"source_line"`
	Reason     string  `parquet:"reason,dict"`
	Raw        string  `parquet:"raw"` // the first KiB of the input
}

// LedgerEntry records one byte range of one content stream that is in the
// warehouse. A stream is known by the hash of its first HeadLen bytes, not by
// its file name, so that a log keeps its identity when it is rotated and
// compressed; PrefixHash covers all bytes up to End, so that a stream that
// grew is recognised and only its new lines are read.
type LedgerEntry struct {
	Batch      string    `parquet:"batch,dict"`
	IngestedAt time.Time `parquet:"ingested_at,timestamp(millisecond)"`
	Source     string    `parquet:"source"`
	Site       string    `parquet:"site,optional,dict"`
	Format     string    `parquet:"format,dict"`
	HeadLen    int64     `parquet:"head_len"`
	HeadHash   string    `parquet:"head_hash"`
	Start      int64     `parquet:"start"` // first byte read in this batch
	End        int64     `parquet:"end"`   // bytes of the stream that are in
	PrefixHash string    `parquet:"prefix_hash"`
	FirstLine  int64     `parquet:"first_line"` // first line read in this batch
	Lines      int64     `parquet:"lines"`      // lines of the stream that are in
	Rows       int64     `parquet:"rows"`
	Rejects    int64     `parquet:"rejects"`
	// Partial is set when the last line read had no newline: if the
	// stream grows, the bytes up to the next newline are that line's rest.
	Partial bool `parquet:"partial"`
	// Checkpoints are prefix hashes at line ends about every MiB of the
	// range this entry read, so that a copy shorter than what is in (an
	// older copy of a log, ingested after a newer one) is recognised too.
	Checkpoints []Checkpoint `parquet:"checkpoints,list"`
}

// Checkpoint is the SHA-256 of a stream's first Offset bytes, which hold
// Lines lines.
type Checkpoint struct {
	Offset int64  `parquet:"offset"`
	Lines  int64  `parquet:"lines"`
	Hash   string `parquet:"hash"`
}

// Table folders, relative to the warehouse root.
const (
	HitsDir    = "hits"
	RejectsDir = "rejects"
	LedgerDir  = "_ledger"
)
