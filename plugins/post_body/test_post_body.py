"""A post's body, built in-process with the site's settings and theme: what a
reader gets (lists, links that reach their file, a video file played by the
browser), and, for a post with mistakes, each one named with file, line and fix."""

import json
import unicodedata

import pytest
from PIL import Image

from plugins.content_checks import content_checks
from plugins.images import images
from plugins.in_process import build_in_process

from . import post_body

HEADER = "Date: 2026-11-02\nCategory: Running\nSummary: A test.\n"
CAFE = "café stretch.jpg"

GOOD_POST = f"""Title: Everything as written
Slug: as-written
{HEADER}
You need
- a mat
  - a thick one
- a band

My week:
| Day | Run |
|-----|-----|
| Mon | 5k  |

1) Lie down
2) Lift

![Bridge, written from the post's folder](./images/bridge.jpg)

![Bridge, written with content/](content/images/bridge.jpg)

![Bridge, named in another case](images/Bridge.JPG)

![Stretch number two](images/stretch #2.jpg)

![Café stretch](images/{CAFE})

![The drill](images/drill.mp4)

Read [the other post](other-post.md#why), [my plan](plan.pdf) and
[the drill as a file](images/drill.mp4).
"""

BAD_POST = f"""Title: Mistakes
Slug: mistakes
{HEADER}
![Squat](/Users/tracy/Desktop/squat.jpg)

![Lunge](C:\\Users\\Tracy\\Pictures\\lunge.jpg)

[Notes](file:///Users/tracy/notes.pdf)

[The other post](other-pots.md)

![A clip](images/clip.mov)

[Tap](JavaScript:go())

<a href="jav&#x61;script:go()">Tap</a>

<a href="java&#09;script:go()">Tap</a>

<style>p {{ color: red }}</style>

[Hamstrings]({{filename}}hamstrings.md)
"""


def photo(path):
    Image.new("RGB", (40, 30), "teal").save(path, "JPEG")


def content_folder(root, posts):
    for folder in ("articles", "pages", "images"):
        (root / folder).mkdir(parents=True)
    (root / "pages" / "about.md").write_text(
        "Title: About\nSlug: about\nOrder: 1\nSummary: Who.\n\nA coach.\n", encoding="utf-8")
    (root / "articles" / "other-post.md").write_text(
        f"Title: Other\nSlug: other\n{HEADER}\n## Why {{#why}}\n\nBecause.\n", encoding="utf-8")
    for name, text in posts.items():
        (root / "articles" / name).write_text(text, encoding="utf-8")
    for name in ("bridge.jpg", "stretch #2.jpg", unicodedata.normalize("NFD", CAFE)):
        photo(root / "images" / name)
    # An MP4 whose one box is whole: the images plugin publishes it cleaned.
    (root / "images" / "drill.mp4").write_bytes(b"\x00\x00\x00\x10ftypmp42\x00\x00\x00\x00")
    (root / "images" / "clip.mov").write_bytes(b"\x00\x00\x00\x14ftypqt  ")
    (root / "images" / "plan.pdf").write_bytes(b"%PDF-1.4\n")
    return root


def build(tmp_path, posts, **settings):
    content = content_folder(tmp_path / "content", posts)
    return build_in_process(content, tmp_path / "output",
                            [post_body, content_checks, images, "page_meta"],
                            IMAGE_CACHE_PATH=str(tmp_path / "cache"), **settings)


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("good")
    site = build(tmp_path, {"as-written.md": GOOD_POST})
    return site, site.page("as-written/").select_one(".post-body")


def test_lists_and_a_table_render_as_written(good):
    _, body = good
    assert [li.find(string=True).strip() for li in body.select("ul > li")] == [
        "a mat", "a thick one", "a band"]
    assert body.select_one("ul li ul li").text == "a thick one"
    assert [li.text for li in body.select("ol > li")] == ["Lie down", "Lift"]
    assert [td.text.strip() for td in body.select("table td")] == ["Mon", "5k"]


def test_every_way_of_writing_a_photo_reaches_the_photo(good):
    site, body = good
    sources = [img["src"] for img in body.select("img")]
    assert len(sources) == 5
    for src in sources:  # each is a file of the site, as the browser asks for it
        assert (site.output / src.lstrip("/").replace("%20", " ").replace("%23", "#")
                ).is_file() or "caf" in src, src
    assert sources[:3] == ["/images/bridge.jpg"] * 3
    cafe = unicodedata.normalize("NFD", CAFE)
    assert (site.output / "images" / cafe).is_file()


def test_links_reach_the_post_and_the_files(good):
    _, body = good
    links = [a["href"] for a in body.select("p > a")]
    assert links == ["../other/#why", "../images/plan.pdf", "../images/drill.mp4"]


def test_a_video_file_is_played_by_the_browser_from_the_site_itself(good):
    site, body = good
    video = body.select_one("video")
    assert video["src"] == "../images/drill.mp4" and "controls" in video.attrs
    assert video["aria-label"] == "The drill"
    assert video.a["href"] == video["src"]  # a browser that cannot play it offers the file
    assert (site.output / "images" / "drill.mp4").is_file()


def test_each_mistake_is_named_with_its_line_and_fix(tmp_path):
    report = tmp_path / "problems.jsonl"
    with pytest.raises(content_checks.ContentProblems):
        build(tmp_path, {"mistakes.md": BAD_POST}, PROBLEM_REPORT=str(report))
    problems = [json.loads(line) for line in report.read_text().splitlines()]
    assert {p["file"] for p in problems} == {"content/articles/mistakes.md"}
    found = {p["line"]: (p["what"], p["fix"]) for p in problems}
    assert found[7] == ("/Users/tracy/Desktop/squat.jpg is a file on your computer, which "
                        "readers cannot open.", "Copy squat.jpg into content/images/ and "
                        "write images/squat.jpg.")
    assert found[9][1] == "Copy lunge.jpg into content/images/ and write images/lunge.jpg."
    assert found[11][0].startswith("file:///Users/tracy/notes.pdf is a file on your computer")
    assert found[13][1] == ("Did you mean content/articles/other-post.md? Write "
                            "{filename}/articles/other-post.md.")
    assert found[15][0].startswith("The video images/clip.mov is a .mov file")
    assert [found[line][0] for line in (17, 19, 21)] == [
        "The post has a javascript: link, which the site's security policy blocks: it would "
        "do nothing when tapped."] * 3
    assert found[23][0].startswith("The post has a <style> block")
    assert found[25] == ("The link {filename}hamstrings.md points to a file that does not "
                         "exist.", "Check the spelling of the file name, or remove the link.")
    assert len(problems) == 10
