"""Browser gates: each page of the built site loaded in a real Chromium, as a
reader on a phone would, before they act.

For every page: no request to another host, no failed request, no
render-blocking request but the document, no console error (a CSP violation
is one), zero axe-core violations. For every article page: at most 14 KB of
HTML, CSS and JavaScript, gzipped.

Usage: python -m checks.browser OUTPUT_DIR
       python -m checks.browser --path   (prints the browser's path)
"""

import contextlib
import functools
import gzip
import os
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
# The one place the browser's path is set: Debian's Chromium, or whatever the
# CHROME_PATH environment variable names (Lighthouse reads the same variable),
# e.g. Google Chrome on a Mac or on a GitHub runner.
CHROMIUM = os.environ.get("CHROME_PATH") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_SCRIPT = ROOT / "node_modules/axe-core/axe.min.js"
RENDER_BYTES_BUDGET = 14 * 1024
RENDER_TYPES = {"document", "stylesheet", "script"}
PHONE = {"width": 375, "height": 812}


@dataclass
class PageReport:
    path: str
    requests: list = field(default_factory=list)  # (url, resource type, gzipped bytes)
    outside: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    render_blocking: list = field(default_factory=list)
    axe_violations: list = field(default_factory=list)
    is_article: bool = False

    @property
    def render_bytes(self):
        return sum(size for _, kind, size in self.requests if kind in RENDER_TYPES)

    def problems(self):
        found = [f"requested {url} from another host before the reader acted"
                 for url in self.outside]
        found += [f"request failed: {url}" for url in self.failed]
        found += [f"render-blocking request: {url}" for url in self.render_blocking]
        found += [f"console error: {error}" for error in self.errors]
        found += [f"axe: {v['id']} ({v['impact']}): {v['help']} "
                  f"[{', '.join(n['target'][0] for n in v['nodes'][:3])}]"
                  for v in self.axe_violations]
        if self.is_article and self.render_bytes > RENDER_BYTES_BUDGET:
            found.append(f"{self.render_bytes} bytes of HTML, CSS and JS (gzipped) before "
                         f"the reader acts: over the {RENDER_BYTES_BUDGET}-byte budget")
        return [f"{self.path}: {problem}" for problem in found]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(server):
    """Run `server` (an http.server bound to 127.0.0.1) in a thread; yields its address."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def served(folder):
    """A web server on 127.0.0.1 serving folder; yields its address."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), handler)) as address:
        yield address


@contextlib.contextmanager
def chromium():
    """Debian's Chromium through Playwright, with a fresh profile."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def load_and_report(context, base, path):
    """Load base/path on a phone-sized tab and report what it did."""
    report = PageReport(path)
    site_host = urlparse(base).netloc
    page = context.new_page()
    page.set_viewport_size(PHONE)

    def route(request_route):
        if urlparse(request_route.request.url).netloc == site_host:
            request_route.continue_()
        else:
            report.outside.append(request_route.request.url)
            request_route.abort()

    def on_response(response):
        request = response.request
        # A missing file is a response (404), not a failed request, to the browser.
        if response.status >= 400 and urlparse(request.url).netloc == site_host:
            report.failed.append(f"{request.url} (HTTP {response.status})")
        try:
            size = len(gzip.compress(response.body(), 9))
        except Exception:  # a redirect or an aborted body has none
            size = 0
        report.requests.append((request.url, request.resource_type, size))

    page.route("**/*", route)
    page.on("response", on_response)
    page.on("requestfailed", lambda r: urlparse(r.url).netloc == site_host
            and report.failed.append(r.url))
    page.on("console", lambda m: m.type == "error" and report.errors.append(m.text))
    page.on("pageerror", lambda e: report.errors.append(str(e)))
    try:
        # axe runs once the page has loaded, while Playwright's "network idle"
        # (no request for 500 ms) is still being waited for: what the page asks
        # for after its load is still seen, and the wait costs little more.
        page.goto(f"{base}/{path}", wait_until="load")
        report.axe_violations = run_axe(page)
        page.wait_for_load_state("networkidle")
        report.render_blocking = page.evaluate(
            "performance.getEntriesByType('resource')"
            ".filter(e => e.renderBlockingStatus === 'blocking').map(e => e.name)")
        report.is_article = page.locator("article.post").count() > 0
    finally:
        page.close()
    return report


def run_axe(page):
    """axe-core's violations on the page (evaluated through the DevTools
    protocol, which the page's CSP does not govern)."""
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {iframes: false, resultTypes: ['violations']})")
    return result["violations"]


# Not readers' pages: drafts, and the coach's editor at /admin/ (plugins/admin),
# which has a policy of its own, asks GitHub and a font CDN for what it needs,
# and is checked by its own browser test (tests/test_admin_browser.py).
NOT_READER_PAGES = ("drafts/", "admin/")


def site_pages(output):
    """The site paths of every reader's page of a built site (NOT_READER_PAGES left out)."""
    output = Path(output)
    for file in sorted(output.rglob("*.html")):
        relative = file.relative_to(output).as_posix()
        if not relative.startswith(NOT_READER_PAGES):
            yield relative.removesuffix("index.html")


def browser_reports(output, paths=None, context=None, base=None, stop=None):
    """A PageReport for each page (every page of the site by default), in
    `context` one after another or, without one, side by side in tabs of one
    Chromium (reports_side_by_side). `base`: the address the site is served
    at already, if it is. Playwright allows one browser session per thread:
    the tests pass theirs."""
    paths = list(paths if paths is not None else site_pages(output))
    with contextlib.ExitStack() as stack:
        base = base or stack.enter_context(served(output))
        if context is not None:
            return [load_and_report(context, base, path) for path in paths]
        return reports_side_by_side(base, paths, stop)


def reports_side_by_side(base, paths, stop=None):
    """The pages' reports, in their order, loaded as many at a time as the
    machine has cores: a page mostly waits (for the network to be idle), so
    one tab at a time leaves the cores idle. Each tab is a Chromium of its
    own, in a thread of its own (Playwright allows one session a thread):
    measured on the real site's 18 pages, two tabs of one Chromium, the
    second connected over its DevTools port, took 18 s where one tab took
    15 s; two Chromiums take 13 s. Once `stop` is set, no further page is
    loaded (and the reports are not wanted)."""
    reports, errors = [None] * len(paths), []
    pending = iter(enumerate(paths))
    taking = threading.Lock()

    def load_pages():
        try:
            with chromium() as context:
                while not (stop and stop.is_set()) and not errors:
                    with taking:
                        index, path = next(pending, (None, None))
                    if path is None:
                        return
                    reports[index] = load_and_report(context, base, path)
        except Exception as error:  # told as the gate's own error, as one after another
            errors.append(error)

    tabs = [threading.Thread(target=load_pages)
            for _ in range(min(len(paths), os.cpu_count() or 1))]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join()
    if errors:
        raise errors[0]
    return [report for report in reports if report is not None]


def browser_problems(output, paths=None, base=None, stop=None):
    return [problem for report in browser_reports(output, paths, base=base, stop=stop)
            for problem in report.problems()]


def main(argv):
    if argv[1:] == ["--path"]:
        print(CHROMIUM)
        return 0
    problems = browser_problems(argv[1])
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s) in the browser." if problems
          else "Browser: no outside request, no error, no axe violation, within budget.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
