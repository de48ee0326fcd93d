"""Video embeds in real builds: the glute post (Markdown), a reStructuredText
fixture post, the Videos page, feeds, and the message for a malformed reST video id
(a malformed address in Markdown: tests/test_bad_input.py, as the coach sees it)."""

import gzip
import xml.etree.ElementTree as etree

from bs4 import BeautifulSoup

from conftest import run_pelican

GLUTE = "cant-fire-my-glutes/"
YOUTUBE_HOSTS = ("youtube.com", "youtu.be", "ytimg.com", "google", "youtube-nocookie.com")
RST_POST = """Moving well
###########

:date: 2026-11-20 10:00
:category: Running
:summary: A reStructuredText post with a video.

Watch this first:

.. youtube:: {id}

Then try it.
"""
DRAFT_POST = """Title: Not ready yet
Date: 2026-11-21 10:00
Category: Running
Status: draft

[A draft's video](https://youtu.be/DRAFTVIDEO1)
"""


def embeds(page):
    return page.select("div.post-body div.video")


def add_post(project, name, text):
    (project / "content" / "articles" / name).write_text(text, encoding="utf-8")


def test_the_glute_posts_two_videos_are_embeds_titled_with_their_link_text(site):
    page = site.page(GLUTE)
    links = [video.select_one("a.video-link") for video in embeds(page)]
    assert [link["aria-label"] for link in links] == [
        "Play video: Why your strength work might not be working",
        "Play video: A muscle energy technique for the glutes",
    ]
    assert [link["href"] for link in links] == [
        "https://www.youtube.com/watch?v=PLACEHOLDR1", "https://www.youtube.com/watch?v=PLACEHOLDR2"]
    assert [link["data-player"] for link in links] == [
        "https://www.youtube-nocookie.com/embed/PLACEHOLDR1?autoplay=1",
        "https://www.youtube-nocookie.com/embed/PLACEHOLDR2?autoplay=1"]


def executable_scripts(page):
    """The page's scripts that run (JSON-LD is data, not a script)."""
    return [s for s in page.find_all("script") if s.get("type") != "application/ld+json"]


def test_the_article_loads_nothing_from_youtube_and_only_deferred_scripts_of_its_own(site):
    page = site.page(GLUTE)
    assert not page.find("iframe")
    loaded = [tag.get("src") or "" for tag in page.find_all(src=True)]
    loaded += [tag.get("href") or "" for tag in page.find_all("link")]
    assert not [url for url in loaded if any(host in url for host in YOUTUBE_HOSTS)]
    scripts = executable_scripts(page)
    # The video facade's script, and the share row's (plugins/share): both deferred.
    assert sorted((s["src"], s.has_attr("defer"), s.string) for s in scripts) == [
        ("../theme/js/share.js", True, None), ("../theme/js/video.js", True, None)]


def test_pages_without_videos_load_no_script(site):
    for path in ("", "about/", "videos/"):
        assert not executable_scripts(site.page(path)), path


def poster(path):
    """A poster as `invoke videos` leaves it: a real JPEG (the images plugin
    publishes it cleaned, so it must be one)."""
    from PIL import Image

    Image.new("RGB", (48, 36), "teal").save(path)


def test_markdown_and_restructuredtext_give_the_same_embed(project, tmp_path):
    add_post(project, "moving-well.rst", RST_POST.format(id="PLACEHOLDR2"))
    # A fetched title and poster, as `invoke videos` leaves them.
    (project / "content" / "videos.json").write_text(
        '{"PLACEHOLDR2": {"title": "A muscle energy technique for the glutes"}}')
    posters = project / "content" / "images" / "videos"
    posters.mkdir(parents=True)
    poster(posters / "PLACEHOLDR2.jpg")
    build = run_pelican(project, tmp_path / "output")
    assert build.returncode == 0, build.log
    from_markdown = embeds(build.page(GLUTE))[1]
    from_rst = embeds(build.page("moving-well/"))[0]
    # The same but for its place on its page (the second video there, the first here).
    assert (from_markdown.attrs.pop("id"), from_rst.attrs.pop("id")) == ("video-2", "video-1")
    assert str(from_rst) == str(from_markdown)
    assert from_rst.select_one("img.video-poster")["src"] == "../images/videos/PLACEHOLDR2.jpg"
    assert (build.output / "images" / "videos" / "PLACEHOLDR2.jpg").exists()


def test_a_bare_video_without_a_fetched_title_is_named_after_its_post(project, tmp_path):
    add_post(project, "moving-well.rst", RST_POST.format(id="PLACEHOLDR1"))
    build = run_pelican(project, tmp_path / "output")
    assert build.returncode == 0, build.log
    [video] = embeds(build.page("moving-well/"))
    assert video.a["aria-label"] == "Play video: Video from: Moving well"
    assert not video.find("img")  # a styled poster, never an image from elsewhere
    assert video.select_one(".video-title").text == "Video from: Moving well"


def test_the_videos_page_lists_every_published_video_and_no_draft(project, tmp_path):
    add_post(project, "moving-well.rst", RST_POST.format(id="PLACEHOLDR1"))
    add_post(project, "not-ready.md", DRAFT_POST)
    build = run_pelican(project, tmp_path / "output")
    assert build.returncode == 0, build.log
    page = build.page("videos/")
    cards = page.select(".video-library .video-card")
    # One link a card (its heading's, stretched over the card by the CSS).
    listed = [(card.h2.text, card.p.text, [a["href"] for a in card.select("a")])
              for card in cards]
    assert listed == [
        ("Why your strength work might not be working",
         "In “I can’t fire my glutes” · 25 November 2026", ["../cant-fire-my-glutes/#video-1"]),
        ("A muscle energy technique for the glutes",
         "In “I can’t fire my glutes” · 25 November 2026", ["../cant-fire-my-glutes/#video-2"]),
        ("Video from: Moving well", "In Moving well · 20 November 2026",
         ["../moving-well/#video-1"]),
    ]
    assert "draft" not in page.select_one("main").text.lower()
    assert (build.output / "drafts" / "not-ready-yet" / "index.html").exists()
    nav = [a.text for a in page.select("nav.site-nav a")]
    assert "Videos" in nav


def test_a_malformed_rst_video_id_fails_the_build_naming_file_and_line(project, tmp_path):
    add_post(project, "moving-well.rst", RST_POST.format(id="not-an-id"))
    build = run_pelican(project, tmp_path / "output")
    assert build.returncode != 0
    assert "content/articles/moving-well.rst, line 10: “.. youtube:: not-an-id”" in build.log


def atom_entry_html(build, title):
    atom = etree.parse(build.output / "feeds" / "all.atom.xml")
    namespace = {"atom": "http://www.w3.org/2005/Atom"}
    for entry in atom.getroot().findall("atom:entry", namespace):
        if entry.findtext("atom:title", namespaces=namespace) == title:
            return BeautifulSoup(entry.findtext("atom:content", namespaces=namespace),
                                 "html.parser")
    raise AssertionError(f"no feed entry {title}")


def test_in_feeds_a_video_is_a_linked_title_and_poster_with_absolute_addresses(project, tmp_path):
    posters = project / "content" / "images" / "videos"
    posters.mkdir(parents=True)
    poster(posters / "PLACEHOLDR1.jpg")
    siteurl = "https://coach.example/blog"
    build = run_pelican(project, tmp_path / "output", "publishconf.py", env={"SITEURL": siteurl})
    assert build.returncode == 0, build.log
    content = atom_entry_html(build, "“I can’t fire my glutes”")
    assert not content.find(["iframe", "script"])
    links = content.select("a.video-link")
    assert [link.text for link in links] == [
        "Why your strength work might not be working", "A muscle energy technique for the glutes"]
    assert links[0]["href"] == "https://www.youtube.com/watch?v=PLACEHOLDR1"
    assert links[0].img["src"] == f"{siteurl}/images/videos/PLACEHOLDR1.jpg"
    assert not links[1].find("img")


def test_the_video_script_is_tiny(site):
    script = (site.output / "theme" / "js" / "video.js").read_bytes()
    assert len(gzip.compress(script)) < 1024


def test_pasted_youtube_embed_code_becomes_our_embed_too(project, tmp_path):
    add_post(project, "pasted.md", (
        "Title: Pasted\nDate: 2026-11-21\nCategory: Running\n\n"
        "https://youtu.be/PLACEHOLDR1\n\n"
        '<iframe width="560" height="315" src="https://www.youtube.com/embed/PLACEHOLDR2?si=x&amp;'
        'start=20" title="YouTube video player" frameborder="0" allowfullscreen></iframe>\n\n'
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Hip flexor '
        'release"></iframe>\n'))
    build = run_pelican(project, tmp_path / "output")
    assert build.returncode == 0, build.log
    page = build.page("pasted/")
    assert not page.find("iframe")
    assert [(a["aria-label"], a["data-player"]) for a in page.select("a.video-link")] == [
        ("Play video: Video from: Pasted",
         "https://www.youtube-nocookie.com/embed/PLACEHOLDR1?autoplay=1"),
        ("Play video: Video from: Pasted",
         "https://www.youtube-nocookie.com/embed/PLACEHOLDR2?autoplay=1&start=20"),
        ("Play video: Hip flexor release",
         "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
    ]
