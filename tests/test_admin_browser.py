"""In real Chromium, the coach writes in the editor at /admin/ (Sveltia CMS)
with no GitHub: its local-repository mode over a copy of the project, handed
to it as an origin-private (OPFS) folder when it asks the browser for one
(`showDirectoryPicker`). Through the editor's own fields and buttons she
writes a post with a video and a photo and edits an existing one; the files
it saved are read back from the browser and built with Pelican.

There is no internet here: the few outside addresses the editor asks for
(its interface fonts, its "new version?" and GitHub-status look-ups) get
empty stand-ins, and the test checks that the admin page's own policy allows
each of them and that nothing else was asked for."""

import re

import pytest
import yaml
from playwright.sync_api import expect

from admin_editor import (
    built_copy,
    editor_tab,
    field,
    front_matter,
    insert,
    require_editor,
    save_and_read_back,
    with_local_project,
)
from conftest import run_pelican

PHOTO_SIZE = (1200, 800)
NEW_POST = "content/articles/glute-bridges-for-runners.md"
GLUTE_POST = "content/articles/cant-fire-my-glutes.md"
VIDEO = "https://youtu.be/dQw4w9WgXcQ"
ALT = "Glute bridge: lying on the back, hips lifted"
PARAGRAPH = "Lie on your back with your knees bent."


@pytest.fixture(scope="module")
def editor(browser, tmp_path_factory):
    """The admin page of a built copy of the project, in one tab for the module."""
    from checks.browser import served

    require_editor()
    project, build = built_copy(tmp_path_factory.mktemp("admin"))
    with served(project / "output") as site, editor_tab(browser, site) as page:
        with_local_project(page, project)
        page.project, page.first_build = project, build
        page.goto(f"{site}/admin/", wait_until="networkidle")
        yield page


def test_the_admin_page_shows_its_sign_in_screen_without_console_errors(editor):
    expect(editor.get_by_role("button", name="Work with Local Repository")).to_be_visible()
    expect(editor.get_by_role("button", name="Sign In Using Access Token")).to_be_visible()
    assert editor.locator('meta[name="robots"]').first.get_attribute("content") == \
        "noindex, nofollow"
    assert editor.errors == []
    # Before she signs in to GitHub it asks no other host (tests/test_admin_offline.py
    # proves the same with every outside request refused).
    assert editor.outside == []


def test_writing_a_post_with_a_video_and_a_photo_builds_it(editor, tmp_path):
    from PIL import Image

    editor.get_by_role("button", name="Work with Local Repository").click()
    editor.get_by_role("button", name="Create New Entry").click()
    field(editor, "title").locator("input").fill("Glute bridges for runners")
    field(editor, "date").locator("input").fill("2026-11-20T09:30")
    field(editor, "category").locator("input").fill("Strength")
    field(editor, "tags").locator("input").fill("glutes")
    field(editor, "tags").locator("button", has_text="Add").click()
    field(editor, "tags").locator("input").nth(1).fill("hip flexors")
    field(editor, "summary").locator("textarea").fill('Two minutes a day: "lift" & hold.')
    editor.get_by_role("radio", name="Published").click()
    # The text opens as Markdown; its rich editor has the Insert menu.
    field(editor, "body").get_by_role("button", name="Edit in Markdown").click()
    field(editor, "body").locator("[contenteditable=true]").click()
    editor.keyboard.type(PARAGRAPH)
    editor.keyboard.press("Enter")
    insert(editor, "Video")
    field(editor, "body").locator("[role=group] input").fill(VIDEO)
    insert(editor, "Photo")
    Image.new("RGB", PHOTO_SIZE, (200, 120, 80)).save(tmp_path / "bridge.jpg", quality=80)
    field(editor, "body").get_by_role("button", name="Browse").click()
    editor.locator("[role=dialog] input[type=file]").set_input_files(tmp_path / "bridge.jpg")
    picker = editor.locator("[role=dialog]")
    picker.get_by_text("bridge.jpg").wait_for()
    picker.get_by_role("button", name="Insert").click()
    picker.wait_for(state="hidden")
    field(editor, "body").locator("img").first.wait_for()
    field(editor, "body").locator("input[type=text]").last.fill(ALT)
    project = editor.project
    text = save_and_read_back(editor, project, NEW_POST, also=["content/images/bridge.jpg"])

    header, body = front_matter(text)
    # Written as a hand-written post is: the date as the handbook gives it, a list of tags.
    assert yaml.safe_load(header) == {
        "title": "Glute bridges for runners", "date": "2026-11-20 09:30",
        "category": "Strength", "tags": ["glutes", "hip flexors"],
        "summary": 'Two minutes a day: "lift" & hold.', "status": "published"}
    assert body.startswith(f"\n{PARAGRAPH}\n\n{VIDEO}\n\n"), body
    assert (project / "content" / "images" / "bridge.jpg").exists(), text
    build = run_pelican(project, project / "built")
    assert build.returncode == 0, build.log
    page = build.page("glute-bridges-for-runners/")
    assert page.h1.get_text(strip=True) == "Glute bridges for runners"
    assert page.select_one(".post-body p").get_text() == PARAGRAPH
    assert [a.get_text(strip=True) for a in page.article.select("a[href*='tag/']")][-2:] == \
        ["glutes", "hip flexors"]
    assert page.select_one("a.video-link")["href"].startswith("https://www.youtube")
    photo = page.article.find("picture")
    assert photo.img["alt"] == ALT
    assert "bridge-480w.webp 480w" in photo.source["srcset"]
    # The preview beside the fields is styled by the site's own stylesheet.
    assert ("/theme/css/main.css", 200) in editor.responses
    assert editor.errors == []


def test_editing_a_post_changes_nothing_else_in_its_header(editor):
    project = editor.project
    before_header, _ = front_matter((project / GLUTE_POST).read_text(encoding="utf-8"))
    editor.get_by_text("“I can’t fire my glutes”").first.click()
    expect(field(editor, "title").locator("input")).to_have_value(
        yaml.safe_load(before_header)["title"])  # its entry is open before she types
    field(editor, "summary").locator("textarea").fill("Why glutes stop firing, and two releases.")
    header, _ = front_matter(save_and_read_back(editor, project, GLUTE_POST))

    changed = [(old, new) for old, new in zip(before_header.splitlines(), header.splitlines(),
                                              strict=True) if old != new]
    assert changed == [(next(line for line in before_header.splitlines()
                             if line.startswith("summary:")),
                        "summary: Why glutes stop firing, and two releases.")]
    # The editor writes Markdown its own way (*italic* as _italic_): readers see the same text.
    build = run_pelican(project, project / "built-again")
    assert build.returncode == 0, build.log
    before, after = (built.page("cant-fire-my-glutes/").select_one(".post-body")
                     for built in (editor.first_build, build))
    assert before == after
    assert editor.errors == []


def test_editing_a_page_changes_nothing_else_in_its_header(editor):
    project = editor.project
    about = "content/pages/about.md"
    before_header, _ = front_matter((project / about).read_text(encoding="utf-8"))
    editor.evaluate("location.hash = '#/collections/pages/entries/about'")
    # The About entry is open (not still the entry before it) before she types.
    expect(field(editor, "title").locator("input")).to_have_value(
        yaml.safe_load(before_header)["title"])
    field(editor, "summary").locator("textarea").fill("Tracy Swindell, movement coach.")
    header, _ = front_matter(save_and_read_back(editor, project, about))

    changed = [(old, new) for old, new in zip(before_header.splitlines(), header.splitlines(),
                                              strict=True) if old != new]
    assert changed == [(next(line for line in before_header.splitlines()
                             if line.startswith("summary:")),
                        "summary: Tracy Swindell, movement coach.")]
    build = run_pelican(project, project / "built-pages")
    assert build.returncode == 0, build.log
    assert [a.get_text(strip=True) for a in build.page("").select("nav a")] == \
        [a.get_text(strip=True) for a in editor.first_build.page("").select("nav a")]
    assert editor.errors == []


def test_an_address_with_capitals_or_a_video_it_cannot_play_is_refused_before_saving(editor):
    editor.evaluate("location.hash = '#/collections/posts/new'")
    field(editor, "title").locator("input").fill("My new post")
    field(editor, "summary").locator("textarea").fill("A summary.")
    field(editor, "slug").locator("input").fill("My New Address")
    field(editor, "body").get_by_role("button", name="Edit in Markdown").click()
    field(editor, "body").locator("[contenteditable=true]").click()
    insert(editor, "Video")
    field(editor, "body").locator("[role=group] input").fill("https://youtu.be/dQw4w9WgXc")
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.get_by_text("2 fields have errors")).to_be_visible()
    expect(field(editor, "slug")).to_contain_text(
        "Lower-case words joined by hyphens (my-new-post), or leave it empty.")
    expect(field(editor, "body")).to_contain_text(
        "A video address the site cannot play")
    expect(editor).to_have_url(re.compile("#/collections/posts/new$"))  # still unsaved
