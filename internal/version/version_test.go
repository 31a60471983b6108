package version

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	rev := debug.BuildSetting{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"}
	dirty := debug.BuildSetting{Key: "vcs.modified", Value: "true"}
	clean := debug.BuildSetting{Key: "vcs.modified", Value: "false"}
	for _, tt := range []struct {
		name     string
		version  string
		settings []debug.BuildSetting
		want     string
	}{
		{"release", "v1.2.3", []debug.BuildSetting{rev, dirty}, "v1.2.3"},
		{"pseudo-version", "v0.0.0-20261201120000-0123456789ab+dirty", nil, "v0.0.0-20261201120000-0123456789ab+dirty"},
		{"revision", "(devel)", []debug.BuildSetting{rev, clean}, "0123456789ab"},
		{"dirty revision", "(devel)", []debug.BuildSetting{rev, dirty}, "0123456789ab-dirty"},
		{"nothing", "(devel)", nil, "devel"},
		{"empty", "", []debug.BuildSetting{dirty}, "devel"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/cmpulse/cmpulse", Version: tt.version}, Settings: tt.settings}
			if got := fromBuildInfo(bi); got != tt.want {
				t.Errorf("fromBuildInfo(%q, %v) = %q, want %q", tt.version, tt.settings, got, tt.want)
			}
		})
	}
}

func TestString(t *testing.T) {
	if String() == "" {
		t.Error("String() is empty")
	}
}
