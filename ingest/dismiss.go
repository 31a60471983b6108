package ingest

import (
	"fmt"
	"strings"
	"time"

	"github.com/cmpulse/cmpulse/warehouse"
)

// DismissReasons are what a dismissal may say.
var DismissReasons = []string{"done", "not-relevant", "undo"}

// Dismiss records, in one atomic batch, that the work-list items are done
// or not relevant (reason), or puts them back on the lists (undo), so that
// the next report's lists leave them out (the dismissed_items view).
func Dismiss(dir string, items []string, reason, note string, now time.Time) error {
	if !validReason(reason) {
		return fmt.Errorf("%w: reason %q: one of %s", ErrUsage, reason, strings.Join(DismissReasons, ", "))
	}
	for _, it := range items {
		if !validItem(it) {
			return fmt.Errorf("%w: item %q: give it as the work list shows it (its item_id: conversations:PLATFORM:THREAD:MESSAGE or newcomer:PLATFORM:PERSON)", ErrUsage, it)
		}
	}
	wh, err := warehouse.Open(dir)
	if err != nil {
		return err
	}
	defer wh.Close()
	b, err := wh.Begin()
	if err != nil {
		return err
	}
	defer b.Abort()
	w, err := newFileWriter[warehouse.Dismissed](b, warehouse.DismissedTable.File(nil, b.ID()))
	if err != nil {
		return err
	}
	var n *string
	if note != "" {
		n = &note
	}
	for _, it := range items {
		if err := w.add(warehouse.Dismissed{Item: it, Reason: reason, Note: n, At: now.UTC(), Batch: b.ID()}); err != nil {
			w.close()
			return err
		}
	}
	if err := w.close(); err != nil {
		return err
	}
	return b.Commit()
}

func validReason(r string) bool {
	for _, v := range DismissReasons {
		if r == v {
			return true
		}
	}
	return false
}

// validItem checks an item's form: its kind, then its platform and the
// rest, none empty.
func validItem(it string) bool {
	kind, rest, ok := strings.Cut(it, ":")
	if !ok || (kind != "conversations" && kind != "newcomer") {
		return false
	}
	parts := strings.SplitN(rest, ":", 3)
	want := map[string]int{"conversations": 3, "newcomer": 2}[kind]
	if len(parts) < want {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
	}
	return platformName.MatchString(parts[0])
}
