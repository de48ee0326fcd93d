"""One header format: a post's YAML front matter as the editor at /admin/
writes it (quoted strings, a list of tags, a folded summary), as the coach
writes it by hand, and Pelican's older `Key: value` header all build the same
post; the header checks read front matter as they read the older header."""

import pytest

from conftest import build_with_posts, run_task

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


@pytest.mark.parametrize("mistake, message", [
    ('date: "05/11/2026"', '"05/11/2026" has the day and the month in numbers'),
    ("status: ''", '"Status:" is empty.'),
    ("categroy: Running", 'The line "categroy: Running" is read as a header field "categroy"'),
    ("category: Running: uphill", 'cannot be read here ("category: Running: uphill")'),
])
def test_front_matter_gets_the_same_header_checks(project, mistake, message):
    post = BY_HAND.replace("date: 2026-11-20 09:30", mistake) if "date" in mistake \
        else BY_HAND.replace("status: published", mistake) if "status" in mistake \
        else BY_HAND.replace("category: Running", mistake)
    (project / "content" / "articles" / "hips.md").write_text(post, encoding="utf-8")
    result = run_task(project, "build")
    assert result.returncode != 0
    assert "content/articles/hips.md, line " in result.stderr + result.stdout
    assert message in result.stderr + result.stdout
