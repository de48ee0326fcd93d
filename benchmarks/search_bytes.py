"""What a reader downloads for a first search, measured in Chromium.

Builds the real site, or N synthetic posts (the build benchmark's), serves
it on 127.0.0.1, opens the Search page, searches once and sums the bytes of
every response: first for the page itself, then for the search (Pagefind's
script, WebAssembly, index chunks, filters and result fragments).

Usage: .venv/bin/python benchmarks/search_bytes.py [--posts 1000] [--query glutes]
"""

import argparse
import gzip
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.build import ROOT, make_site  # noqa: E402
from checks.browser import chromium, served  # noqa: E402
from site_tools.build import run_pelican  # noqa: E402


def build(folder, posts):
    """The site to measure, built in folder: the real one, or `posts` synthetic."""
    if posts:
        make_site(folder, posts)  # the project's pages, the Search page among them
        project = folder
    else:
        project = ROOT
    result = run_pelican(project, "pelicanconf.py", folder / "output")
    if result.returncode:
        raise SystemExit(f"The build failed:\n{result.stdout}{result.stderr}")
    return folder / "output"


def body_sizes(response):
    """(bytes served here, bytes gzipped as GitHub Pages sends text): Pagefind's
    index files are compressed already, so gzip does not shrink those."""
    body = response.body() if response.ok else b""
    return len(body), min(len(body), len(gzip.compress(body, 9)))


def measure(output, query):
    sizes = []
    with served(output) as base, chromium() as context:
        page = context.new_page()
        page.on("response", lambda r: sizes.append((r.url, *body_sizes(r))))
        page.goto(f"{base}/search/", wait_until="networkidle")
        page_bytes, page_count = sum(s[2] for s in sizes), len(sizes)
        sizes.clear()
        page.get_by_label("Search posts and videos").fill(query)
        page.keyboard.press("Enter")
        page.locator(".search-status").filter(has_text="found").wait_for()
        page.wait_for_load_state("networkidle")
    return page_bytes, page_count, sizes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=0, help="synthetic posts (0: the real site)")
    parser.add_argument("--query", default="glutes")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        page_bytes, page_count, search = measure(build(Path(scratch), args.posts), args.query)
    site = f"{args.posts} synthetic posts" if args.posts else "the real site"
    print(f"{site}: the Search page: {page_count} requests, {page_bytes} bytes gzipped")
    print(f"first search for {args.query!r}: {len(search)} requests, "
          f"{sum(s[1] for s in search)} bytes served, {sum(s[2] for s in search)} gzipped")
    for url, served_bytes, gzipped in search:
        print(f"  {served_bytes:>8} {gzipped:>8}  {url.split('/', 3)[-1]}")


if __name__ == "__main__":
    main()
