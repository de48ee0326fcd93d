"""The production site served from a sub-path, as GitHub project pages serve
it (https://USER.github.io/REPO/): every internal address must work there."""

import contextlib
import re
import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urldefrag, urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup

from checks.browser import NOT_READER_PAGES, served
from conftest import ROOT, run_pelican

SUBPATH = "onebodycoach"
LINK_ATTRIBUTES = ["href", "src", "poster", "data"]
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def build_under_subpath(tmp_path, serve, project=ROOT):
    """Build with publishconf.py for SITEURL = http://127.0.0.1:PORT/onebodycoach
    and serve it there, with nothing at the server's root but that folder."""
    root = tmp_path / "www"
    root.mkdir()
    siteurl = f"{serve(root)}/{SUBPATH}"
    build = run_pelican(project, root / SUBPATH, "publishconf.py", env={"SITEURL": siteurl})
    assert build.returncode == 0, build.log
    return build, siteurl


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    """The real site built under a sub-path and served, once for the tests
    that only read it: (its Build, its SITEURL)."""
    with contextlib.ExitStack() as servers:
        yield build_under_subpath(tmp_path_factory.mktemp("real"),
                                  lambda folder: servers.enter_context(served(folder)))


def addresses_in(url, content_type, body, origin):
    """Every address a page, stylesheet or feed refers to, made absolute."""
    found = set(re.findall(re.escape(origin) + r"""[^\s"'<>)&]*""", body))
    if "html" in content_type:
        soup = BeautifulSoup(body, "html.parser")
        for tag in soup.find_all(True):
            found.update(tag[name] for name in LINK_ATTRIBUTES if tag.get(name))
            for candidate in tag.get("srcset", "").split(","):
                if candidate.strip():
                    found.add(candidate.split()[0])
    elif "css" in content_type:
        found.update(CSS_URL.findall(body))
    return {urldefrag(urljoin(url, address))[0] for address in found}


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def crawl(siteurl, origin, start):
    """Fetch every internal address reachable from `start`; the problems found."""
    queue, seen, problems = deque(start), set(start), []
    while queue:
        url = queue.popleft()
        if not url.startswith(siteurl + "/"):
            problems.append(f"{url} is outside the site's sub-path /{SUBPATH}/")
            continue
        status, content_type, body = fetch(url)
        if status != 200:
            problems.append(f"{url}: HTTP {status}")
            continue
        if not re.search(r"html|css|xml|json|plain", content_type):  # not images
            continue
        for address in addresses_in(url, content_type, body.decode("utf-8"), origin):
            if address.startswith(origin) and address not in seen:
                seen.add(address)
                queue.append(address)
    return sorted(problems), seen


def test_every_internal_address_works_from_a_sub_path(real_site):
    build, siteurl = real_site
    origin = siteurl.rsplit("/", 1)[0]
    # Start from every page, feed, sitemap, robots.txt and index, so that
    # files linked from nowhere are checked too.
    start = {f"{siteurl}/"} | {
        f"{siteurl}/{path.relative_to(build.output).as_posix()}"
        for pattern in ["*.html", "*.xml", "*.txt", "*.json"]
        for path in build.output.rglob(pattern)
    }

    problems, crawled = crawl(siteurl, origin, start)

    assert problems == []
    kinds = {url.rsplit(".", 1)[-1] for url in crawled if "." in url.rsplit("/", 1)[-1]}
    assert {"js", "svg", "xml", "html"} <= kinds  # the crawl did follow each kind


ROOT_LINKS_POST = """Title: Links from the root
Slug: root-links
Date: 2026-11-26
Category: Running

Read [about Tracy](/about/) or go [home](/).

<p><a href="/online-assessment/">Book</a> <img src="/theme/favicon.svg" alt="Logo"></p>
"""


def test_links_a_post_writes_from_the_root_work_under_a_sub_path(tmp_path, serve, project):
    (project / "content/articles/root-links.md").write_text(ROOT_LINKS_POST)
    build, siteurl = build_under_subpath(tmp_path, serve, project)

    problems, crawled = crawl(siteurl, siteurl.rsplit("/", 1)[0], {f"{siteurl}/root-links/"})

    assert problems == []
    assert {f"{siteurl}/about/", f"{siteurl}/online-assessment/",
            f"{siteurl}/theme/favicon.svg"} <= crawled


def test_the_crawl_reports_links_that_leave_the_sub_path_or_lead_nowhere(
        tmp_path, serve, project):
    head = project / "theme/templates/partials/head.html"
    favicon = "{{ SITEURL }}/{{ THEME_STATIC_DIR }}/favicon"
    head.write_text(head.read_text().replace(favicon, "/theme/favicon"))
    (project / "content/articles/missing.md").write_text(
        "Title: Missing\nDate: 2026-11-26\nCategory: Running\n\n[A page](/no-such-page/)\n")
    build, siteurl = build_under_subpath(tmp_path, serve, project)
    origin = siteurl.rsplit("/", 1)[0]

    problems, _ = crawl(siteurl, origin, {f"{siteurl}/missing/"})

    assert problems == [f"{siteurl}/no-such-page/: HTTP 404",
                        f"{origin}/theme/favicon.svg is outside the site's sub-path /{SUBPATH}/"]


def test_pages_load_every_resource_from_a_sub_path_in_a_browser(real_site, browser_page):
    """What scripts request (a search index, say) counts too: Chromium loads
    every page and no request to the site fails."""
    build, siteurl = real_site
    origin = siteurl.rsplit("/", 1)[0]
    failures = []
    browser_page.on("response", lambda r: r.url.startswith(origin) and r.status >= 400
                    and failures.append(f"{r.url}: HTTP {r.status}"))
    browser_page.on("requestfailed", lambda r: r.url.startswith(origin)
                    and failures.append(f"{r.url}: {r.failure}"))
    pages = one_page_per_section(build.output)

    for path in pages:
        browser_page.goto(f"{siteurl}/{path.relative_to(build.output).as_posix()}",
                          wait_until="networkidle")

    assert failures == []
    assert browser_page.errors == []
    assert len(pages) >= 8


def one_page_per_section(output):
    """Every top-level reader's page, and one page of each nested kind (tag/,
    category/): pages of one kind share a template, so they request the same
    things. The coach's editor (admin/) has a browser test of its own."""
    chosen = {}
    for path in sorted(output.rglob("*.html")):
        parts = path.relative_to(output).parts
        if path.relative_to(output).as_posix().startswith(NOT_READER_PAGES):
            continue
        chosen.setdefault(parts[0] if len(parts) > 2 else parts, path)
    return list(chosen.values())


def test_feeds_give_addresses_with_the_sub_path(real_site):
    """Feeds name the site by its full address, sub-path included."""
    build, siteurl = real_site
    for feed_file in ["all.atom.xml", "all.rss.xml"]:
        feed = feedparser.parse((build.output / "feeds" / feed_file).read_bytes())

        assert feed.feed.link == f"{siteurl}/"
        assert feed.entries and all(e.link.startswith(f"{siteurl}/") for e in feed.entries)
