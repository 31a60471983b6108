package warehouse

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// SitesDir holds one small JSON file per site, _sites/<site>.json.
const SitesDir = "_sites"

// SiteState is what the warehouse remembers of a site between runs, so that
// reclassifying old data uses what ingest was told.
type SiteState struct {
	// Hosts are the site's own host names as ingest was last given them
	// (--host or the config's hosts), besides the site name and its www.
	// variant: referrers from them are internal.
	Hosts []string `json:"hosts"`
	// Classified is the classification key (rules fingerprint and hosts)
	// under which every hits file of the site was derived, "" when that is
	// not known (data from before the key was kept, or a reclassification
	// that did not finish).
	Classified string `json:"classified"`
}

// ReadSite returns the stored state of a site; ok is false when none is
// stored.
func ReadSite(dir, site string) (st SiteState, ok bool, err error) {
	p := filepath.Join(dir, SitesDir, site+".json")
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return SiteState{}, false, nil
	}
	if err != nil {
		return SiteState{}, false, fmt.Errorf("reading site state: %w", err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return SiteState{}, false, fmt.Errorf("reading %s: %w", p, err)
	}
	return st, true, nil
}

// WriteSite puts a site's state into the batch: it replaces the stored one
// when the batch commits, together with the batch's data.
func (b *Batch) WriteSite(site string, st SiteState) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("writing site state of %s: %w", site, err)
	}
	f, err := b.Create(SitesDir + "/" + site + ".json")
	if err != nil {
		return err
	}
	_, err = f.Write(append(data, '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing site state of %s: %w", site, err)
	}
	return nil
}

// Sites lists the sites that have a hits partition, by folder name.
func Sites(dir string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(dir, Hits.Dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("listing sites: %w", err)
	}
	var out []string
	for _, e := range entries {
		if s, ok := strings.CutPrefix(e.Name(), Hits.Partition[0].Name+"="); ok && e.IsDir() {
			out = append(out, s)
		}
	}
	return out, nil
}
