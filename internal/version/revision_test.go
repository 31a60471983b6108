package version

import (
	"runtime/debug"
	"testing"
)

func TestRevision(t *testing.T) {
	full := "0123456789abcdef0123456789abcdef01234567"
	for _, tt := range []struct {
		settings []debug.BuildSetting
		want     string
	}{
		{[]debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: full}, {Key: "vcs.modified", Value: "true"}}, full},
		{[]debug.BuildSetting{{Key: "vcs.modified", Value: "false"}}, ""},
		{nil, ""},
	} {
		if got := revision(&debug.BuildInfo{Settings: tt.settings}); got != tt.want {
			t.Errorf("revision(%v) = %q, want %q", tt.settings, got, tt.want)
		}
	}
}
