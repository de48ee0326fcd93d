"""The coach's real files: Word text, British dates, headers written by hand,
pasted embeds. Each is handled right (checked in the output) or stops the
build with a message naming the file and line, without a traceback, leaving
the last good site in place. One build holds every bad post, one every good
one, to keep the suite fast."""

import pytest

from checks.browser import run_axe
from conftest import build_with_posts, copy_project, run_task

HEADER = "Date: 2026-01-05\nCategory: Running\n"
LIST = "PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG"
# As YouTube's and Vimeo's Share › Embed give them.
YOUTUBE_EMBED_CODE = (
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/videoseries?si=Xy'
    f'&amp;list={LIST}" title="YouTube video player" frameborder="0" allow="autoplay" '
    "allowfullscreen></iframe>")
VIMEO_EMBED_CODE = (
    '<div style="padding:56.25% 0 0 0;position:relative;"><iframe src="https://player.vimeo'
    '.com/video/76979871?h=8272103f6e&amp;badge=0&amp;app_id=58479" frameborder="0" allow='
    '"autoplay; fullscreen" style="position:absolute;top:0;left:0;width:100%;height:100%;" '
    'title="Lunges, slowly"></iframe></div><script src="https://player.vimeo.com/api/'
    'player.js"></script>')

# name: (file, bytes or text, the message: file and line, what, and a piece of the fix)
BAD = {
    "Word's Windows-1252": (
        "word.md", f"Title: Word\n{HEADER}\nIt’s fine.\n".encode("cp1252"),
        "content/articles/word.md, line 5\n  The file is not saved as UTF-8 text: line 5 has "
        "a character the site cannot read (a ’ saved the Windows way).\n"
        "  Fix: Save it as UTF-8 text: in Word, File › Save As, choose Plain Text"),
    "a British date": (
        "british.md", "Title: British\nDate: 05/11/2026\nCategory: Running\n\nBody.\n",
        'content/articles/british.md, line 2\n  "05/11/2026" has the day and the month in '
        "numbers, which reads as 5 November or as 11 May.\n  Fix: Write the date year "
        "first: 2026-11-05 for 5 November, or 2026-05-11 for 11 May."),
    "an empty status": (
        "empty-status.md", f"Title: Empty status\n{HEADER}Status:\n\nBody.\n",
        'content/articles/empty-status.md, line 4\n  "Status:" is empty.\n'
        "  Fix: Write Status: published"),
    "a header with no text": (
        "no-text.md", f"Title: No text\n{HEADER}",
        "content/articles/no-text.md\n  The post has a header but no text under it.\n"
        "  Fix: Write the post under the header, after one blank line."),
    "text right under the header": (
        "no-blank-line.md",
        f"Title: No blank line\n{HEADER}Warning: stop if it hurts.\nLower slowly.\n",
        'content/articles/no-blank-line.md, line 4\n  The line "Warning: stop if it '
        'hurts." is read as a header field "warning", which the site does not know.\n'
        "  Fix: Leave one blank line between the header and the text. A header field is "
        "one of: title, date, modified, category, tags, summary, status, slug"),
    "a title of emoji": (
        "emoji.md", f"Title: 💪🏃\n{HEADER}\nBody.\n",
        'content/articles/emoji.md, line 1\n  The title "💪🏃" gives the post no address: '
        'it has no letters or digits.\n  Fix: Add a line "Slug: a-few-words"'),
    "a title the site's own page has": (
        "tags.md", f"Title: Tags\n{HEADER}\nBody.\n",
        "content/articles/tags.md, line 1\n  Its address /tags/ is where the site puts the "
        'list of tags, which it would replace.\n  Fix: Add a line "Slug: another-address"'),
    "an archives slug": (
        "archive.md", f"Title: My archive\nSlug: archives\n{HEADER}\nBody.\n",
        "content/articles/archive.md, line 2\n  Its address /archives/ is where the site "
        "puts the list of archives"),
    "a tag of punctuation": (
        "bad-tag.md", f"Title: Bad tag\n{HEADER}Tags: !!!\n\nBody.\n",
        'content/articles/bad-tag.md, line 4\n  The tag "!!!" has no letters or digits'),
    "a category whose feed is the site's": (
        "all.md", "Title: All\nDate: 2026-01-05\nCategory: All\n\nBody.\n",
        'content/articles/all.md, line 3\n  The category "All" cannot have a page and a '
        "feed of its own"),
    "Instagram's embed code": (
        "instagram.md", f"Title: Instagram\n{HEADER}\nText.\n\n"
        '<blockquote class="instagram-media" style="background:#FFF;"><a href='
        '"https://www.instagram.com/p/abc/">A post</a></blockquote> '
        '<script async src="//www.instagram.com/embed.js"></script>\n',
        "content/articles/instagram.md, line 7\n  The post has embed code from "
        "www.instagram.com, which the site's security policy blocks: readers would see an "
        "empty box.\n  Fix: For a video, paste its YouTube or Vimeo address on a line of its "
        "own; for anything else, link to it: [See it on Instagram](address)."),
    "a script": (
        "script.md", f"Title: Script\n{HEADER}\nText.\n\n<script>alert(1)</script>\n",
        "content/articles/script.md, line 7\n  The post has a <script>, which the site's "
        "security policy blocks"),
    "an on...= handler": (
        "handler.md", f"Title: Handler\n{HEADER}\n<p onclick=\"go()\">Tap</p>\n",
        "content/articles/handler.md, line 5\n  The post has onclick=…, which the site's "
        "security policy blocks: posts run no script and take their look from the site.\n"
        "  Fix: Remove onclick=… from the line"),
    "a style=": (
        "styled.md", f"Title: Styled\n{HEADER}\n<p style=\"color: red\">Red</p>\n",
        "content/articles/styled.md, line 5\n  The post has style=…"),
    "a malformed Vimeo address": (
        "bad-vimeo.md", f"Title: Bad Vimeo\n{HEADER}\nhttps://vimeo.com/12345abc\n",
        "content/articles/bad-vimeo.md, line 5\n  The Vimeo address https://vimeo.com/12345abc "
        "has “12345abc”, and a Vimeo video id is digits only.\n"
        "  Fix: Copy the address again from Vimeo's Share button."),
    "a photo from her desktop": (
        "desktop.md",
        f"Title: Desktop\n{HEADER}\nText.\n\n![Squat](/Users/tracy/Desktop/squat.jpg)\n",
        "content/articles/desktop.md, line 7\n  /Users/tracy/Desktop/squat.jpg is a file on "
        "your computer, which readers cannot open.\n  Fix: Copy squat.jpg into content/images/ "
        "and write images/squat.jpg."),
    "a misspelt post name": (
        "misspelt.md", f"Title: Misspelt\n{HEADER}\nSee [why](cant-fire-my-glute.md).\n",
        "content/articles/misspelt.md, line 5\n  cant-fire-my-glute.md points to a file that "
        "is not in content/.\n  Fix: Did you mean content/articles/cant-fire-my-glutes.md? "
        "Write {filename}/articles/cant-fire-my-glutes.md."),
    "a javascript: link spelt with an entity": (
        "script-link.md",
        f"Title: Script link\n{HEADER}\n<a href=\"Jav&#x61;script:go()\">Tap</a>\n",
        "content/articles/script-link.md, line 5\n  The post has a javascript: link, which the "
        "site's security policy blocks: it would do nothing when tapped."),
    "a <style> block": (
        "style-block.md",
        f"Title: Style block\n{HEADER}\nText.\n\n<style>p {{ color: red }}</style>\n",
        "content/articles/style-block.md, line 7\n  The post has a <style> block, which the "
        "site's security policy blocks: readers would get none of its styling."),
}
# Instagram's code also has a style=: one more problem than cases.
EXTRA_PROBLEMS = 1


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    """One build of the site with every bad post in it, over a last good output/."""
    project = copy_project(tmp_path_factory.mktemp("bad-files"))
    (project / "output").mkdir()
    (project / "output" / "index.html").write_text("the last good site", encoding="utf-8")
    for name, body, _ in BAD.values():
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        (project / "content" / "articles" / name).write_bytes(data)
    return project, run_task(project, "build")


def test_the_bad_files_stop_the_build_without_a_traceback_and_keep_the_last_site(bad_build):
    project, result = bad_build
    assert result.returncode != 0
    count = len(BAD) + EXTRA_PROBLEMS
    assert f"The site was not built: {count} problems to fix." in result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (project / "output" / "index.html").read_text() == "the last good site"


@pytest.mark.parametrize("case", BAD)
def test_each_bad_file_is_named_with_its_line_and_fix(bad_build, case):
    _, result = bad_build
    assert BAD[case][2] in result.stderr


GOOD = {
    "bom-crlf.md": "\ufeffTitle: Saved on Windows\r\nSlug: saved-on-windows\r\n"
                   "Date: 2026-01-06\r\nCategory: Running\r\n\r\nWritten with CRLF.\r\n",
    "heading.md": "Title: Same as the title\nSlug: same-as-the-title\n"
                  f"{HEADER}\n# Same as the title\n\nBody.\n",
    "embeds.md": f"""Title: Embeds
Slug: embeds
{HEADER}
https://www.youtube.com/playlist?list={LIST}

{YOUTUBE_EMBED_CODE}

[Squats, slowly](https://vimeo.com/76979871)

{VIMEO_EMBED_CODE}

https://www.example.org/stretching-guide

| Exercise | Sets | Reps | Rest between sets | Tempo: down, hold, up | What you should feel |
|:--|:-:|--:|---|---|---|
| Glute bridge | 3 | 12 | 60 seconds | 3 seconds, 1, 1 | Your glutes, not your hamstrings |
""",
    "as-written.md": f"""Title: As written
Slug: as-written
{HEADER}
You need
- a mat
  - a thick one
- a band
1) Lie down
2) Lift

Pasted from Word:
•\tBridge
\to\tSingle leg

My week:
| Day | Run |
|-----|-----|
| Mon | 5k  |

Read [why your glutes won't fire](cant-fire-my-glutes.md).
""",
}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    return build_with_posts(tmp_path_factory.mktemp("good-files"), GOOD)


def test_a_file_with_a_bom_and_windows_line_ends_builds(good_build):
    page = good_build.page("saved-on-windows/")
    assert page.h1.get_text(strip=True) == "Saved on Windows"
    assert page.select_one(".post-body p").get_text() == "Written with CRLF."


def test_a_first_heading_repeating_the_title_is_dropped(good_build):
    page = good_build.page("same-as-the-title/")
    assert [h.get_text(strip=True) for h in page.find_all("h1")] == ["Same as the title"]
    assert page.select_one(".post-body").get_text(strip=True) == "Body."


def players(build):
    return [(a.get_text(strip=True), a["data-player"], a["href"])
            for a in build.page("embeds/").select(".post-body a.video-link")]


def test_a_youtube_playlist_link_or_embed_code_becomes_the_facade_playing_the_list(good_build):
    playlist = (f"https://www.youtube-nocookie.com/embed/videoseries?list={LIST}&autoplay=1",
                f"https://www.youtube.com/playlist?list={LIST}")
    assert [player[1:] for player in players(good_build)[:2]] == [playlist, playlist]


def test_a_vimeo_link_or_embed_code_becomes_the_facade_with_vimeos_do_not_track_player(
        good_build):
    page = good_build.page("embeds/")
    assert players(good_build)[2:] == [
        ("Squats, slowly", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
         "https://vimeo.com/76979871"),
        ("Lunges, slowly",
         "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=8272103f6e",
         "https://vimeo.com/76979871/8272103f6e")]
    body = page.select_one(".post-body")
    assert body.select("iframe, script, [style]") == []  # Vimeo's wrapper and script went too
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com;" in policy


def test_a_bare_address_alone_on_its_line_becomes_a_link(good_build):
    link = good_build.page("embeds/").select_one('.post-body a[href*="example.org"]')
    assert link["href"] == link.get_text() == "https://www.example.org/stretching-guide"


def test_a_table_scrolls_in_its_own_labelled_box(good_build):
    box = good_build.page("embeds/").select_one(".post-body .table-scroll")
    assert (box["tabindex"], box["role"], box["aria-label"]) == (
        "0", "region", "Table: Exercise, Sets, Reps, Rest between sets, Tempo: down, hold, up, "
        "What you should feel")
    assert box.table.select("td")[2]["class"] == ["align-right"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_a_wide_table_scrolls_in_its_box_not_the_page(
        good_build, serve, browser_page, scheme):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.emulate_media(color_scheme=scheme)
    page.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url
               else route.abort())
    page.goto(serve(good_build.output) + "/embeds/")
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    box = page.locator(".table-scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    box.focus()  # a keyboard user tabs to it and scrolls with the arrow keys
    page.keyboard.press("ArrowRight")
    # Waits for it to scroll (smoothly, where the system asks for it).
    page.wait_for_function("() => document.querySelector('.table-scroll').scrollLeft > 0")
    assert [(v["id"], v["nodes"][0]["target"]) for v in run_axe(page)] == []
    assert page.errors == []
    page.emulate_media(media="print")  # on paper the table is printed whole
    assert box.evaluate("b => getComputedStyle(b).overflowX") == "visible"


def test_pressing_play_on_vimeo_loads_vimeos_do_not_track_player(
        good_build, serve, browser_page):
    page = browser_page
    asked = []

    def only_the_site(route):
        if "127.0.0.1" in route.request.url:
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_site)
    page.goto(serve(good_build.output) + "/embeds/", wait_until="networkidle")
    assert asked == []  # nothing from YouTube or Vimeo before play
    page.get_by_role("button", name="Play video: Squats, slowly").click()
    frame = page.locator("iframe.video-frame")
    assert frame.get_attribute("src") == (
        "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1")


def test_lists_tables_and_links_come_out_as_her_editor_shows_them(good_build):
    body = good_build.page("as-written/").select_one(".post-body")
    lists = body.find_all(["ul", "ol"], recursive=False)
    assert [tag.name for tag in lists] == ["ul", "ol", "ul"]
    assert lists[0].select_one("li > ul > li").get_text() == "a thick one"
    assert [li.get_text() for li in lists[1].find_all("li")] == ["Lie down", "Lift"]
    assert lists[2].select_one("li > ul > li").get_text() == "Single leg"
    assert [td.get_text(strip=True) for td in body.select("table td")] == ["Mon", "5k"]
    assert body.select_one("p > a")["href"] == "../cant-fire-my-glutes/"
