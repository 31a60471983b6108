package sampledata

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func TestJSONStyles(t *testing.T) {
	v := jobj{{"a", "x/<y>&\"z\"\n"}, {"n", jarr{}}, {"o", jobj{}}, {"l", []string{"1", "é"}}, {"b", false}, {"nil", nil}, {"i", 7}}
	tests := []struct {
		name  string
		style jstyle
		want  string
	}{
		{"x", xStyle, "{\n  \"a\" : \"x/<y>&\\\"z\\\"\\n\",\n  \"n\" : [ ],\n  \"o\" : { },\n  \"l\" : [\n    \"1\",\n    \"é\"\n  ],\n  \"b\" : false,\n  \"nil\" : null,\n  \"i\" : 7\n}"},
		{"telegram", tgStyle, "{\n \"a\": \"x/<y>&\\\"z\\\"\\n\",\n \"n\": [],\n \"o\": {},\n \"l\": [\n  \"1\",\n  \"é\"\n ],\n \"b\": false,\n \"nil\": null,\n \"i\": 7\n}"},
		{"mastodon", compactStyle, `{"a":"x/<y>&\"z\"\n","n":[],"o":{},"l":["1","é"],"b":false,"nil":null,"i":7}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(tt.style.encode(v, 0)); got != tt.want {
				t.Errorf("encode = %q, want %q", got, tt.want)
			}
		})
	}
}

// FuzzJSONString: whatever a string holds, it is written as a JSON string
// that reads back as itself (invalid UTF-8 as U+FFFD, as encoding/json
// does).
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "quote \" and \\", "\x00\x1f\t\r\n", "é😀", "\xff\xfe", "\u2028", "<a href=\"x\">&amp;</a>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := compactStyle.encode(s, 0)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("writeJSONString(%q) = %s, which does not parse: %v", s, b, err)
		}
		want := s
		if !utf8.ValidString(s) {
			want = string([]rune(s))
		}
		if got != want {
			t.Errorf("writeJSONString(%q) reads back as %q", s, got)
		}
	})
}
