package version

import "runtime/debug"

// Revision returns the whole VCS revision the binary was built from, for
// the build part of the Parquet files' created_by; "" when the build did
// not record one (go build -buildvcs=false, or no checkout).
func Revision() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	return revision(bi)
}

func revision(bi *debug.BuildInfo) string {
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			return s.Value
		}
	}
	return ""
}
