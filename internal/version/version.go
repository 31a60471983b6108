// Package version says which build of cmpulse is running, from the build
// information the Go toolchain embeds in every binary.
package version

import "runtime/debug"

// String returns the version of this build: the main module's version when
// it has one (a tagged release, or the pseudo-version the go command
// derives from the checkout), else the VCS revision's first 12 digits with
// "-dirty" when the work tree had uncommitted changes, else "devel".
func String() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return fromBuildInfo(bi)
}

func fromBuildInfo(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	var modified bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified {
		rev += "-dirty"
	}
	return rev
}
