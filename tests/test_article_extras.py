"""What a reader finds around a post: reading time, a mark on posts with
video, a table of contents on long posts, related posts and older/newer."""

import pytest

from conftest import build_with_posts

SECTIONS = "\n\n".join(f"## Step {n}\n\n" + "Breathe and move. " * 60 for n in range(1, 4))
POSTS = {
    "hips.md": "Title: Hips\nDate: 2026-01-01\nCategory: Running\nTags: hips, glutes\n\n"
               + SECTIONS,
    "calves.md": "Title: Calves\nDate: 2026-02-01\nCategory: Running\nTags: calves\n\nShort.\n",
}


@pytest.fixture(scope="module")
def extras_site(tmp_path_factory):
    return build_with_posts(tmp_path_factory.mktemp("extras"), POSTS)


def meta_line(page):
    return page.select_one(".post-meta").get_text(" ", strip=True)


def test_posts_show_their_reading_time_and_the_home_page_marks_video(extras_site):
    assert "1 min read" in meta_line(extras_site.page("calves/"))
    assert "3 min read" in meta_line(extras_site.page("hips/"))  # 546 words at 200 a minute
    cards = {c.h2.get_text(): c for c in extras_site.page("").select(".post-card")}
    assert cards["“I can’t fire my glutes”"].select_one(".video-mark").get_text() == "2 videos"
    assert cards["Hips"].select_one(".video-mark") is None


def test_a_long_post_has_a_table_of_contents_linking_its_sections(extras_site):
    page = extras_site.page("hips/")
    links = page.select("nav.toc a")
    assert [a.get_text() for a in links] == ["Step 1", "Step 2", "Step 3"]
    for link in links:
        assert page.find(id=link["href"][1:]).name == "h2"
    assert extras_site.page("calves/").select("nav.toc") == []


def test_related_posts_share_tags(extras_site):
    related = extras_site.page("hips/").select(".related a")
    assert [a.get_text() for a in related] == ["“I can’t fire my glutes”"]
    assert extras_site.page("calves/").select(".related") == []


def test_older_and_newer_posts_link_each_other(extras_site):
    nav = extras_site.page("calves/").select_one("nav.neighbors")
    assert nav.select_one("a[rel=prev]")["href"] == "../hips/"
    assert nav.select_one("a[rel=next]")["href"] == "../cant-fire-my-glutes/"
