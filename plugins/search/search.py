"""Search: after every build, Pagefind indexes the site into output/pagefind/.

Adds the search index the Search page's script (theme/static/js/search.js)
queries: Pagefind loads only the fragments a query needs. Only what sits
inside `data-pagefind-body` is indexed, and the theme puts that on published
posts' title and body alone, so navigation, footers, calls to action, pages,
lists and drafts stay out. Category and tag are Pagefind filters.

Pagefind runs from the pinned `pagefind` and `pagefind-bin` packages (its
binary ships inside the PyPI wheel; nothing is downloaded at build time).

Settings read (defaults): SEARCH_INDEX (True; False skips indexing, as the
build benchmark's bare Pelican does not index).
Signal: finalized (every page written).
"""

import logging
import subprocess
import sys

from pelican import signals

logger = logging.getLogger(__name__)


def pagefind_command(output_path):
    return [sys.executable, "-m", "pagefind", "--site", str(output_path), "--silent"]


def index_site(pelican):
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    result = subprocess.run(pagefind_command(pelican.output_path), capture_output=True,
                            text=True)
    if result.returncode != 0:
        logger.error("Search: Pagefind could not index the site: %s",
                     (result.stderr or result.stdout).strip())


def register():
    signals.finalized.connect(index_site)
