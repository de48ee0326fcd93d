"""What counts as a placeholder, without building a site: addresses at the
domains kept for examples, and posts' placeholders only where they would be
published (not in drafts, not in HTML comments)."""

import datetime
import re

import pytest

from site_tools.address import is_placeholder
from site_tools.new_post import new_post_text
from site_tools.placeholders import find_placeholders

REAL = {"SITEURL": "https://tracy.github.io/onebodycoach",
        "BOOKING_URL": "https://onebody-fixture.uk/book/",
        "CONTACT_URL": "mailto:hello@onebody-fixture.uk?subject=A%20chat",
        "ADMIN_REPO": "tracy/onebodycoach", "ADMIN_EDITOR_REQUIRED": True,
        "ADMIN_EDITOR_FILE": None, "PATH": "content", "ARTICLE_PATHS": ["articles"],
        "PAGE_PATHS": ["pages"]}


@pytest.mark.parametrize("address", [
    "mailto:bookings@example.com?subject=Online%20assessment", "mailto:Hello@Example.ORG",
    "https://example.com/book", "https://www.example.net/", "https://onebodycoach.example",
    "https://coach.test/x", "http://localhost:8000", "https://site.invalid"])
def test_addresses_at_example_domains_are_placeholders(address):
    assert is_placeholder(address)


@pytest.mark.parametrize("address", [
    "mailto:hello@onebody-fixture.uk", "https://calendly.com/coach/assessment",
    "https://notexample.com/", "https://example.co.uk/", "https://tracy.github.io/site", ""])
def test_real_addresses_are_not(address):
    assert not is_placeholder(address)


def write(root, name, text):
    path = root / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def found(root, **settings):
    return [(p.get("file"), p.get("line"), p["what"])
            for p in find_placeholders(root, {**REAL, **settings})]


def test_real_settings_and_posts_have_none(tmp_path):
    write(tmp_path, "articles/real.md", "Title: Real\nDate: 2026-11-02\n\n"
          "[My video](https://youtu.be/aBcDeFgHiJk)\n")
    assert found(tmp_path) == []


def test_settings_name_their_file_and_line(tmp_path):
    (tmp_path / "pelicanconf.py").write_text(
        '"""Settings."""\nBOOKING_URL = "mailto:bookings@example.com"\n'
        'CONTACT_URL = "https://example.org/contact"\nADMIN_REPO = "OWNER/REPO"\n')
    (tmp_path / "publishconf.py").write_text('PUBLIC_REPO = "OWNER/REPO"\n')

    assert [(file, line) for file, line, _ in found(
        tmp_path, BOOKING_URL="mailto:bookings@example.com",
        CONTACT_URL="https://example.org/contact", ADMIN_REPO="OWNER/REPO",
        SITEURL="https://onebody.example")] == [
        (None, None),  # from the environment: no file has it
        ("pelicanconf.py", 2), ("pelicanconf.py", 3),
        ("publishconf.py", 1)]  # publishconf.py first: where production's comes from


def test_the_editor_s_repository_counts_only_when_the_editor_is_shipped(tmp_path):
    assert found(tmp_path, ADMIN_REPO="OWNER/REPO", ADMIN_EDITOR_REQUIRED=False) == []
    editor = tmp_path / "node_modules/@sveltia/cms/dist/sveltia-cms.js"
    editor.parent.mkdir(parents=True)
    editor.write_text("// the editor")
    [(_, _, what)] = found(tmp_path, ADMIN_REPO="OWNER/REPO", ADMIN_EDITOR_REQUIRED=False)
    assert "OWNER/REPO" in what


TEMPLATE_POST = new_post_text("Hips", "Running", "", datetime.datetime(2026, 11, 2))


def test_a_published_post_made_from_the_template_names_each_placeholder(tmp_path):
    post = (re.sub("^status: draft$", "status: published", TEMPLATE_POST, flags=re.M)
            + "\n[My video](https://www.youtube.com/watch?v=PLACEHOLDR1)\n")
    write(tmp_path, "articles/hips.md", post)
    lines = post.splitlines()

    assert found(tmp_path) == [
        ("content/articles/hips.md", lines.index(
            "summary: One or two sentences for the home page and search results.") + 1,
         "The summary is still the new post's example: “One or two sentences for the "
         "home page and search results.”"),
        ("content/articles/hips.md", lines.index(
            "Write your post here. When it is ready, write its summary above (the") + 1,
         "The new post's instruction is still there: “Write your post here. When it "
         "is ready, write its summary above (the build refuses the example in a "
         "published post), then change `status: draft` to `status: published`.”"),
        ("content/articles/hips.md", len(lines),
         "The video https://www.youtube.com/watch?v=PLACEHOLDR1 is a placeholder.")]


@pytest.mark.parametrize("name, text", [
    ("articles/later.md", "Title: Later\nDate: 2099-01-01\n\nhttps://youtu.be/PLACEHOLDR1\n"),
    ("articles/later.md", "---\ntitle: Later\ndate: 2099-01-01\nstatus: published\n---\n\n"
                          "https://youtu.be/PLACEHOLDR1\n"),
    ("pages/about.md", "Title: About\nStatus: hidden\n\nhttps://youtu.be/PLACEHOLDR1\n"),
    ("articles/moving.rst", "Moving\n######\n\n:date: 2026-11-02\n\n"
                            ".. youtube:: PLACEHOLDR1\n"),
    ("articles/moving.html", '<html><head><title>Moving</title>\n'
                             '<meta name="date" content="2026-11-02">\n</head><body>\n'
                             '<p>Watch it:</p>\nhttps://youtu.be/PLACEHOLDR1\n'),
], ids=["scheduled", "published, in YAML", "a hidden page", "reStructuredText", "HTML"])
def test_scheduled_hidden_and_rest_posts_count(tmp_path, name, text):
    write(tmp_path, name, text)
    [(file, line, what)] = found(tmp_path)
    assert file == f"content/{name}" and "PLACEHOLDR1" in what
    assert text.splitlines()[line - 1].endswith("PLACEHOLDR1")


@pytest.mark.parametrize("text", [
    TEMPLATE_POST + "\nhttps://youtu.be/PLACEHOLDR1\n",  # a draft, in YAML
    "Title: Soon\nDate: 2026-11-02\nStatus: Draft\n\nhttps://youtu.be/PLACEHOLDR1\n",
    "Title: Note\nDate: 2026-11-02\n\nText.\n\n<!--\nhttps://youtu.be/PLACEHOLDR1\n-->\n",
    '<html><head><title>Soon</title><meta name="status" content="draft"></head>\n'
    '<body>https://youtu.be/PLACEHOLDR1</body></html>\n',
], ids=["a draft from the template", "a draft, Key: value header", "in a comment",
        "a draft in HTML"])
def test_drafts_and_comments_do_not_count(tmp_path, text):
    write(tmp_path, "articles/soon.html" if text.startswith("<html") else "articles/soon.md",
          text)
    assert found(tmp_path) == []
