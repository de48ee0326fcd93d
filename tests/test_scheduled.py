"""A post dated in the future is scheduled: it is in no list, feed, sitemap,
search index or Videos page of the production build until its day comes,
and the development preview shows it under drafts, marked "Scheduled for".
"Now" is set through SCHEDULE_NOW rather than waited for."""

import xml.etree.ElementTree as ElementTree

import feedparser
import pytest

from conftest import build_with_posts, indexed_pages

SITE = "https://coach.github.io/site"
SCHEDULED = {"warm-up.md": "Title: A warm-up for cold mornings\nDate: 2026-12-02 09:00\n"
                           "Category: Running\nTags: warm-up\n"
                           "Summary: Five minutes before you run.\n\n"
                           "[The cold-morning warm-up](https://youtu.be/PLACEHOLDR3)\n\n"
                           "Start slowly, and let your ankles wake up first.\n"}
THE_DAY_BEFORE = "2026-12-01T21:00+00:00"
ITS_MORNING = "2026-12-02T05:00+00:00"


def production_build(folder, now):
    return build_with_posts(folder, SCHEDULED, "publishconf.py",
                            {"SITEURL": SITE, "SCHEDULE_NOW": now})


@pytest.fixture(scope="module")
def the_day_before(tmp_path_factory):
    return production_build(tmp_path_factory.mktemp("before"), THE_DAY_BEFORE)


@pytest.fixture(scope="module")
def its_morning(tmp_path_factory):
    return production_build(tmp_path_factory.mktemp("morning"), ITS_MORNING)


def where_the_post_shows(build):
    """Each place a reader or a search engine could find the post in."""
    feed = feedparser.parse((build.output / "feeds" / "all.atom.xml").read_bytes())
    sitemap = ElementTree.parse(build.output / "sitemap.xml").getroot()
    return {
        "home page": "A warm-up for cold mornings" in build.page("").text,
        "archives": "A warm-up for cold mornings" in build.page("archives/").text,
        "feed": any(entry.title == "A warm-up for cold mornings" for entry in feed.entries),
        "sitemap": f"{SITE}/a-warm-up-for-cold-mornings/" in ElementTree.tostring(
            sitemap, encoding="unicode"),
        "search index": "/a-warm-up-for-cold-mornings/" in indexed_pages(build.output),
        "Videos page": "The cold-morning warm-up" in build.page("videos/").text,
        "its own page": (build.output / "a-warm-up-for-cold-mornings").exists(),
        "a tag page": (build.output / "tag" / "warm-up").exists(),
    }


def test_the_day_before_the_post_is_nowhere_on_the_live_site(the_day_before):
    assert where_the_post_shows(the_day_before) == dict.fromkeys(
        where_the_post_shows(the_day_before), False)
    assert not (the_day_before.output / "drafts").exists()  # not even at a hidden address


def test_on_the_morning_of_its_day_the_post_is_everywhere(its_morning):
    assert where_the_post_shows(its_morning) == dict.fromkeys(
        where_the_post_shows(its_morning), True)


def test_the_preview_shows_it_under_drafts_marked_scheduled(tmp_path):
    build = build_with_posts(tmp_path, SCHEDULED, env={"SCHEDULE_NOW": THE_DAY_BEFORE})

    page = build.page("drafts/a-warm-up-for-cold-mornings/")

    notice = page.select_one("article .notice")
    assert " ".join(notice.text.split()) == \
        "Scheduled for 2 December 2026, 09:00: it goes live on that day."
    assert "A warm-up for cold mornings" not in build.page("").text
    assert page.select_one("article.post").get("data-pagefind-body") is None
