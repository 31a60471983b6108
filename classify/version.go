package classify

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"runtime/debug"
	"slices"
	"sync"
)

// Version is the version of this package's rules. Bump it in the same
// commit as any change to the code of Classifier.Hit, ParseAgent,
// Referrers.Classify or ClientBot that changes what they return for some
// input: a warehouse classified under another version is then reclassified
// (cmpulse reclassify, or by itself in cmpulse run). Changes to the tables
// (knownBots, sites, crawlerHosts, ...), to the embedded crawler list and
// to crawlerdetect's module version are noticed without a bump, by
// Fingerprint; a new table or embedded list must be added to its hash.
const Version = 2 // 2: utm tags decide the channel over search and social referrers (SPEC)

// Fingerprint names the classification this binary does: Version, a hash of
// the tables of bots, search engines and social sites, and the version of
// the crawler-list module when the build records it. Two binaries with the
// same fingerprint classify every hit alike.
func Fingerprint() string { return fingerprint() }

var fingerprint = sync.OnceValue(func() string {
	h := sha256.New()
	// %q of plain strings and slices of them: deterministic, unlike %v of
	// anything holding pointers.
	for _, b := range knownBots {
		fmt.Fprintf(h, "bot %q %q %q\n", b.name, b.category, b.needles)
	}
	for _, s := range sites {
		fmt.Fprintf(h, "site %q %q %q %q %q\n", s.Name, s.Channel, s.Hosts, s.Params, s.Apps)
	}
	fmt.Fprintf(h, "google %q\n", googleHosts)
	for _, c := range crawlerHosts {
		fmt.Fprintf(h, "crawler host %q %q %q\n", c.suffix, c.name, c.category)
	}
	for _, c := range tagCategories {
		fmt.Fprintf(h, "tag %q %q\n", c.tag, c.category)
	}
	fmt.Fprintf(h, "tv %q\n", tvTokens)
	fmt.Fprintf(h, "platform words %q\n", slices.Sorted(maps.Keys(platformWords)))
	h.Write(crawlerUserAgents) // the embedded crawler list, as refreshed
	fmt.Fprintf(h, "crawlerdetect %s\n", moduleVersion("github.com/x-way/crawlerdetect"))
	return fmt.Sprintf("%d-%s", Version, hex.EncodeToString(h.Sum(nil)[:6]))
})

// moduleVersion returns the version of a dependency as the build records
// it, or "" when it does not (some test binaries).
func moduleVersion(path string) string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, d := range bi.Deps {
		if d.Path == path {
			if d.Replace != nil {
				return d.Replace.Path + "@" + d.Replace.Version
			}
			return d.Version
		}
	}
	return ""
}
