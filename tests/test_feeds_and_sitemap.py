"""Feeds, sitemap and robots.txt: valid, complete, announced on every page,
and nothing unpublished. `production` (conftest) holds the real site and a
draft, built for https://coach.github.io/site."""

import re
import xml.etree.ElementTree as ElementTree

import feedparser
import pytest

FEEDS = ["all.atom.xml", "all.rss.xml", "running.atom.xml", "running.rss.xml"]
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# Each build, and the address its feeds give: the public one, and in
# development the preview's (so the preview shows what readers subscribe to).
ADDRESSES = {"production": "https://coach.github.io/site/", "site": "http://localhost:8000/"}


@pytest.mark.parametrize("name", FEEDS)
@pytest.mark.parametrize("build", ADDRESSES)
def test_feeds_are_valid_with_full_posts_absolute_links_and_videos_as_links(
        request, build, name):
    address = ADDRESSES[build]
    feed = feedparser.parse((request.getfixturevalue(build).output / "feeds" / name).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    [entry] = feed.entries  # the draft is not in any feed
    assert entry.title == "“I can’t fire my glutes”"
    assert entry.link == address + "cant-fire-my-glutes/"
    body = entry.content[0].value if "content" in entry else entry.description
    assert "I’m sure those glutes will be firing up in no time" in body  # the full post
    assert "muscle energy technique for the glutes" in body  # a video's title
    assert "<iframe" not in body and "<script" not in body
    assert 'href="https://www.youtube.com/watch?v=PLACEHOLDR1"' in body
    # Every link absolute (a post's link to another: tests/test_article_end.py).
    assert all(href.startswith(("https://", "http://", "mailto:"))
               for href in re.findall(r'href="([^"]*)"', body)), body


def test_every_page_announces_the_feeds_and_a_post_or_category_its_category_feed(
        production):
    def announced(path):
        head = production.page(path).head
        return {(link["type"], link["href"]) for link in head.select("link[rel=alternate]")}

    feeds = "https://coach.github.io/site/feeds/"
    every_post = {("application/atom+xml", feeds + "all.atom.xml"),
                  ("application/rss+xml", feeds + "all.rss.xml")}
    running = ("application/atom+xml", feeds + "running.atom.xml")
    for path in ["", "about/", "tags/"]:
        assert announced(path) == every_post, path
    for path in ["cant-fire-my-glutes/", "category/running/"]:
        assert announced(path) == every_post | {running}, path


def test_the_sitemap_lists_exactly_the_published_pages(production):
    tree = ElementTree.parse(production.output / "sitemap.xml")
    listed = {loc.text for loc in tree.findall("s:url/s:loc", SITEMAP_NS)}
    assert all(url.find("s:lastmod", SITEMAP_NS) is not None
               for url in tree.findall("s:url", SITEMAP_NS))
    pages = {path.relative_to(production.output).as_posix().removesuffix("index.html")
             for path in production.output.rglob("*.html")}
    # Not the hidden pages (the 404 page, Subscribe: linked from every footer,
    # in no menu), nor the coach's editor (admin/), which search engines are kept from.
    published = {p for p in pages if p not in {"404.html", "subscribe/"}
                 and not p.startswith("admin/")}
    assert "admin/" in pages
    assert listed == {f"https://coach.github.io/site/{p}" for p in published}
    assert not any(p.startswith("drafts/") for p in pages)  # the live site has no drafts


def test_robots_txt_points_to_the_sitemap(production):
    robots = (production.output / "robots.txt").read_text()
    assert "Sitemap: https://coach.github.io/site/sitemap.xml" in robots.splitlines()
