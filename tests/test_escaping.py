"""Titles, summaries and tags are text: markup in them is shown, never run."""

from conftest import run_pelican

HOSTILE = "</script><script>alert(1)</script> <b>Hips</b> & \"knees\" 'too'"


def test_markup_in_a_title_summary_and_tag_shows_as_text(project, tmp_path):
    (project / "content" / "articles" / "hostile.md").write_text(
        f"Title: {HOSTILE}\nSlug: hostile\nDate: 2026-01-05\nCategory: Running\n"
        f"Tags: <i>tag</i>\nSummary: {HOSTILE}\n\nBody.\n",
        encoding="utf-8",
    )
    build = run_pelican(project, tmp_path / "out")
    assert build.returncode == 0, build.log

    post = build.page("hostile/")
    assert post.h1.get_text() == HOSTILE
    assert post.title.get_text() == f"{HOSTILE} · One Body Coach"
    assert post.find("meta", attrs={"name": "description"})["content"] == HOSTILE
    assert post.select("script") == [] and post.select("main b") == []
    assert "<i>tag</i>" in [a.get_text() for a in post.select(".post-meta a")]

    card = [c for c in build.page("").select(".post-card") if "Hips" in c.get_text()][0]
    assert card.h2.get_text() == HOSTILE
    assert card.select("script, b, i") == []
