"""The run's summary, without building a site: text shows as written, and a
post is told apart from the pages around it."""

import time

from site_tools.publish import Publication
from site_tools.summary import (
    Post,
    SiteChanges,
    duration,
    failure_lines,
    markdown_text,
    post_body,
    success_lines,
    title_of,
)

POST_PAGE = (b'<html><body><article class="post" data-pagefind-body><header>'
             b'<h1>Hips &amp; <em>glutes</em></h1></header><p>Text.</p></article>'
             b'<nav class="neighbors">Older: Calves</nav></body></html>')


def test_titles_show_as_written_not_as_markdown_or_html():
    assert markdown_text("<b>Hips</b> *now* [1]") == "&lt;b&gt;Hips&lt;/b&gt; \\*now\\* \\[1\\]"
    assert markdown_text("I can’t fire my glutes") == "I can’t fire my glutes"


def test_a_post_s_own_part_leaves_out_the_links_around_it():
    body = post_body(POST_PAGE)
    assert body.endswith(b"</article>") and b"Older" not in body
    assert title_of(body) == "Hips & glutes"
    assert post_body(b"<html><main>A list page</main></html>") is None


def test_the_success_summary_names_new_posts_and_counts_pages():
    changes = SiteChanges("abc", ["why/index.html"], [Post("Why <stretching>", "why/")],
                          page_count=31)
    lines = success_lines(Publication("published", "https://t.github.io/r", changes), 95)
    assert "- [Why &lt;stretching&gt;](https://t.github.io/r/why/)" in lines
    assert lines[-1] == "31 pages, built, checked and published in 1 min 35 s."


def test_a_failure_without_problems_shows_the_message():
    lines = failure_lines([], "git push failed", "Nothing was published.")
    assert lines[0] == "## Not published" and "git push failed" in lines


def test_durations_read_plainly():
    assert duration(42.4) == "42 s" and duration(61) == "1 min 1 s"


def test_a_run_s_summary_says_how_long_it_took_and_where_pages_deploys(monkeypatch):
    monkeypatch.setenv("RUN_STARTED", str(int(time.time()) - 38))
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "tracy/site")
    published = Publication("published", "https://t.github.io/r", SiteChanges("abc", ["a"]),
                            built_here=False)
    lines = success_lines(published, 30)
    assert lines[-3] == ("GitHub Pages deploys it next: [follow its deployment]"
                         "(https://github.com/tracy/site/deployments/github-pages); the new "
                         "version is live when it shows Active, usually within a minute or two.")
    assert lines[-2] in {f"The whole run took {s} s from its first step to the push."
                         for s in (38, 39, 40)}
    assert lines[-1] == "0 pages, checked and published in 30 s."
    unchanged = success_lines(Publication("unchanged", "https://t.github.io/r"), 4)
    assert unchanged[2].startswith("Nothing changed: every page of https://t.github.io/r is")
    assert unchanged[-1].startswith("The whole run took ")
