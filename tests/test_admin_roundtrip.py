"""In real Chromium, the editor at /admin/ gives back what it was given: a post
holding every construct the handbook teaches, and more (every_construct.md
beside this file), opened and saved through the editor, is the same text and,
once built, the same page.

The text opens as written (the field's raw mode comes first): the rich-text
mode would write a table without its column alignment, so it is there only
when she asks for it (for the Insert › Video and Photo buttons)."""

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from admin_editor import (
    built_copy,
    editor_tab,
    field,
    front_matter,
    read_back,
    require_editor,
    save_and_read_back,
    with_local_project,
)
from conftest import ROOT, run_pelican

POST = "content/articles/every-construct.md"
ARTIFACTS = ROOT / "test-artifacts"
TEXT = (Path(__file__).parent / "every_construct.md").read_text(encoding="utf-8")


def add_the_post(project):
    from PIL import Image

    (project / POST).write_text(TEXT, encoding="utf-8")
    (project / "content" / "images").mkdir(exist_ok=True)
    Image.new("RGB", (1200, 800), (200, 120, 80)).save(project / "content/images/bridge.jpg")


@pytest.fixture(scope="module")
def editor(browser, tmp_path_factory):
    """The editor over a built copy of the project with the post, in one tab."""
    from checks.browser import served

    require_editor()
    project, build = built_copy(tmp_path_factory.mktemp("roundtrip"), add_the_post)
    with served(project / "output") as site, editor_tab(browser, site) as page:
        with_local_project(page, project)
        page.project, page.first_build = project, build
        page.goto(f"{site}/admin/", wait_until="networkidle")
        page.get_by_role("button", name="Work with Local Repository").click()
        yield page


def open_post(page):
    page.evaluate("location.hash = '#/collections/posts/entries/every-construct'")
    expect(field(page, "title").locator("input")).to_have_value(
        "Hamstrings: why stretching isn't #1")


def changed_lines(before, after):
    return [(old, new) for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
            if old != new]


def post_body(build):
    return build.page("every-construct/").select_one(".post-body")


def test_saving_the_post_unchanged_gives_back_its_text(editor):
    open_post(editor)
    # The text is in the editor as the file has it.
    expect(field(editor, "body").locator("textarea")).to_have_value(
        re.compile(r"^\s*Opening paragraph with \*one star\*"))
    save = editor.get_by_role("button", name="Save", exact=True)
    if not save.is_enabled():
        # The editor saw no change, so it offers no Save: nothing is rewritten.
        read_back(editor, editor.project)
        assert (editor.project / POST).read_text(encoding="utf-8") == TEXT
        return
    # It took something for a change (the editor, not she, wrote it): a save
    # then gives back the same text and the same header values.
    save.click()
    expect(editor.get_by_text("Entry saved.")).to_be_visible()
    read_back(editor, editor.project)
    header, body = front_matter((editor.project / POST).read_text(encoding="utf-8"))
    assert body == front_matter(TEXT)[1]
    # The header: the same values; a value in quotes may change its kind of quotes.
    for old, new in changed_lines(front_matter(TEXT)[0], header):
        assert yaml.safe_load(old) == yaml.safe_load(new), (old, new)
    assert yaml.safe_load(header) == yaml.safe_load(front_matter(TEXT)[0])


def test_changing_the_summary_changes_only_its_line_and_the_page_stays_the_same(editor):
    open_post(editor)
    field(editor, "summary").locator("textarea").fill("What tight hamstrings tell you.")
    text = save_and_read_back(editor, editor.project, POST)
    header, body = front_matter(text)
    assert body == front_matter(TEXT)[1]
    changes = [(old, new) for old, new in changed_lines(front_matter(TEXT)[0], header)
               if yaml.safe_load(old) != yaml.safe_load(new)]
    assert changes == [(next(line for line in TEXT.splitlines() if line.startswith("summary:")),
                        "summary: What tight hamstrings tell you.")]
    build = run_pelican(editor.project, editor.project / "built")
    assert build.returncode == 0, build.log
    assert post_body(build) == post_body(editor.first_build)
    assert len(post_body(build).select(".video")) == 3  # each video form became the player
    # The admin page's policy refuses the editor's code highlighter (from unpkg.com):
    # code shows unhighlighted, and is written as it was.
    assert [error for error in editor.errors if "shiki" not in error] == []


def test_naming_a_series_adds_its_line_under_the_category_and_puts_the_post_in_it(editor):
    open_post(editor)
    before = (editor.project / POST).read_text(encoding="utf-8")
    field(editor, "series").locator("input").fill("Hip pain, explained")
    text = save_and_read_back(editor, editor.project, POST)
    header, body = front_matter(text)
    assert body == front_matter(before)[1]
    # The one line added, where a hand-written header has it (README, series).
    lines = front_matter(before)[0].splitlines()
    after_category = lines.index("category: Running") + 1
    assert header.splitlines() == [*lines[:after_category], "series: Hip pain, explained",
                                   *lines[after_category:]]
    build = run_pelican(editor.project, editor.project / "built")
    assert build.returncode == 0, build.log
    box = build.page("every-construct/").select_one(".series-box")
    assert box.h2.get_text(strip=True) == "Part 1 of 1 in Hip pain, explained"
    assert build.page("series/hip-pain-explained/").h1.get_text() == "Hip pain, explained"


LOOKS = """(selector) => {
  const element = document.querySelector(selector), style = getComputedStyle(element);
  return [style.color, style.fontFamily, style.fontSize,
          getComputedStyle(document.body).backgroundColor];
}"""


def test_the_preview_is_the_article_as_the_site_shows_it_in_light_and_dark(editor, browser):
    open_post(editor)
    preview = editor.frame_locator("iframe").first
    article = preview.locator("article.post")
    expect(article.locator("h1")).to_have_text("Hamstrings: why stretching isn't #1")
    # Every video form is the site's player (no YouTube frame), each photo keeps
    # its description, quotes and all.
    expect(article.locator(".post-body .video a.video-link")).to_have_count(3)
    expect(article.locator(".post-body iframe")).to_have_count(0)
    expect(article.locator(".post-meta .video-mark")).to_have_text("3 videos")
    expect(article.locator(".post-body img")).to_have_attribute(
        "alt", 'Glute bridge: lying on the back, "hips" lifted')
    expect(article.locator(".post-body .video-title").nth(1)).to_have_text(
        "A muscle energy technique for the glutes")
    site = editor.url.split("/admin/")[0]
    # The article at the preview's width (the type scales with the window).
    width = editor.locator("iframe").first.bounding_box()["width"]
    page = browser.new_page()
    page.set_viewport_size({"width": round(width), "height": 720})
    try:
        page.goto(f"{site}/every-construct/")
        ARTIFACTS.mkdir(exist_ok=True)
        for scheme in ("light", "dark"):
            editor.emulate_media(color_scheme=scheme)
            page.emulate_media(color_scheme=scheme)
            frame = next(frame for frame in editor.frames
                         if frame != editor.main_frame and frame.query_selector("article.post"))
            for selector in ("article.post h1", ".post-meta", ".post-body p", ".post-body h2",
                             ".post-body .video-title", ".post-meta .video-mark"):
                assert frame.evaluate(LOOKS, selector) == page.evaluate(LOOKS, selector), \
                    (scheme, selector)
            editor.screenshot(path=ARTIFACTS / f"admin-preview-{scheme}.png")
            page.screenshot(path=ARTIFACTS / f"admin-article-{scheme}.png")
    finally:
        editor.emulate_media(color_scheme="light")
        page.close()
