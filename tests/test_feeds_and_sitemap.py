"""Feeds, sitemap and robots.txt: valid, complete, and nothing unpublished."""

import xml.etree.ElementTree as ElementTree

import feedparser
import pytest

from conftest import build_with_posts

FEEDS = ["all.atom.xml", "all.rss.xml", "running.atom.xml", "running.rss.xml"]
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """The production build, with a draft beside the real content."""
    draft = "Title: Not yet\nDate: 2026-11-01\nCategory: Running\nStatus: draft\n\nSoon.\n"
    return build_with_posts(tmp_path_factory.mktemp("production"), {"draft.md": draft},
                            "publishconf.py", {"SITEURL": "https://coach.github.io/site"})


@pytest.mark.parametrize("name", FEEDS)
def test_feeds_are_valid_with_full_posts_and_videos_as_links(production, name):
    feed = feedparser.parse((production.output / "feeds" / name).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    [entry] = feed.entries  # the draft is not in any feed
    assert entry.link == "https://coach.github.io/site/cant-fire-my-glutes/"
    body = entry.content[0].value if "content" in entry else entry.description
    assert "I’m sure those glutes will be firing up in no time" in body  # the full post
    assert "<iframe" not in body and "<script" not in body
    assert 'href="https://www.youtube.com/watch?v=PLACEHOLDR1"' in body
    assert 'href="https://coach.github.io/site/online-assessment/"' in body  # absolute


def test_every_page_announces_the_feeds_and_a_category_its_own(production):
    head = production.page("category/running/").head
    feeds = {link["href"] for link in head.select("link[rel=alternate]")}
    assert feeds == {"https://coach.github.io/site/feeds/all.atom.xml",
                     "https://coach.github.io/site/feeds/all.rss.xml",
                     "https://coach.github.io/site/feeds/running.atom.xml"}


def test_the_sitemap_lists_exactly_the_published_pages(production):
    tree = ElementTree.parse(production.output / "sitemap.xml")
    listed = {loc.text for loc in tree.findall("s:url/s:loc", SITEMAP_NS)}
    assert all(url.find("s:lastmod", SITEMAP_NS) is not None
               for url in tree.findall("s:url", SITEMAP_NS))
    pages = {path.relative_to(production.output).as_posix().removesuffix("index.html")
             for path in production.output.rglob("*.html")}
    # Not the 404 page, nor the coach's editor (admin/), which search engines are kept from.
    published = {p for p in pages if p != "404.html" and not p.startswith("admin/")}
    assert "admin/" in pages
    assert listed == {f"https://coach.github.io/site/{p}" for p in published}
    assert not any(p.startswith("drafts/") for p in pages)  # the live site has no drafts


def test_robots_txt_points_to_the_sitemap(production):
    robots = (production.output / "robots.txt").read_text()
    assert "Sitemap: https://coach.github.io/site/sitemap.xml" in robots.splitlines()
