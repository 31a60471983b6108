package reports

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cmpulse/cmpulse/internal/browsertest"
)

// shotsDir is where the browser test leaves its screenshots, for a person
// (or CI's artifact upload) to look at. CMPULSE_TEST_ARTIFACTS moves it.
func shotsDir(t *testing.T, name string) string {
	base := os.Getenv("CMPULSE_TEST_ARTIFACTS")
	if base == "" {
		base = filepath.Join("testdata", "artifacts")
	}
	dir, err := filepath.Abs(filepath.Join(base, "reports", name))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBrowser opens the sample report and the XSS report in headless
// Chromium: no console error, no failed or network request, every chart
// drawn, no probe ran, and the pages fit a phone. See browsertest.Check.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	for _, tt := range []struct {
		name string
		r    func() *Report
	}{
		{"sample", sampleReport},
		{"xss", xssReport},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTemp(t, tt.r())
			browsertest.Check(t, dir, shotsDir(t, tt.name))
		})
	}
}
