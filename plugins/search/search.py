"""Search: after every build, Pagefind indexes the site into output/pagefind/.

Adds the search index the Search page's script (theme/static/js/search.js)
queries: Pagefind loads only the fragments a query needs. Only what sits
inside `data-pagefind-body` is indexed, and the theme puts that on published
posts' title and body alone, so navigation, footers, calls to action, pages,
lists and drafts stay out. Category and tag are Pagefind filters.

Pagefind runs from the pinned `pagefind` and `pagefind-bin` packages (its
binary ships inside the PyPI wheel; nothing is downloaded at build time).

With no published post yet, nothing is indexed: without any
data-pagefind-body Pagefind would index every page whole, and it cannot
write an empty index. The Search page then says search could not load.

Settings read (defaults): SEARCH_INDEX (True; False skips indexing).
Signals: article_generator_finalized (count the published posts), finalized
(every page written: index).
"""

import logging
import subprocess
import sys

from pelican import signals

logger = logging.getLogger(__name__)


def pagefind_command(output_path):
    return [sys.executable, "-m", "pagefind", "--site", str(output_path), "--silent"]


published = {"posts": 0}


def count_published_posts(generator):
    published["posts"] = len(generator.articles)


def index_site(pelican):
    if not pelican.settings.get("SEARCH_INDEX", True) or not published["posts"]:
        return
    result = subprocess.run(pagefind_command(pelican.output_path), capture_output=True,
                            text=True)
    if result.returncode != 0:
        logger.error("Search: Pagefind could not index the site: %s",
                     (result.stderr or result.stdout).strip())


def register():
    signals.article_generator_finalized.connect(count_published_posts)
    signals.finalized.connect(index_site)
