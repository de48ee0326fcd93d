"""`./dev new-post "Title"` starts a draft that the build keeps out of sight."""

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import run_task
from plugins.header_schema import PLACEHOLDER_SUMMARY

TITLE = "Why stretching isn't working"
POST = "content/articles/why-stretching-isn-t-working.md"


def test_new_post_writes_a_dated_draft_with_the_header_filled_in(project):
    result = run_task(project, "new-post", TITLE, "--tags", "hamstrings, stretching")
    assert result.returncode == 0, result.stderr
    text = (project / POST).read_text(encoding="utf-8")
    assert text.startswith("---\n")
    fields = yaml.safe_load(text.split("---\n")[1])
    assert fields["title"] == TITLE
    assert fields["status"] == "draft"
    assert fields["category"] == "Running"
    assert fields["tags"] == ["hamstrings", "stretching"]
    assert fields["date"][:4].isdigit() and len(fields["date"]) == len("2026-11-25 09:00")
    assert "\ntags:\n- hamstrings\n- stretching\n" in text  # the list form the README shows
    # The example the build refuses in a published post (plugins/content_checks).
    assert fields["summary"] == PLACEHOLDER_SUMMARY


def test_new_post_takes_a_category_and_shows_commented_examples_readers_never_see(project):
    run_task(project, "new-post", TITLE, "--category", "Pilates")
    text = (project / POST).read_text(encoding="utf-8")
    assert "\ncategory: Pilates\n" in text
    assert "https://www.youtube.com/watch?v=VIDEO_ID" in text
    assert "![Glute bridge: lying on your back, hips lifted](images/glute-bridge.jpg)" in text
    assert run_task(project, "build").returncode == 0
    draft = project / "output" / "drafts" / "why-stretching-isn-t-working" / "index.html"
    shown = BeautifulSoup(draft.read_text(), "html.parser").main.get_text()
    assert "Write your post here" in shown
    assert "VIDEO_ID" not in shown and "Glute bridge" not in shown
    assert "Examples to copy" not in draft.read_text()  # not even in the page's source


def test_the_next_build_shows_the_new_post_only_as_a_draft(project):
    run_task(project, "new-post", TITLE)
    # No tags given: the list form, with examples in comments.
    assert "\ntags:\n# - hamstrings\n# - stretching\nsummary: " in (project / POST).read_text()
    assert run_task(project, "build").returncode == 0
    output = project / "output"
    draft = output / "drafts" / "why-stretching-isn-t-working" / "index.html"
    assert TITLE in BeautifulSoup(draft.read_text(), "html.parser").h1.get_text()
    assert not (output / "why-stretching-isn-t-working").exists()
    for listing in ["index.html", "archives/index.html", "category/running/index.html"]:
        assert "stretching" not in (output / listing).read_text().lower(), listing
    feed = (output / "feeds" / "all.atom.xml").read_text()
    assert TITLE not in feed.replace("&#x27;", "'").replace("&#39;", "'")


def test_new_post_refuses_to_overwrite_a_post(project):
    run_task(project, "new-post", TITLE)
    (project / POST).write_text("Title: My words\n\nAlready written.\n", encoding="utf-8")
    result = run_task(project, "new-post", TITLE)
    assert result.returncode != 0
    assert "There is already a post at " + POST in result.stderr
    assert (project / POST).read_text(encoding="utf-8").endswith("Already written.\n")


@pytest.mark.parametrize("title", ["💪🏃", "!!!"])
def test_new_post_never_writes_a_hidden_or_empty_file_name(project, title):
    before = sorted((project / "content" / "articles").iterdir())
    result = run_task(project, "new-post", title)
    assert result.returncode != 0
    assert f'The title "{title}" has no letters or digits to name the file' in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert sorted((project / "content" / "articles").iterdir()) == before
