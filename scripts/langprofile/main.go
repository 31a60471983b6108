// Command langprofile writes classify/data/lang-ngrams.tsv, the character
// n-gram profiles that classify.Lang scores texts with, from the language
// models of github.com/pemistahl/lingua-go (Apache-2.0).
//
//	cd scripts/langprofile && go run . > ../../classify/data/lang-ngrams.tsv
//
// It is a module of its own so that cmpulse does not depend on lingua-go:
// only the numbers it derives are embedded. For each language it keeps the
// unigrams and bigrams and the -top most probable trigrams (by the chained
// probability P(a)·P(b|a)·P(c|ab) of lingua's conditional ones), each as
// round(-10·ln P), where P is lingua's relative frequency: of the letter
// for unigrams, of the last letter given the others for bigrams and
// trigrams.
package main

import (
	"archive/zip"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pemistahl/lingua-go/serialization"
	"google.golang.org/protobuf/proto"
)

// The languages Lang tells apart: English and French, and the Latin-script
// languages most often mistaken for them, so that a text in one of those is
// "other" rather than a poor match for English or French.
var langs = []string{"en", "fr", "es", "de", "it", "pt", "nl"}

func main() {
	top := flag.Int("top", 6000, "trigrams kept per language")
	flag.Parse()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/pemistahl/lingua-go").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "langprofile: finding lingua-go:", err)
		os.Exit(1)
	}
	dir := strings.TrimSpace(string(out))
	version, _ := exec.Command("go", "list", "-m", "-f", "{{.Version}}", "github.com/pemistahl/lingua-go").Output()

	// scores[ngram][lang index] = -10 ln P, or -1 when absent.
	scores := map[string][]int{}
	set := func(ng string, li int, p float64) {
		s, ok := scores[ng]
		if !ok {
			s = make([]int, len(langs))
			for i := range s {
				s[i] = -1
			}
			scores[ng] = s
		}
		s[li] = int(math.Round(-10 * math.Log(p)))
	}
	for li, l := range langs {
		uni := probs(filepath.Join(dir, "language-models", l, "unigrams.pb.bin.zip"))
		bi := probs(filepath.Join(dir, "language-models", l, "bigrams.pb.bin.zip"))
		tri := probs(filepath.Join(dir, "language-models", l, "trigrams.pb.bin.zip"))
		for ng, p := range uni {
			set(ng, li, p)
		}
		for ng, p := range bi {
			set(ng, li, p)
		}
		type joint struct {
			ng string
			p  float64
		}
		var js []joint
		for ng, p := range tri {
			r := []rune(ng)
			pj := uni[string(r[0])] * bi[string(r[:2])] * p
			js = append(js, joint{ng, pj})
		}
		slices.SortFunc(js, func(a, b joint) int {
			switch {
			case a.p > b.p:
				return -1
			case a.p < b.p:
				return 1
			}
			return strings.Compare(a.ng, b.ng)
		})
		for _, j := range js[:min(*top, len(js))] {
			set(j.ng, li, tri[j.ng])
		}
	}
	keys := make([]string, 0, len(scores))
	for k := range scores {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if la, lb := len([]rune(a)), len([]rune(b)); la != lb {
			return la - lb
		}
		return strings.Compare(a, b)
	})
	w := os.Stdout
	fmt.Fprintf(w, "# Character n-gram profiles for classify.Lang, derived from the language models of\n")
	fmt.Fprintf(w, "# github.com/pemistahl/lingua-go %s (Apache-2.0, (c) Peter M. Stahl) by scripts/langprofile\n", strings.TrimSpace(string(version)))
	fmt.Fprintf(w, "# (-top %d). Each value is round(-10 ln P), P lingua's relative frequency; empty: not kept.\n", *top)
	fmt.Fprintf(w, "ngram\t%s\n", strings.Join(langs, "\t"))
	for _, k := range keys {
		fmt.Fprint(w, k)
		for _, v := range scores[k] {
			if v < 0 {
				fmt.Fprint(w, "\t")
			} else {
				fmt.Fprintf(w, "\t%d", v)
			}
		}
		fmt.Fprintln(w)
	}
}

func probs(path string) map[string]float64 {
	z, err := zip.OpenReader(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "langprofile:", err)
		os.Exit(1)
	}
	defer z.Close()
	f, err := z.File[0].Open()
	if err != nil {
		fmt.Fprintln(os.Stderr, "langprofile:", err)
		os.Exit(1)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "langprofile: reading", path+":", err)
		os.Exit(1)
	}
	var m serialization.SerializableLanguageModel
	if err := proto.Unmarshal(b, &m); err != nil {
		fmt.Fprintln(os.Stderr, "langprofile: decoding", path+":", err)
		os.Exit(1)
	}
	out := map[string]float64{}
	for _, s := range m.NgramSets {
		for _, ng := range s.Ngrams {
			out[ng] = s.Probability
		}
	}
	return out
}
