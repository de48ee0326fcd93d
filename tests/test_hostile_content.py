"""Hostile content: markup, quotes, `</script>` and `javascript:` addresses in
titles, summaries, tags and categories show as text everywhere and never run.
(In a post's text, a `javascript:` link stops the build: plugins/post_body.)"""

import json

import feedparser
import pytest

from conftest import build_with_posts

HOSTILE = "</script><script>window.pwned=1</script> <b>Hüfte</b> & \"Knie\" 'too' <"
POST = f"""Title: {HOSTILE}
Slug: hostile
Date: 2026-01-05
Category: Run <i>&</i> "jump"
Tags: <script>window.pwned=2</script>, ünïcode & 'quotes'
Summary: {HOSTILE}

A [link](https://example.org/) and text.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    return build_with_posts(tmp_path_factory.mktemp("hostile"), {"hostile.md": POST})


def test_the_title_summary_tags_and_category_show_as_text_on_the_post(hostile_site):
    page = hostile_site.page("hostile/")
    assert page.h1.get_text() == HOSTILE
    assert page.title.get_text() == f"{HOSTILE} · One Body Coach"
    assert page.find("meta", attrs={"name": "description"})["content"] == HOSTILE
    meta_links = [a.get_text() for a in page.select(".post-topics a")]
    assert 'Run <i>&</i> "jump"' in meta_links
    assert "<script>window.pwned=2</script>" in meta_links
    assert page.select("script:not([type='application/ld+json']):not([src])") == []
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.select("meta")}
    assert meta["og:title"] == HOSTILE and meta["og:description"] == HOSTILE
    [posting] = [json.loads(s.string) for s in page.select("script[type='application/ld+json']")]
    assert posting["headline"] == HOSTILE and posting["description"] == HOSTILE
    assert "<script>window.pwned=2</script>" in posting["keywords"]


def test_lists_show_the_hostile_text_as_text(hostile_site):
    for path in ["", "archives/", "tags/", "categories/"]:
        page = hostile_site.page(path)
        assert page.select("main b, main i, main script:not([src])") == [], path
    card_titles = [h.get_text() for h in hostile_site.page("").select(".post-card h2")]
    assert HOSTILE in card_titles


def test_the_feeds_parse_and_carry_the_title_as_text(hostile_site):
    for name in ["all.atom.xml", "all.rss.xml"]:
        feed = feedparser.parse((hostile_site.output / "feeds" / name).read_bytes())
        assert not feed.bozo, feed.bozo_exception
        titles = [entry.title for entry in feed.entries]
        assert any("Hüfte" in title and "Knie" in title for title in titles), titles


def test_nothing_hostile_runs_in_the_browser(hostile_site, serve, browser_page):
    page = browser_page
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    base = serve(hostile_site.output)
    for path in ["hostile/", "", "tags/", "categories/"]:
        page.goto(f"{base}/{path}")
        assert page.evaluate("window.pwned") is None, path
    assert dialogs == []
