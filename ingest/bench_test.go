package ingest

import (
	"testing"
)

var benchLines = [][]byte{
	[]byte(`203.0.113.7 - - [17/May/2025:10:05:03 +0200] "GET /blog/2025/05/duckdb-tips/ HTTP/1.1" 200 5123 "https://www.google.com/search?q=duckdb+tips" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"`),
	[]byte(`203.0.113.7 - - [17/May/2025:10:05:03 +0200] "GET /static/site.css HTTP/1.1" 200 20480 "https://blog.example.org/blog/2025/05/duckdb-tips/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"`),
	[]byte(`2001:db8::42 - - [17/May/2025:10:05:04 +0200] "GET /feed/ HTTP/1.1" 304 - "-" "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 12 subscribers)"`),
	[]byte(`66.249.66.1 - - [17/May/2025:10:05:05 +0200] "GET /robots.txt HTTP/1.1" 200 120 "-" "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"`),
}

// BenchmarkCombinedParse measures the Combined parser alone, on lines shaped
// like the sample blog's.
func BenchmarkCombinedParse(b *testing.B) {
	p := newCombinedParser()
	var h Hit
	n := 0
	for _, l := range benchLines {
		n += len(l) + 1
	}
	b.SetBytes(int64(n / len(benchLines)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := p.parse(benchLines[i%len(benchLines)], &h); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}
