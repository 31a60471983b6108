package ingest

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func utc(y int, m time.Month, d, h, min, s int) time.Time {
	return time.Date(y, m, d, h, min, s, 0, time.UTC)
}

func TestCombinedParse(t *testing.T) {
	tests := []struct {
		name string
		line string
		want Hit
		err  error
	}{
		{
			name: "combined",
			line: `203.0.113.7 - - [17/May/2015:10:05:03 +0000] "GET /blog/post/?utm_source=x HTTP/1.1" 200 5123 "https://www.google.com/search?q=duckdb" "Mozilla/5.0 (X11; Linux x86_64)"`,
			want: Hit{Time: utc(2015, 5, 17, 10, 5, 3), Client: "203.0.113.7", Method: "GET", Path: "/blog/post/", Query: "utm_source=x",
				Protocol: "HTTP/1.1", Status: 200, Bytes: 5123, Referrer: "https://www.google.com/search?q=duckdb", UserAgent: "Mozilla/5.0 (X11; Linux x86_64)"},
		},
		{
			name: "common with host name and negative offset",
			line: `in24.inetnebr.com - - [01/Aug/1995:00:00:01 -0400] "GET /shuttle/missions/sts-68/news/sts-68-mcc-05.txt HTTP/1.0" 200 1839`,
			want: Hit{Time: utc(1995, 8, 1, 4, 0, 1), Client: "in24.inetnebr.com", Method: "GET", Path: "/shuttle/missions/sts-68/news/sts-68-mcc-05.txt",
				Protocol: "HTTP/1.0", Status: 200, Bytes: 1839, NoAgent: true},
		},
		{
			name: "offset with minutes +0330 crosses midnight back",
			line: `192.0.2.1 - alice [01/Jan/2024:02:15:00 +0330] "GET / HTTP/2.0" 304 -`,
			want: Hit{Time: utc(2023, 12, 31, 22, 45, 0), Client: "192.0.2.1", User: "alice", Method: "GET", Path: "/", Protocol: "HTTP/2.0", Status: 304, Bytes: -1, NoAgent: true},
		},
		{
			name: "common line ending in spaces records no agent",
			line: `192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.0" 200 10   `,
			want: Hit{Time: utc(2015, 5, 17, 10, 5, 3), Client: "192.0.2.1", Method: "GET", Path: "/", Protocol: "HTTP/1.0", Status: 200, Bytes: 10, NoAgent: true},
		},
		{
			name: "referrer without agent field records no agent",
			line: `192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.0" 200 10 "http://example.com/"`,
			want: Hit{Time: utc(2015, 5, 17, 10, 5, 3), Client: "192.0.2.1", Method: "GET", Path: "/", Protocol: "HTTP/1.0", Status: 200, Bytes: 10, Referrer: "http://example.com/", NoAgent: true},
		},
		{
			name: "dash as byte count and dash referrer and agent",
			line: `192.0.2.1 - - [17/May/2015:10:05:03 +0000] "HEAD / HTTP/1.1" 200 - "-" "-"`,
			want: Hit{Time: utc(2015, 5, 17, 10, 5, 3), Client: "192.0.2.1", Method: "HEAD", Path: "/", Protocol: "HTTP/1.1", Status: 200, Bytes: -1},
		},
		{
			name: "HTTP/0.9 request without protocol",
			line: `piweba3y.prodigy.com - - [01/Aug/1995:00:00:12 -0400] "GET /images/ksclogosmall.gif" 200 3635`,
			want: Hit{Time: utc(1995, 8, 1, 4, 0, 12), Client: "piweba3y.prodigy.com", Method: "GET", Path: "/images/ksclogosmall.gif", Status: 200, Bytes: 3635, NoAgent: true},
		},
		{
			name: "runs of spaces inside the request",
			line: `h.example.com - - [01/Aug/1995:00:01:00 -0400] "GET /facts/internet/bdgtti-1.01.html   HTTP/1.0" 200 100`,
			want: Hit{Time: utc(1995, 8, 1, 4, 1, 0), Client: "h.example.com", Method: "GET", Path: "/facts/internet/bdgtti-1.01.html", Protocol: "HTTP/1.0", Status: 200, Bytes: 100, NoAgent: true},
		},
		{
			name: "runs of spaces between fields",
			line: `192.0.2.1  -  -  [17/May/2015:10:05:03 +0000]  "GET / HTTP/1.1"  200  10  "-"  "curl/8.5.0"`,
			want: Hit{Time: utc(2015, 5, 17, 10, 5, 3), Client: "192.0.2.1", Method: "GET", Path: "/", Protocol: "HTTP/1.1", Status: 200, Bytes: 10, UserAgent: "curl/8.5.0"},
		},
		{
			name: "TLS handshake sent to port 80, as \\x escapes",
			line: `1.2.3.4 - - [29/Jul/2023:10:26:06 -0700] "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" 400 157 "-" "-"`,
			want: Hit{Time: utc(2023, 7, 29, 17, 26, 6), Client: "1.2.3.4", Path: `\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03`, Status: 400, Bytes: 157},
		},
		{
			name: "scanner junk with spaces and quotes inside the request",
			line: `1.2.3.4 - - [29/Jul/2023:10:26:06 -0700] "lv|'|'|VHJv "odd" |'|'|Win XP" 400 157 "-" "-"`,
			want: Hit{Time: utc(2023, 7, 29, 17, 26, 6), Client: "1.2.3.4", Path: `lv|'|'|VHJv "odd" |'|'|Win XP`, Status: 400, Bytes: 157},
		},
		{
			name: "bare word as request",
			line: `1.2.3.4 - - [29/Jul/2023:10:26:07 -0700] "batman" 400 157 "-" "-"`,
			want: Hit{Time: utc(2023, 7, 29, 17, 26, 7), Client: "1.2.3.4", Path: "batman", Status: 400, Bytes: 157},
		},
		{
			name: "empty request logged as dash",
			line: `1.2.3.4 - - [29/Jul/2023:10:26:07 -0700] "-" 408 0 "-" "-"`,
			want: Hit{Time: utc(2023, 7, 29, 17, 26, 7), Client: "1.2.3.4", Status: 408, Bytes: 0},
		},
		{
			name: "apache escaped quote in request",
			line: `192.0.2.9 - - [17/May/2015:10:05:03 +0000] "GET /a\"b HTTP/1.1" 404 10 "-" "x"`,
			want: Hit{Time: utc(2015, 5, 17, 10, 5, 3), Client: "192.0.2.9", Method: "GET", Path: `/a\"b`, Protocol: "HTTP/1.1", Status: 404, Bytes: 10, UserAgent: "x"},
		},
		{
			name: "user agent with no closing quote",
			line: `46.118.127.106 - - [20/May/2015:12:05:17 +0000] "GET /scripts/grok-py-test/configlib.py HTTP/1.1" 200 235 "-" "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html`,
			want: Hit{Time: utc(2015, 5, 20, 12, 5, 17), Client: "46.118.127.106", Method: "GET", Path: "/scripts/grok-py-test/configlib.py", Protocol: "HTTP/1.1",
				Status: 200, Bytes: 235, UserAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html"},
		},
		{
			name: "referrer with literal \\x escapes",
			line: `201.242.142.135 - - [19/May/2015:11:05:10 +0000] "GET /files/logstash/ HTTP/1.0" 200 13316 "http://\xe4\xe5\xe3-\xec.\xf0\xf4/" "Mozilla/5.0"`,
			want: Hit{Time: utc(2015, 5, 19, 11, 5, 10), Client: "201.242.142.135", Method: "GET", Path: "/files/logstash/", Protocol: "HTTP/1.0", Status: 200, Bytes: 13316,
				Referrer: `http://\xe4\xe5\xe3-\xec.\xf0\xf4/`, UserAgent: "Mozilla/5.0"},
		},
		{
			name: "IPv6 client",
			line: `2001:db8::1 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 10 "-" "x"`,
			want: Hit{Time: utc(2015, 5, 17, 10, 5, 3), Client: "2001:db8::1", Method: "GET", Path: "/", Protocol: "HTTP/1.1", Status: 200, Bytes: 10, UserAgent: "x"},
		},
		{
			name: "vhost with port first",
			line: `www.example.org:443 203.0.113.7 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 10 "-" "x"`,
			want: Hit{Time: utc(2015, 5, 17, 10, 5, 3), VHost: "www.example.org", Client: "203.0.113.7", Method: "GET", Path: "/", Protocol: "HTTP/1.1", Status: 200, Bytes: 10, UserAgent: "x"},
		},
		{
			name: "vhost without port first",
			line: `example.org 2001:db8::2 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 10`,
			want: Hit{Time: utc(2015, 5, 17, 10, 5, 3), VHost: "example.org", Client: "2001:db8::2", Method: "GET", Path: "/", Protocol: "HTTP/1.1", Status: 200, Bytes: 10, NoAgent: true},
		},
		{
			name: "nginx with x-forwarded-for after the agent",
			line: `10.0.0.1 - - [17/May/2015:10:05:03 +0000] "POST /wp-login.php HTTP/1.1" 403 5 "-" "python-requests/2.31.0" "198.51.100.4, 10.0.0.2"`,
			want: Hit{Time: utc(2015, 5, 17, 10, 5, 3), Client: "10.0.0.1", Method: "POST", Path: "/wp-login.php", Protocol: "HTTP/1.1", Status: 403, Bytes: 5, UserAgent: "python-requests/2.31.0"},
		},
		{
			name: "invalid UTF-8 in the agent becomes U+FFFD",
			line: "192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"bad\xff\xfeagent\"",
			want: Hit{Time: utc(2015, 5, 17, 10, 5, 3), Client: "192.0.2.1", Method: "GET", Path: "/", Protocol: "HTTP/1.1", Status: 200, Bytes: 1, UserAgent: "bad\uFFFDagent"},
		},
		{
			name: "user name with a space is not a vhost",
			line: `192.0.2.1 - john doe [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1`,
			want: Hit{Time: utc(2015, 5, 17, 10, 5, 3), Client: "192.0.2.1", User: "john doe", Method: "GET", Path: "/", Protocol: "HTTP/1.1", Status: 200, Bytes: 1, NoAgent: true},
		},
		{name: "empty", line: "   ", err: ErrEmptyLine},
		{name: "empty timestamp before any good one", line: `1.2.3.4 - - [] "GET / HTTP/1.1" 200 5 "-" "ua"`, err: ErrBadTimestamp},
		{name: "year before 1970", line: `1.2.3.4 - - [17/May/0000:10:05:03 +0000] "GET / HTTP/1.1" 200 1`, err: ErrBadTimestamp},
		{name: "no timestamp", line: `hello world`, err: ErrNoTimestamp},
		{name: "bad month", line: `1.2.3.4 - - [17/Mai/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1`, err: ErrBadTimestamp},
		{name: "31 February", line: `1.2.3.4 - - [31/Feb/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1`, err: ErrBadTimestamp},
		{name: "no zone", line: `1.2.3.4 - - [17/May/2015:10:05:03] "GET / HTTP/1.1" 200 1`, err: ErrBadTimestamp},
		{name: "no request", line: `1.2.3.4 - - [17/May/2015:10:05:03 +0000] GET / 200 1`, err: ErrNoRequest},
		{name: "status not a number", line: `1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" abc 1`, err: ErrBadStatus},
		{name: "bytes not a number", line: `1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1k`, err: ErrBadBytes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newCombinedParser() // fresh: the timestamp cache starts empty
			var got Hit
			err := p.parse([]byte(tt.line), &got)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("parse(%q) error = %v, want %v", tt.line, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parse(%q) error = %v", tt.line, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parse(%q) mismatch (-want +got):\n%s", tt.line, diff)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	tests := []struct{ name, head, want string }{
		{"combined", `1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1 "-" "-"` + "\n", "combined"},
		{"common", "in24.inetnebr.com - - [01/Aug/1995:00:00:01 -0400] \"GET / HTTP/1.0\" 200 1839\r\n", "common"},
		{"vhost combined", `example.org:80 1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1 "-" "x"`, "vhost_combined"},
		{"not a log", "#Version: 1.0\n#Fields: date time\n2015-01-13 00:32:17 GET /\n", ""},
		{"json", `{"level":"info","ts":1716723720.1}` + "\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := detect([]byte(tt.head)); got != tt.want {
				t.Errorf("detect(%q) = %q, want %q", tt.head, got, tt.want)
			}
		})
	}
}
