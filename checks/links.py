"""Internal link check: every link, image, stylesheet and script of the site
that points into the site must resolve to a file of the output, and every
#fragment to an id on its page. A problem on a post's or page's page also
names the post's file, which the theme writes in `data-source` (its path
inside the content folder: nothing that is not in the repository already).

Usage: python -m checks.links OUTPUT_DIR [SITEURL]
"""

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

LINK_ATTRIBUTES = {"href", "src", "poster"}
# Responsive images name several files, each "URL WIDTHw" and comma-separated.
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}


class LinksAndIds(HTMLParser):
    """Collects the link targets and the ids of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.ids = set()
        self.source = None  # the post's file in the content folder, if the page is a post's

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "data-source" and value and self.source is None:
                self.source = value
            if name in LINK_ATTRIBUTES and value:
                self.links.append(value)
            elif name in SRCSET_ATTRIBUTES and value:
                self.links.extend(srcset_urls(value))
            elif name in {"id", "name"} and value:
                self.ids.add(value)


def srcset_urls(srcset):
    """The addresses of a srcset: "a-480w.webp 480w, a-960w.webp 960w" gives both."""
    return [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]


def parse_page(path):
    parser = LinksAndIds()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def file_for_url_path(output, url_path):
    """The output file a site path is served from, or None if there is none."""
    candidate = output / unquote(url_path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def link_problem(output, pages, page_url, link, site_root, prefix):
    """What is wrong with one link of the page at page_url, or None."""
    absolute, fragment = urldefrag(urljoin(page_url, link))
    parsed = urlparse(absolute)
    if f"{parsed.scheme}://{parsed.netloc}" != site_root:
        return None  # outside the site: mailto:, other hosts
    if not parsed.path.startswith(prefix):
        return f" leaves the site's path {prefix}"
    target = file_for_url_path(output, parsed.path[len(prefix):])
    if target is None:
        return " goes to a page that does not exist"
    if fragment and target.suffix == ".html":
        ids = pages[target].ids if target in pages else parse_page(target).ids
        if fragment not in ids:
            return f": no element with id {fragment!r} on that page"
    return None


def broken_internal_links(output, siteurl=""):
    """Every broken internal link of the site in `output`, as readable lines.

    Links are resolved as a browser would, from the page's own address; with
    an absolute `siteurl` (say https://user.github.io/repo), links to it count
    as internal and the site is taken to be served under its path.
    """
    output = Path(output)
    base = urlparse(siteurl.rstrip("/") + "/") if siteurl else urlparse("http://site.invalid/")
    site_root = f"{base.scheme}://{base.netloc}"
    prefix = base.path
    pages = {path: parse_page(path) for path in sorted(output.rglob("*.html"))}
    problems = []
    for path, page in pages.items():
        page_url = site_root + prefix + path.relative_to(output).as_posix()
        written_in = f" (written in content/{page.source})" if page.source else ""
        for link in page.links:
            problem = link_problem(output, pages, page_url, link, site_root, prefix)
            if problem:
                problems.append(f"{path.relative_to(output).as_posix()}: link {link!r}"
                                f"{problem}{written_in}")
    return problems


def main(argv):
    if not 2 <= len(argv) <= 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    problems = broken_internal_links(argv[1], argv[2] if len(argv) == 3 else "")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} broken internal link(s).", file=sys.stderr)
        return 1
    print("Internal links: all resolve.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
