package warehouse

import (
	"time"

	"github.com/parquet-go/parquet-go"
)

// Dismissed is a row of dismissed: a work-list item (an unanswered
// question, an open complaint, a newcomer not greeted, an own reply to
// re-read) that the community manager marked done or not relevant, so that
// it stays off the list on the next nightly run. A later row for the same
// item wins; reason "undo" puts it back on the list.
type Dismissed struct {
	// Item names what was dismissed, as the work lists show it:
	// conversations:<platform>:<thread_id>:<message_id> for a message,
	// newcomer:<platform>:<author> for a newcomer.
	Item   string    `parquet:"item"`
	Reason string    `parquet:"reason,dict"` // done, not-relevant, undo
	Note   *string   `parquet:"note,optional"`
	At     time.Time `parquet:"at,timestamp(millisecond)"`
	Batch  string    `parquet:"batch,dict"`
}

// DismissedDir is the folder of the dismissed table.
const DismissedDir = "dismissed"

// DismissedTable is dismissed/<batch>.parquet: a small file per dismissal,
// never partitioned.
var DismissedTable = &TableOf[Dismissed, struct{}]{
	Table: &Table{
		Name:   "dismissed",
		View:   "dismissed",
		Dir:    DismissedDir,
		Schema: parquet.SchemaOf(Dismissed{}),
		First:  []string{"item", "reason", "at"},
	},
	Key:    func(*Dismissed, At) struct{} { return struct{}{} },
	Values: func(struct{}) []string { return nil },
}
