// Package oldschema keeps the row types of tables as earlier cmpulse
// versions wrote them, so that upgrade tests can write the files an
// upgraded cmpulse finds in an existing warehouse. A type here is frozen:
// it must never change, since the files it describes are already on disk.
package oldschema

import (
	"time"

	"github.com/cmpulse/cmpulse/warehouse"
)

// PreAgentHit is a row of the hits table as cmpulse wrote it before the
// has_agent and client_bot columns existed (up to commit 6832fb5).
type PreAgentHit struct {
	TS             time.Time `parquet:"ts,timestamp(microsecond)"`
	VisitorID      *string   `parquet:"visitor_id,optional"`
	IP             *string   `parquet:"ip,optional,dict"`
	VHost          *string   `parquet:"vhost,optional,dict"`
	Method         *string   `parquet:"method,optional,dict"`
	Path           *string   `parquet:"path,optional,dict"`
	Query          *string   `parquet:"query,optional"`
	Protocol       *string   `parquet:"protocol,optional,dict"`
	Status         int32     `parquet:"status"`
	Bytes          *int64    `parquet:"bytes,optional"`
	Referrer       *string   `parquet:"referrer,optional,dict"`
	UserAgent      *string   `parquet:"user_agent,optional,dict"`
	IsBot          bool      `parquet:"is_bot"`
	BotName        *string   `parquet:"bot_name,optional,dict"`
	BotCategory    *string   `parquet:"bot_category,optional,dict"`
	Browser        *string   `parquet:"browser,optional,dict"`
	OS             *string   `parquet:"os,optional,dict"`
	Device         *string   `parquet:"device,optional,dict"`
	Channel        string    `parquet:"channel,dict"`
	ReferrerHost   *string   `parquet:"referrer_host,optional,dict"`
	ReferrerDomain *string   `parquet:"referrer_domain,optional,dict"`
	Source         *string   `parquet:"source,optional,dict"`
	Keyword        *string   `parquet:"keyword,optional,dict"`
	SourceFile     string    `parquet:"source_file,dict"`
	SourceLine     int64     `parquet:"source_line"`
	Batch          string    `parquet:"batch,dict"`
}

// PreAgent is h as the version before has_agent wrote it: the same values,
// without the columns it did not have.
func PreAgent(h warehouse.Hit) PreAgentHit {
	return PreAgentHit{
		TS: h.TS, VisitorID: h.VisitorID, IP: h.IP, VHost: h.VHost, Method: h.Method, Path: h.Path,
		Query: h.Query, Protocol: h.Protocol, Status: h.Status, Bytes: h.Bytes, Referrer: h.Referrer,
		UserAgent: h.UserAgent, IsBot: h.IsBot, BotName: h.BotName, BotCategory: h.BotCategory,
		Browser: h.Browser, OS: h.OS, Device: h.Device, Channel: h.Channel, ReferrerHost: h.ReferrerHost,
		ReferrerDomain: h.ReferrerDomain, Source: h.Source, Keyword: h.Keyword, SourceFile: h.SourceFile,
		SourceLine: h.SourceLine, Batch: h.Batch,
	}
}
