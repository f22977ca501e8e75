// Package chromium starts headless Chromium for the tests of the writers
// whose output a browser shows (render/html, and render/ofd through the
// reader of render/ofd/testdata/view.html): one browser per test, in a
// fresh profile, with the network and every background service off, driven
// over the DevTools protocol with github.com/chromedp/chromedp.
//
// A test calls Start; it skips when Chromium is not installed, unless
// NIANBAO_REQUIRE_TOOLS is set (as in CI), when it fails. It is for tests
// only: nothing outside _test.go files imports it.
package chromium

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path finds the browser: $CHROMIUM, else the Debian package's chromium.
func Path() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Timeout bounds one test's use of the browser.
const Timeout = 3 * time.Minute

// Start starts a headless browser and returns a context for chromedp
// actions in its first tab; the browser is stopped when the test ends.
func Start(t *testing.T) context.Context {
	t.Helper()
	path := Path()
	if path == "" {
		if os.Getenv("NIANBAO_REQUIRE_TOOLS") != "" {
			t.Fatal("chromium not installed, and NIANBAO_REQUIRE_TOOLS is set (.ci/run installs it)")
		}
		t.Skip("chromium not installed")
	}
	profile := filepath.Join(t.TempDir(), "profile")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.UserDataDir(profile),
	}
	ctx, cancelTime := context.WithTimeout(context.Background(), Timeout)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		cancelTime()
	})
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	return bctx
}
