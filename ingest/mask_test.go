package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/cmpulse/cmpulse/warehouse"
)

func TestMaskRaw(t *testing.T) {
	m := newRowMaker("b", "example.org", false, []byte("key"), nil)
	mask := m.maskAddr
	tests := []struct {
		name, format, raw, want string
	}{
		{"IPv4 client", "combined",
			`203.0.113.9 - - [not a date] "GET / HTTP/1.1" 200 1 "-" "x"`,
			mask("203.0.113.9") + ` - - [not a date] "GET / HTTP/1.1" 200 1 "-" "x"`},
		{"IPv6 client, times untouched", "combined",
			`2001:db8::7 - - [17/May/2025:10:05:03 +0000] "GET / HTTP/1.1" abc`,
			mask("2001:db8::7") + ` - - [17/May/2025:10:05:03 +0000] "GET / HTTP/1.1" abc`},
		{"host name client", "common",
			`in24.inetnebr.com - - [01/Aug/1995:00:00:01 -0400] "GET /x HTTP/1.0" 200 abc`,
			mask("in24.inetnebr.com") + ` - - [01/Aug/1995:00:00:01 -0400] "GET /x HTTP/1.0" 200 abc`},
		{"vhost then IPv4 client", "vhost_combined",
			`blog.example.org:443 198.51.100.7 - - [17/May/2025:10:05:03 +0000] "GET / HTTP/1.1" 2x0 1 "-" "x"`,
			`blog.example.org:443 ` + mask("198.51.100.7") + ` - - [17/May/2025:10:05:03 +0000] "GET / HTTP/1.1" 2x0 1 "-" "x"`},
		{"vhost then host name client", "vhost_common",
			`blog.example.org:80 crawl-66-249-66-1.googlebot.com - - [17/May/2025:10:05:03 +0000] "GET /" 200`,
			`blog.example.org:80 ` + mask("crawl-66-249-66-1.googlebot.com") + ` - - [17/May/2025:10:05:03 +0000] "GET /" 200`},
		{"user name with a space is no vhost", "combined",
			`192.0.2.1 - john doe [bad] "GET / HTTP/1.1"`,
			mask("192.0.2.1") + ` - john doe [bad] "GET / HTTP/1.1"`},
		{"forwarded addresses in the agent", "combined",
			`192.0.2.5 - - [17/May/2025:10:05:03 +0000] "GET / HTTP/1.1" 200 - "-" "x" "10.1.2.3, 2001:db8::1"`,
			mask("192.0.2.5") + ` - - [17/May/2025:10:05:03 +0000] "GET / HTTP/1.1" 200 - "-" "x" "` + mask("10.1.2.3") + `, ` + mask("2001:db8::1") + `"`},
		{"garbage with addresses anywhere", "combined",
			"\x16\x03\x01\x02 from 198.51.100.23:8080 via [2001:db8::42]:443 to ::ffff:192.0.2.9.",
			"\x16\x03\x01\x02 from " + mask("198.51.100.23") + ":8080 via [" + mask("2001:db8::42") + "]:443 to " + mask("::ffff:192.0.2.9") + "."},
		{"garbage starting with a host name", "combined",
			`scanner.example.net GET /wp-login.php`,
			mask("scanner.example.net") + ` GET /wp-login.php`},
		{"garbage after a vhost", "vhost_combined",
			`www.example.org:443 crawler.example.net junk`,
			`www.example.org:443 ` + mask("crawler.example.net") + ` junk`},
		{"address glued to a word", "combined",
			`GET /x?for=a1.2.3.4&y=203.0.113.200`,
			`GET /x?for=a` + mask("1.2.3.4") + `&y=` + mask("203.0.113.200")},
		{"no address", "combined",
			`GET / HTTP/1.1 std::vector Foo::Bar deadbeef 10:05:03 :: 0.0.0.0 1.2.3`,
			`GET / HTTP/1.1 std::vector Foo::Bar deadbeef 10:05:03 :: 0.0.0.0 1.2.3`},
		{"other formats: addresses only", "twitter",
			`in24.inetnebr.com said 192.0.2.1`,
			`in24.inetnebr.com said ` + mask("192.0.2.1")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.maskRaw(tt.raw, tt.format, false); got != tt.want {
				t.Errorf("maskRaw(%q, %q)\n = %q\nwant %q", tt.raw, tt.format, got, tt.want)
			}
		})
	}
	if a, b := mask("192.0.2.1"), mask("192.0.2.2"); a == b || a != mask("192.0.2.1") || !strings.HasPrefix(a, "ip:") || len(a) != 19 {
		t.Errorf("masks %q, %q: want ip:<16 hex>, one per address", a, b)
	}
	if got := m.maskRaw("GET /?x=1 from 203.0.113.", "combined", true); got != "GET /?x=1 from "+mask("203.0.113.") {
		t.Errorf("cut-off address at the end: %q", got)
	}
}

// TestRejectsMasked ingests bad lines and reads rejects.raw back: masked,
// or kept as logged with --keep-ip.
func TestRejectsMasked(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "access.log")
	lines := []string{
		goodLine,
		`203.0.113.9 - - [not a date] "GET / HTTP/1.1" 200 1 "-" "x"`,
		`2001:db8::7 - - [17/May/2025:10:05:03 +0000] "GET / HTTP/1.1" abc`,
		`in24.inetnebr.com - - [01/Aug/1995:00:00:01 -0400] "GET /x HTTP/1.0" 200 abc`,
		"\x16\x03\x01 198.51.100.23",
	}
	os.WriteFile(log, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	secrets := []string{"203.0.113.9", "2001:db8::7", "in24.inetnebr.com", "198.51.100.23"}
	for _, keep := range []bool{false, true} {
		wh := filepath.Join(dir, "wh", map[bool]string{false: "masked", true: "kept"}[keep])
		if _, err := Ingest(context.Background(), []string{log}, Options{Warehouse: wh, Site: "example.org", Format: "combined", KeepIP: keep}); err != nil {
			t.Fatal(err)
		}
		files, _ := filepath.Glob(filepath.Join(wh, warehouse.RejectsDir, "*", "*.parquet"))
		if len(files) != 1 {
			t.Fatalf("rejects files %v", files)
		}
		rows, err := parquet.ReadFile[warehouse.Reject](files[0])
		if err != nil {
			t.Fatal(err)
		}
		var raw []string
		for _, r := range rows {
			raw = append(raw, r.Raw)
		}
		all := strings.Join(raw, "\n")
		for _, s := range secrets {
			if strings.Contains(all, s) != keep {
				t.Errorf("keep-ip %v: %q in rejects.raw = %v:\n%s", keep, s, !keep, all)
			}
		}
		if n := strings.Count(all, "ip:"); keep && n != 0 || !keep && n != len(secrets) {
			t.Errorf("keep-ip %v: %d masks in rejects.raw:\n%s", keep, n, all)
		}
	}
}
