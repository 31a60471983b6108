package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// ChromiumPath is the browser Check runs: Debian's chromium package. The
// system browser is used, never one downloaded by the test, because the
// machines this runs on reach no browser download site.
const ChromiumPath = "/usr/bin/chromium"

// XSSFlag is the global variable that the XSS probes of a test set when
// they run, e.g. `<img src=x onerror="window.__xss=1">`. Check fails when
// it is set on any page.
const XSSFlag = "__xss"

// ChartSelector finds the chart containers of a page: elements into which
// echarts draws a <canvas>. Check fails for each one without a painted
// canvas.
const ChartSelector = ".chart"

// Viewports of the check: a laptop screen, and a phone (an iPhone 12-15
// sized screen) to show that the pages do not need sideways scrolling.
const (
	desktopWidth, desktopHeight = 1280, 900
	phoneWidth, phoneHeight     = 390, 844
)

// timeout bounds the whole check, browser start included, so that a hung
// browser fails the test instead of stalling it until go test's deadline.
const timeout = 3 * time.Minute

// Check opens every .html file in dir in headless Chromium from file:// and
// reports on t, one error per finding:
//
//   - a console error, an uncaught exception, a JavaScript dialog (alert,
//     confirm, prompt: an injected alert(1) that ran);
//   - a request that failed, or one to anything but a file:// URL: the
//     pages must work offline and leak nothing;
//   - a chart container ([ChartSelector]) without a canvas, or whose canvas
//     has no width or not a single painted pixel;
//   - window[XSSFlag] set by an XSS probe, on load or after the mouse
//     moved over each chart (echarts builds its tooltips on hover);
//   - a chart wider than the window after the window is narrowed (charts
//     must follow resizes);
//   - on a phone-sized viewport, a page wider than the screen.
//
// It saves a full-page PNG of each page as <page>.png in shotsDir, and one
// of index.html (if there is one) on the phone viewport as index-phone.png,
// for a person to look at. When Chromium is not installed Check skips the test, unless the
// environment variable CI is "true": CI must run it.
func Check(t testing.TB, dir, shotsDir string) {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("browsertest: Chromium is not installed at %s (%v), and CI must run the browser check: install Debian's chromium package", ChromiumPath, err)
		}
		t.Skipf("browsertest: Chromium is not installed at %s; skipping the browser check (apt-get install chromium to run it)", ChromiumPath)
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	pages, err := filepath.Glob(filepath.Join(absDir, "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("browsertest: no .html files in %s (%v)", dir, err)
	}
	slices.Sort(pages)
	if err := os.MkdirAll(shotsDir, 0o755); err != nil {
		t.Fatalf("browsertest: creating screenshot folder: %v", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(ChromiumPath),
		chromedp.Headless,
		// Needed to run as root in a container, with no GPU.
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		// Keep the browser itself from talking to the network, so that any
		// request seen comes from the page.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		// A fresh profile: nothing cached from an earlier run can hide a
		// request.
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(desktopWidth, desktopHeight),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("browsertest: starting %s: %v", ChromiumPath, err)
	}

	for _, p := range pages {
		name := filepath.Base(p)
		start := time.Now()
		for _, f := range checkPage(browserCtx, p, shotsDir) {
			t.Errorf("%s: %s", name, f)
		}
		t.Logf("browsertest: %s checked in %v", name, time.Since(start).Round(time.Millisecond))
	}
}

// recorder collects what the browser reports about one tab. Its listener
// runs on chromedp's reading goroutine, so it only appends under a lock.
type recorder struct {
	mu       sync.Mutex
	findings []string
	urls     map[network.RequestID]string
	dialogs  chan struct{}
}

func newRecorder() *recorder {
	return &recorder{urls: map[network.RequestID]string{}, dialogs: make(chan struct{}, 16)}
}

func (r *recorder) add(format string, args ...any) {
	r.mu.Lock()
	r.findings = append(r.findings, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

func (r *recorder) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			r.add("console.%s: %s", ev.Type, consoleArgs(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		r.add("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg)
	case *log.EventEntryAdded:
		// The browser's own log: failed loads, Content-Security-Policy
		// violations, deprecated features used as errors.
		if e := ev.Entry; e.Level == log.EntryLevelError {
			r.add("browser log (%s): %s %s", e.Source, e.Text, e.URL)
		}
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		r.mu.Lock()
		r.urls[ev.RequestID] = u
		r.mu.Unlock()
		if !strings.HasPrefix(u, "file://") {
			r.add("request to %s: a report opened from disk must request nothing but its own files", truncate(u, 200))
		}
	case *network.EventLoadingFailed:
		r.mu.Lock()
		u := r.urls[ev.RequestID]
		r.mu.Unlock()
		r.add("request failed: %s: %s %s", truncate(u, 200), ev.ErrorText, ev.BlockedReason)
	case *page.EventJavascriptDialogOpening:
		r.add("a JavaScript %s dialog opened (%q): injected script ran", ev.Type, ev.Message)
		select {
		case r.dialogs <- struct{}{}:
		default:
		}
	}
}

func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	f := r.findings
	r.findings = nil
	return f
}

// checkPage opens one page in a new tab and returns its findings.
func checkPage(browserCtx context.Context, path, shotsDir string) []string {
	name := strings.TrimSuffix(filepath.Base(path), ".html")
	ctx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	rec := newRecorder()
	if err := chromedp.Listen(ctx, rec.listen); err != nil {
		return []string{fmt.Sprintf("opening a tab: %v", err)}
	}
	// A dialog blocks the page and every command after it: close each one
	// from another goroutine (a listener must not send commands).
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-rec.dialogs:
				chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}
		}
	}()

	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
	var out []string
	fail := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }

	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(desktopWidth, desktopHeight),
		chromedp.Navigate(u),
	); err != nil {
		return append(rec.take(), fmt.Sprintf("loading %s: %v", u, err))
	}
	st, err := waitCharts(ctx)
	desktop := st.problems(false)
	if err != nil {
		fail("inspecting the page: %v", err)
	} else {
		out = append(out, desktop...)
	}
	// Charts that did not draw at first will not on the phone either: do
	// not wait for them twice.
	phoneWait := drawWait
	if !st.ready() {
		phoneWait = resizeWait
	}
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		fail("screenshot: %v", err)
	} else if err := os.WriteFile(filepath.Join(shotsDir, name+".png"), shot, 0o644); err != nil {
		fail("saving screenshot: %v", err)
	}

	// Hover over each chart: echarts builds tooltips on hover, and with
	// its default HTML tooltips that is where a label could turn into
	// markup. The XSS flag is read again afterwards.
	if err := hoverCharts(ctx, len(st.Charts)); err != nil {
		fail("hovering over the charts: %v", err)
	} else if after, err := waitState(ctx, pageState.ready, 0); err != nil {
		fail("inspecting the page after hovering: %v", err)
	} else if after.XSS && !st.XSS {
		fail("window.%s is set after hovering over the charts: a tooltip ran an XSS probe", XSSFlag)
	}

	// Narrow the window without reloading: the charts must follow.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneWidth+90, desktopHeight)); err != nil {
		fail("resizing: %v", err)
	} else if st, err := waitState(ctx, pageState.chartsFit, resizeWait); err != nil {
		fail("inspecting the resized page: %v", err)
	} else {
		for _, c := range st.Charts {
			if c.CSSWidth > float64(st.InnerWidth)+1 {
				fail("chart %q is %.0fpx wide in a %dpx window: it did not follow the resize", c.ID, c.CSSWidth, st.InnerWidth)
			}
		}
	}

	// A phone: mobile emulation honours the viewport meta tag, which takes
	// a reload.
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch),
		chromedp.Reload(),
	); err != nil {
		fail("loading on a phone viewport: %v", err)
	} else if st, err := waitState(ctx, pageState.ready, phoneWait); err != nil {
		fail("inspecting the page on a phone viewport: %v", err)
	} else {
		for _, p := range st.problems(true) {
			if !slices.Contains(desktop, p) {
				fail("phone %dx%d: %s", phoneWidth, phoneHeight, p)
			}
		}
		if name == "index" {
			if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
				fail("phone screenshot: %v", err)
			} else if err := os.WriteFile(filepath.Join(shotsDir, name+"-phone.png"), shot, 0o644); err != nil {
				fail("saving phone screenshot: %v", err)
			}
		}
	}
	// The phone reload repeats the console messages of the first load: say
	// each finding once.
	var uniq []string
	for _, f := range append(rec.take(), out...) {
		if !slices.Contains(uniq, f) {
			uniq = append(uniq, f)
		}
	}
	return uniq
}

// pageState is what inspectJS reports about a page.
type pageState struct {
	XSS         bool         `json:"xss"`
	ScrollWidth int          `json:"scrollWidth"`
	InnerWidth  int          `json:"innerWidth"`
	Charts      []chartState `json:"charts"`
}

type chartState struct {
	ID       string  `json:"id"`
	Canvas   bool    `json:"canvas"`
	Width    int     `json:"width"`
	Height   int     `json:"height"`
	CSSWidth float64 `json:"cssWidth"`
	Painted  int     `json:"painted"`
	Error    string  `json:"error"`
}

// ready says whether every chart has drawn.
func (s pageState) ready() bool {
	for _, c := range s.Charts {
		if !c.Canvas || c.Width == 0 || c.Painted == 0 {
			return false
		}
	}
	return true
}

// problems lists what is wrong with the page; phone adds the overflow
// check, which only means something on a narrow viewport.
func (s pageState) problems(phone bool) []string {
	var out []string
	if s.XSS {
		out = append(out, fmt.Sprintf("window.%s is set: an XSS probe ran", XSSFlag))
	}
	for _, c := range s.Charts {
		switch {
		case c.Error != "":
			out = append(out, fmt.Sprintf("chart %q: reading its canvas: %s", c.ID, c.Error))
		case !c.Canvas:
			out = append(out, fmt.Sprintf("chart %q has no canvas: echarts did not draw it", c.ID))
		case c.Width == 0 || c.Height == 0:
			out = append(out, fmt.Sprintf("chart %q has an empty canvas (%dx%d)", c.ID, c.Width, c.Height))
		case c.Painted == 0:
			out = append(out, fmt.Sprintf("chart %q has a blank canvas: not one painted pixel", c.ID))
		}
	}
	// Mobile Chrome zooms out to fit a page that is too wide or has no
	// viewport meta tag, which widens innerWidth too: compare with the
	// screen, not with the window.
	if phone && max(s.ScrollWidth, s.InnerWidth) > phoneWidth+1 {
		out = append(out, fmt.Sprintf("the page is %dpx wide (window %dpx) on a %dpx screen: it scrolls sideways or lacks a viewport meta tag", s.ScrollWidth, s.InnerWidth, phoneWidth))
	}
	return out
}

// inspectJS reads the page's state. It counts painted (non-transparent)
// pixels on a sparse grid of each chart's canvas, which is enough to tell
// a drawn chart from an empty one without copying megabytes of pixels.
const inspectJS = `(() => {
  const out = {
    xss: !!window[` + "`" + XSSFlag + "`" + `],
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    charts: [],
  };
  document.querySelectorAll(` + "`" + ChartSelector + "`" + `).forEach((el, i) => {
    const c = { id: el.id || ("#" + i), canvas: false, width: 0, height: 0, cssWidth: 0, painted: 0, error: "" };
    const cv = el.querySelector("canvas");
    if (cv) {
      c.canvas = true;
      c.width = cv.width;
      c.height = cv.height;
      c.cssWidth = cv.getBoundingClientRect().width;
      try {
        if (cv.width > 0 && cv.height > 0) {
          const d = cv.getContext("2d").getImageData(0, 0, cv.width, cv.height).data;
          const step = 4 * 7;
          for (let k = 3; k < d.length; k += step) { if (d[k] !== 0) { c.painted++; } }
        }
      } catch (e) { c.error = String(e); }
    }
    out.charts.push(c);
  });
  return JSON.stringify(out);
})()`

// waitCharts waits, briefly, for every chart to draw and returns the page
// state. echarts draws on the next animation frame after setOption, so the
// load event alone does not mean the canvases are painted.
func waitCharts(ctx context.Context) (pageState, error) {
	return waitState(ctx, pageState.ready, drawWait)
}

// chartsFit says whether every chart is at most as wide as the window.
func (s pageState) chartsFit() bool {
	for _, c := range s.Charts {
		if c.CSSWidth > float64(s.InnerWidth)+1 {
			return false
		}
	}
	return true
}

// How long to wait for charts to draw, and to follow a resize. A chart
// draws within a frame or two of its page loading; the margin is for a
// loaded CI machine, and only a failing page waits it out.
const (
	drawWait   = 5 * time.Second
	resizeWait = 2 * time.Second
)

// waitState polls the page state until done is true or a few seconds have
// passed, and returns the last state either way: the caller judges it.
func waitState(ctx context.Context, done func(pageState) bool, wait time.Duration) (pageState, error) {
	deadline := time.Now().Add(wait)
	for {
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](inspectJS))
		if err != nil {
			return pageState{}, err
		}
		var st pageState
		if err := json.Unmarshal([]byte(raw), &st); err != nil {
			return pageState{}, fmt.Errorf("decoding page state: %w", err)
		}
		if done(st) || time.Now().After(deadline) {
			return st, nil
		}
		select {
		case <-ctx.Done():
			return st, errors.Join(errors.New("waiting for the charts to draw"), ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// hoverCharts moves the mouse across the middle of each of the n charts.
func hoverCharts(ctx context.Context, n int) error {
	for i := range n {
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(() => {
  const el = document.querySelectorAll(%q)[%d];
  el.scrollIntoView({block: "center"});
  const r = el.getBoundingClientRect();
  return JSON.stringify([r.left, r.top + r.height / 2, r.width]);
})()`, ChartSelector, i)))
		if err != nil {
			return err
		}
		var box [3]float64
		if err := json.Unmarshal([]byte(raw), &box); err != nil {
			return fmt.Errorf("decoding chart position: %w", err)
		}
		for _, f := range []float64{0.25, 0.5, 0.75} {
			if err := chromedp.Do(ctx,
				chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box[0]+box[2]*f, box[1]),
				chromedp.Sleep(30*time.Millisecond),
			); err != nil {
				return err
			}
		}
	}
	return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
}

func consoleArgs(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			var s string
			if json.Unmarshal(a.Value, &s) == nil {
				parts = append(parts, s)
			} else {
				parts = append(parts, string(a.Value))
			}
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
