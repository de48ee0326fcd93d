"""Search: after every build, Pagefind indexes the site into output/pagefind/.

Adds the search index the Search page's script (theme/static/js/search.js)
queries: Pagefind loads only the fragments a query needs. Only what sits
inside `data-pagefind-body` is indexed, and the theme puts that on published
posts' title and body alone, so navigation, footers, calls to action, pages,
lists and drafts stay out; the meta line inside it is data-pagefind-ignore.
Category and tag are Pagefind filters; date, title and summary (the page's
meta description: the post's summary, or its first words) are metadata, and
the Search page shows the summary, never Pagefind's mid-sentence excerpt.

Pagefind runs from the pinned `pagefind` and `pagefind-bin` packages (its
binary ships inside the PyPI wheel; nothing is downloaded at build time).
The binary is started directly (the `python -m pagefind` wrapper costs a
Python start-up), and reads only the files where posts are written (the
ARTICLE_SAVE_AS pattern, each {field} a wildcard): the only pages with a
data-pagefind-body, so the index is the same as from reading every page.

With no published post yet, nothing is indexed: without any
data-pagefind-body Pagefind would index every page whole, and it cannot
write an empty index. The Search page then says search could not load.

Settings read (defaults): SEARCH_INDEX (True; False skips indexing);
SEARCH_INDEX_LATER (None): a file; when set, Pagefind is not run here but its
command is written there (JSON) for the caller to run once Pelican has
exited, so the two never hold their memory at the same time
(site_tools.build's pelican_run does this: the whole build then peaks at the
larger of the two, not their sum).
Signals: initialized (settings), article_generator_finalized (count the
published posts), finalized (every page written: index).
"""

import json
import re
import subprocess
import sys

from pelican import signals

from plugins.problems import report_problem


def pagefind_command(output_path, save_as="**/*.html"):
    return [*pagefind_executable(), "--site", str(output_path), "--silent",
            "--glob", post_glob(save_as)]


def pagefind_executable():
    """The binary of the pinned pagefind-bin wheel: the one `pagefind.service`
    would choose (no extended build or PAGEFIND_BINARY_PATH here), without
    importing that module's asyncio service just to find it."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return [sys.executable, "-m", "pagefind"]
    return [str(get_executable())]


def post_glob(save_as):
    """The files Pagefind reads: where posts are saved ("{slug}/index.html"
    gives "*/index.html"); any other pattern than a plain one, every page."""
    pattern = re.sub(r"\{[^}]*\}", "*", save_as)
    return pattern if re.fullmatch(r"[\w*./-]+", pattern) else "**/*.html"


def pagefind_failed(result):
    """The problem to report when Pagefind (a finished process) failed: never
    the coach's posts, so the fix says what to do about the tool."""
    return {"what": "The search index could not be made: Pagefind said "
                    f"\"{(result.stderr or result.stdout).strip()}\".",
            "fix": "Nothing in the posts causes this. Build again; if it keeps "
                   "failing, delete the .venv folder and run ./dev build to reinstall it."}


class Search:
    """One build's settings and count of published posts, and the handlers
    that read, count and index; register() makes one for each build."""

    def __init__(self):
        self.published_posts = 0

    def read_settings(self, pelican):
        settings = pelican.settings
        self.enabled = settings.get("SEARCH_INDEX", True)
        self.save_as = settings.get("ARTICLE_SAVE_AS", "**/*.html")
        self.later = settings.get("SEARCH_INDEX_LATER")

    def count_published_posts(self, generator):
        self.published_posts = len(generator.articles)

    def index_site(self, pelican):
        if not self.enabled or not self.published_posts:
            return
        command = pagefind_command(pelican.output_path, self.save_as)
        if self.later:
            with open(self.later, "w", encoding="utf-8") as file:
                json.dump(command, file)
            return
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            report_problem(None, None, **pagefind_failed(result))


def register():
    """A new Search for each build (the warm preview builds many times)."""
    search = Search()
    signals.initialized.connect(search.read_settings, weak=False)
    signals.article_generator_finalized.connect(search.count_published_posts, weak=False)
    signals.finalized.connect(search.index_site, weak=False)
