"""Series: a name with no letter or digit gets a message, not a silent page
at /series//. Built in-process from a two-post site."""

import logging

from plugins.in_process import build_in_process
from plugins.page_meta import page_meta

from . import series

POST = "---\ntitle: {title}\ndate: 2026-10-0{day}\ncategory: Running\nseries: {name}\n---\n\nHi.\n"


def test_a_series_name_with_no_letter_or_digit_is_named_with_its_file_and_line(
        tmp_path, caplog):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for day, (title, name) in enumerate([("Arms", "💪"), ("Legs", "🦵")], start=1):
        (content / "articles" / f"{title.lower()}.md").write_text(
            POST.format(title=title, day=day, name=name), encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="plugins.problems"):
        build_in_process(content, tmp_path / "output", [series, page_meta], SEARCH_INDEX=False)
    problems = sorted((r.problem.file, r.problem.line, r.problem.what)
                      for r in caplog.records if hasattr(r, "problem"))
    assert [(file, line) for file, line, _ in problems] == [
        ("content/articles/arms.md", 5), ("content/articles/legs.md", 5)]
    assert "“💪” has no letter or digit" in problems[0][2]
