package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"

	"github.com/cmpulse/cmpulse/warehouse"
)

// metaClassification is the key, in a hits file's Parquet key/value
// metadata, of the classification key its derived columns were made with.
const metaClassification = "cmpulse.classification"

// ingestSite is how an ingest classifies a site's hits and what it leaves
// in the site's stored state.
type ingestSite struct {
	hosts   []string
	key     string
	next    warehouse.SiteState
	changed bool // next differs from what is stored
}

// siteForIngest decides the own hosts an ingest uses, and the site state it
// commits with its batch. Without --host the stored hosts serve, so that a
// manual ingest classifies like the nightly job that was given them. The
// stored key stays the site's only if it was the current one (the new rows
// have it too) or the site has no hits yet; otherwise the old rows are
// still under an older key and the state keeps saying so, for run or
// reclassify to mend.
func siteForIngest(dir, site string, hosts []string) (ingestSite, error) {
	st, known, err := warehouse.ReadSite(dir, site)
	if err != nil {
		return ingestSite{}, err
	}
	if len(hosts) == 0 {
		hosts = st.Hosts
	}
	s := ingestSite{hosts: hosts, key: classificationKey(site, hosts)}
	s.next = warehouse.SiteState{Hosts: slices.Clone(hosts), Classified: st.Classified}
	if st.Classified != s.key {
		empty, err := noHits(dir, site)
		if err != nil {
			return ingestSite{}, err
		}
		if empty {
			s.next.Classified = s.key
		}
	}
	s.changed = !known || s.next.Classified != st.Classified || !slices.Equal(s.next.Hosts, st.Hosts)
	return s, nil
}

// noHits reports whether the warehouse has no hits file of the site.
func noHits(dir, site string) (bool, error) {
	files, err := hitFiles(dir, site)
	return len(files) == 0, err
}

// hitFiles lists the hits files of a site, as paths relative to the
// warehouse root, in partition order.
func hitFiles(dir, site string) ([]string, error) {
	root := filepath.Join(dir, filepath.FromSlash(warehouse.Hits.PartitionDir(site)))
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && filepath.Ext(p) == ".parquet" {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("listing hits of site %s: %w", site, err)
	}
	return out, nil
}
