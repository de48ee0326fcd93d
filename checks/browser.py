"""Browser gates: each page of the built site loaded in a real Chromium, as a
reader on a phone would, before they act.

For every page: no request to another host, no failed request, no
render-blocking request but the document, no console error (a CSP violation
is one), zero axe-core violations. For every article page: at most 14 KB of
HTML, CSS and JavaScript, gzipped.

Usage: python -m checks.browser OUTPUT_DIR
       python -m checks.browser --path   (prints the browser's path)
"""

import asyncio
import contextlib
import functools
import gzip
import os
import shutil
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
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
def fresh_profile():
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        yield profile
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@contextlib.contextmanager
def chromium():
    """Debian's Chromium through Playwright, with a fresh profile."""
    from playwright.sync_api import sync_playwright

    with fresh_profile() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield context
        finally:
            context.close()


# Pages loading at once in the gate's one Chromium. The real site's 18 pages,
# beside the HTML checker on 2 cores, Chromium's start included: 10.2 to
# 10.3 s with 2, 3 or 4 tabs (with a Chromium for each of 2 tabs, 15.7 s).
TABS = 3
RENDER_BLOCKING = ("performance.getEntriesByType('resource')"
                   ".filter(e => e.renderBlockingStatus === 'blocking').map(e => e.name)")
AXE_RUN = "axe.run(document, {iframes: false, resultTypes: ['violations']})"


class Tab:
    """A phone-sized tab that loads page after page of the site, as a reader
    clicking through would, and reports what each page did.

    One tab for many pages, not a tab for each: the page's renderer and
    axe's compiled code stay (18 pages: 9.6 s in fresh tabs, 6.3 s in
    reused ones). Every request is routed, which turns Chromium's cache off
    (Playwright), so each page's bytes are counted as on a first visit:
    measured, each page made the same requests either way. A page is left
    only once the network has been idle for 500 ms, so what a page does is
    told as its own; were a page to act later still (a timer's request, an
    error on leaving), it would be told, under the next page's name."""

    def __init__(self, page, base):
        self.page, self.base = page, base
        self.site_host = urlparse(base).netloc
        self.report = None
        self.responses = []

    @classmethod
    async def open(cls, context, base):
        tab = cls(await context.new_page(), base)
        await tab.page.set_viewport_size(PHONE)
        await tab.page.route("**/*", tab.route)
        tab.page.on("response", lambda response: tab.responses.append(response))
        tab.page.on("requestfailed", tab.request_failed)
        tab.page.on("console", tab.console)
        tab.page.on("pageerror", lambda error: tab.report.errors.append(str(error)))
        return tab

    def own(self, url):
        return urlparse(url).netloc == self.site_host

    async def route(self, request_route):
        if self.own(request_route.request.url):
            await request_route.continue_()
        else:
            self.report.outside.append(request_route.request.url)
            await request_route.abort()

    def request_failed(self, request):
        if self.own(request.url):
            self.report.failed.append(request.url)

    def console(self, message):
        if message.type == "error":
            self.report.errors.append(message.text)

    async def load_and_report(self, path):
        """Load base/path and report what it did."""
        report = self.report = PageReport(path)
        self.responses.clear()
        page = self.page
        # axe runs once the page has loaded, while Playwright's "network idle"
        # (no request for 500 ms) is still being waited for: what the page asks
        # for after its load is still seen, and the wait costs little more.
        await page.goto(f"{self.base}/{path}", wait_until="load")
        await page.evaluate(axe_source())
        report.axe_violations = (await page.evaluate(AXE_RUN))["violations"]
        await page.wait_for_load_state("networkidle")
        report.render_blocking = await page.evaluate(RENDER_BLOCKING)
        report.is_article = await page.locator("article.post").count() > 0
        for response in self.responses:
            report.requests.append(await self.weighed(report, response))
        return report

    async def weighed(self, report, response):
        """(url, type, gzipped bytes: HTML, CSS and JS only, which the budget counts)."""
        request = response.request
        # A missing file is a response (404), not a failed request, to the browser.
        if response.status >= 400 and self.own(request.url):
            report.failed.append(f"{request.url} (HTTP {response.status})")
        size = 0
        if request.resource_type in RENDER_TYPES:
            with contextlib.suppress(Exception):  # a redirect has no body
                size = len(gzip.compress(await response.body(), 9))
        return request.url, request.resource_type, size


def run_axe(page):
    """axe-core's violations on the page (evaluated through the DevTools
    protocol, which the page's CSP does not govern)."""
    page.evaluate(axe_source())
    return page.evaluate(AXE_RUN)["violations"]


@functools.cache
def axe_source():
    return AXE_SCRIPT.read_text(encoding="utf-8")


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


def browser_reports(output, paths=None, base=None, stop=None):
    """A PageReport for each page (every page of the site by default), in
    their order, loaded in TABS tabs of one Chromium (reports_in_tabs).
    `base`: the address the site is served at already, if it is. Once
    `stop` is set, no further page is loaded (and the reports are not
    wanted)."""
    paths = list(paths if paths is not None else site_pages(output))
    with contextlib.ExitStack() as stack:
        base = base or stack.enter_context(served(output))
        # In a thread of its own: Playwright's synchronous API, which the
        # caller may be using (the tests do), runs an event loop in this one.
        own_thread = stack.enter_context(ThreadPoolExecutor(max_workers=1))
        return own_thread.submit(asyncio.run, reports_in_tabs(base, paths, stop)).result()


async def reports_in_tabs(base, paths, stop=None):
    """The pages' reports, from one Chromium (Playwright's asynchronous API,
    in this thread) whose tabs each take the next page as they finish one:
    a page mostly waits, for its load and for the network to be idle, and
    axe's work in one tab leaves the other core to another."""
    from playwright.async_api import async_playwright

    if not paths:
        return []
    reports = [None] * len(paths)
    pending = iter(enumerate(paths))

    async def load_pages(context):
        tab = await Tab.open(context, base)
        for index, path in pending:
            if stop and stop.is_set():
                return
            reports[index] = await tab.load_and_report(path)

    with fresh_profile() as profile:
        async with async_playwright() as playwright:
            context = await playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
            tabs = [asyncio.create_task(load_pages(context))
                    for _ in range(min(TABS, len(paths)))]
            try:
                await asyncio.gather(*tabs)
            finally:  # one tab's error ends the others
                for tab in tabs:
                    tab.cancel()
                await context.close()
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
