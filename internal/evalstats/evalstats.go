// Package evalstats counts how a yes/no classifier did against labels:
// precision, recall and F1, as the tests of the text analysis print them
// against the labelled sets.
package evalstats

import "fmt"

// Binary is the confusion counts of a yes/no classifier.
type Binary struct{ TP, FP, FN, TN int }

// Add counts one message: what the label says and what the classifier said.
func (c *Binary) Add(want, got bool) {
	switch {
	case want && got:
		c.TP++
	case got:
		c.FP++
	case want:
		c.FN++
	default:
		c.TN++
	}
}

// N is how many were counted.
func (c Binary) N() int { return c.TP + c.FP + c.FN + c.TN }

// Precision is the share of the yes answers that were right (0 for none).
func (c Binary) Precision() float64 { return Ratio(c.TP, c.TP+c.FP) }

// Recall is the share of the labelled yes that were found (0 for none).
func (c Binary) Recall() float64 { return Ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Binary) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c Binary) String() string {
	return fmt.Sprintf("P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d tn %d)", c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN, c.TN)
}

// Ratio is a/b, 0 when b is 0.
func Ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
