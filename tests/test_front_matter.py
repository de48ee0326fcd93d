"""One header format: a post's YAML front matter as the editor at /admin/
writes it (quoted strings, a list of tags, a folded summary), as the coach
writes it by hand, and Pelican's older `Key: value` header all build the same
post; the header checks read front matter as they read the older header; a
header's mistakes (and files the site would leave out) stop the build, named;
the README's table of fields is the header schema's."""

import os

import pytest

from conftest import ROOT, build_with_posts, copy_project, run_task
from plugins import header_schema as schema

KEY_VALUE = """Title: Hips don’t lie: “glutes” & <friends>
Date: 2026-11-20 09:30
Category: Running
Tags: glutes, hip flexors
Summary: Why it's "stuck": a short answer.
Status: published

The text.
"""
BY_HAND = """---
title: "Hips don’t lie: “glutes” & <friends>"
date: 2026-11-20 09:30
category: Running
tags:
- glutes
- hip flexors
summary: 'Why it''s "stuck": a short answer.'
status: published
---

The text.
"""
# What Sveltia CMS writes (its `yaml` output: double quotes where needed, the
# date as its `format` gives it, a long text folded).
BY_THE_EDITOR = """---
title: 'Hips don’t lie: “glutes” & <friends>'
date: '2026-11-20 09:30'
category: Running
tags:
  - glutes
  - hip flexors
summary: >-
  Why it's "stuck":
  a short answer.
status: published
---
The text.
"""


def shown(page):
    article = page.article
    return {"title": page.h1.get_text(strip=True),
            "date": [t["datetime"] for t in article.find_all("time")],
            "tags": [a.get_text(strip=True) for a in article.select("a[href*='tag/']")],
            "category": [a.get_text(strip=True) for a in article.select("a[href*='category/']")],
            "summary": page.find("meta", attrs={"name": "description"})["content"],
            "text": article.find("div", class_=lambda c: c and "content" in c) is not None}


def test_every_header_form_builds_the_same_post(tmp_path):
    build = build_with_posts(tmp_path, {
        "key-value.md": KEY_VALUE.replace("Status:", "Slug: key-value\nStatus:"),
        "by-hand.md": BY_HAND.replace("status:", "slug: by-hand\nstatus:"),
        "by-the-editor.md": BY_THE_EDITOR.replace("status:", "slug: by-the-editor\nstatus:")})
    pages = [shown(build.page(f"{slug}/")) for slug in ("key-value", "by-hand", "by-the-editor")]
    assert pages[0] == pages[1] == pages[2]
    assert pages[0]["title"] == "Hips don’t lie: “glutes” & <friends>"
    assert pages[0]["tags"] == ["glutes", "hip flexors"]
    assert pages[0]["category"] == ["Running"]
    assert pages[0]["date"][0].startswith("2026-11-20T09:30")
    assert pages[0]["summary"] == 'Why it\'s "stuck": a short answer.'


# One build of a copy of the project holds every mistake below, to keep the
# suite fast: {file in content/: (text or bytes, "line N" or None, what is said)}.
def by_hand(name, old, new):
    return BY_HAND.replace(old, new).replace("status:", f"slug: {name}\nstatus:")


MISTAKES = {
    "articles/british-date.md": (by_hand("british-date", "date: 2026-11-20 09:30",
                                         'date: "05/11/2026"'), 3,
                                 '"05/11/2026" has the day and the month in numbers'),
    "articles/empty-status.md": (by_hand("empty-status", "status: published", "status: ''"),
                                 10, '"Status:" is empty.'),
    "articles/misspelt.md": (by_hand("misspelt", "category: Running", "categroy: Running"), 4,
                             'The header has "categroy:", a field the site does not know.\n'
                             '  Fix: Did you mean "category:"?'),
    "articles/colon.md": (by_hand("colon", "category: Running", "category: Running: uphill"),
                          4, 'The header between the --- lines cannot be read here '
                          '("category: Running: uphill")'),
    "articles/unclosed-draft.md": (
        BY_HAND.replace("---\n\n", "\n").replace("status: published", "status: draft"), 1,
        "The header starts with --- but has no closing --- line"),
    "articles/word-dashes.md": (BY_HAND.replace("---", "—"), 1,
                                'The header\'s opening line "—" is typed with dashes'),
    "articles/notepad.md": (BY_HAND.encode("utf-16"), None,
                            'The file is saved as UTF-16 (Notepad calls it "Unicode")'),
    "articles/from-word.docx": (b"PK\x03\x04", None, "from-word.docx is a Word document"),
    "hips.md": (BY_HAND.replace("status:", "slug: in-content\nstatus:"), None,
                "hips.md is in content/, where the site reads no posts, so it is left out."),
}
NOT_UTF8_NAME = b"content/articles/caf\xe9.md"


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("header-mistakes"))
    (project / "output").mkdir()
    (project / "output" / "index.html").write_text("the last good site", encoding="utf-8")
    for name, (text, *_) in MISTAKES.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (project / "content" / name).write_bytes(data)
    with open(os.path.join(os.fsencode(project), NOT_UTF8_NAME), "wb") as latin1:
        latin1.write(by_hand("cafe", "x", "x").encode("utf-8"))
    return project, run_task(project, "build")


def test_header_mistakes_stop_the_build_without_a_traceback_or_a_published_draft(mistakes):
    project, result = mistakes
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert "UnicodeEncodeError" not in result.stdout + result.stderr
    assert (project / "output" / "index.html").read_text() == "the last good site"


@pytest.mark.parametrize("name", MISTAKES)
def test_each_header_mistake_is_named_with_its_file_and_line(mistakes, name):
    _, result = mistakes
    _, line, message = MISTAKES[name]
    where = f"content/{name}" + (f", line {line}" if line else "")
    assert f"{where}\n  {message}" in result.stderr, result.stderr


def test_a_file_name_that_is_not_utf8_is_named(mistakes):
    _, result = mistakes
    assert ('The file name "content/articles/caf\ufffd.md" has a character that is not saved '
            "as UTF-8") in result.stderr


# -- The README's table of fields is the schema's -------------------------------------


def schema_type(field):
    """The table's "Type or values" of a field: its allowed values (for the
    first kind of content, and what another kind adds), else its type."""
    first, *others = [k for k in field.used_by if field.allowed(k)] or [None]
    if first is None:
        return field.kind
    values = field.allowed(first)
    shown = ", ".join(f"`{v}`" for v in values[:-1]) + f" or `{values[-1]}`"
    for other in others:
        extra = [v for v in field.allowed(other) if v not in values]
        shown += f" ({other}s also " + ", ".join(f"`{v}`" for v in extra) + ")"
    return shown


def readme_fields():
    """{field: [for, required for, type or values, what it is]} of the README's table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Writing a post"):text.index("### Linking to other")]
    rows = [line.strip("|").split(" | ") for line in section.splitlines()
            if line.startswith("| `")]
    return {row[0].strip("` "): [cell.strip() for cell in row[1:]] for row in rows}


def test_the_readme_lists_the_header_fields_as_the_schema_has_them():
    expected = {name: [", ".join(k + "s" for k in field.used_by),
                       ", ".join(k + "s" for k in field.required_for),
                       schema_type(field), field.help]
                for name, field in schema.FIELDS.items()}
    assert readme_fields() == expected
