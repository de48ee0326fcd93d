"""What search finds: the published posts, by their title and text, with
their category and tags as filters; never a draft, a page, a list or the
editor at /admin/. Built in-process from test_data/, Pagefind included."""

import gzip
import json
import logging
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from plugins.in_process import build_in_process

from . import search
from .search import Search, post_glob

POSTS = {"hip-hinge/", "glute-bridge/"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # page_meta: the theme's head needs its absolute_url; admin: the editor's page.
    return build_in_process(Path(__file__).parent / "test_data",
                            tmp_path_factory.mktemp("search"), [search, "page_meta", "admin"])


def marked_for_search(output):
    """The site paths of the pages whose text Pagefind may index."""
    return {str(page.relative_to(output).parent) + "/" for page in output.rglob("*.html")
            if "data-pagefind-body" in page.read_text(encoding="utf-8")}


def indexed(output):
    """{address: filters} of every page in Pagefind's index (gzipped fragments,
    each after a signature)."""
    pages = {}
    for fragment in (output / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        page = json.loads(data[data.index(b"{"):])
        pages[page["url"].lstrip("/")] = page["filters"]
    return pages


def test_only_published_posts_are_marked_for_search(site):
    assert (site.output / "drafts" / "not-ready" / "index.html").exists()
    assert (site.output / "admin" / "index.html").exists()
    assert marked_for_search(site.output) == POSTS


def test_the_index_holds_the_published_posts_with_category_and_tag_filters(site):
    pages = indexed(site.output)
    assert set(pages) == POSTS
    assert pages["hip-hinge/"] == {"category": ["Running"], "tag": ["hamstrings"]}
    assert pages["glute-bridge/"]["category"] == ["Strength"]


def test_with_no_published_post_nothing_is_indexed_and_nothing_fails(tmp_path, caplog):
    """Pagefind cannot index a site without a post (it exits with an error and
    writes nothing): it must not be run at all, so the build does not fail."""
    search = Search()
    search.read_settings(SimpleNamespace(settings={}))
    search.count_published_posts(SimpleNamespace(articles=[]))
    with caplog.at_level(logging.WARNING):
        search.index_site(SimpleNamespace(output_path=str(tmp_path)))
    assert caplog.records == []
    assert not (tmp_path / "pagefind").exists()


def test_pagefind_reads_only_where_posts_are_saved():
    assert post_glob("{slug}/index.html") == "*/index.html"
    assert post_glob("posts/{date:%Y}/{slug}.html") == "posts/*/*.html"


def test_when_pagefind_fails_the_build_says_so_and_what_to_do(tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(search, "pagefind_command", lambda output, save_as: [
        sys.executable, "-c", "import sys; sys.exit('Error: no space left on device')"])
    indexer = Search()
    indexer.read_settings(SimpleNamespace(settings={}))
    indexer.count_published_posts(SimpleNamespace(articles=["a post"]))
    with caplog.at_level(logging.ERROR):
        indexer.index_site(SimpleNamespace(output_path=str(tmp_path)))
    [record] = caplog.records
    assert record.problem.what == ('The search index could not be made: Pagefind said '
                                   '"Error: no space left on device".')
    assert record.problem.fix.startswith("Nothing in the posts causes this.")
