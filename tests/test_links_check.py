"""The internal link check finds what a reader would hit: missing pages,
missing #anchors, and links that escape a GitHub project-pages sub-path."""

from checks.links import broken_internal_links


def write(folder, path, html):
    file = folder / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"<!doctype html><title>t</title>{html}", encoding="utf-8")


def test_a_site_whose_links_all_resolve_passes(tmp_path):
    write(tmp_path, "index.html", '<a href="post/">post</a><a href="post/#part-2">part</a>'
          '<a href="mailto:x@example.com">mail</a><a href="https://example.org/">out</a>')
    write(tmp_path, "post/index.html", '<h2 id="part-2">Part 2</h2><a href="../">home</a>')
    assert broken_internal_links(tmp_path) == []


def test_a_link_to_a_missing_page_is_named_with_the_page_that_holds_it(tmp_path):
    write(tmp_path, "index.html", '<a href="gone/">gone</a><img src="/img/x.jpg" alt="">')
    assert broken_internal_links(tmp_path) == [
        "index.html: link 'gone/' goes to a page that does not exist",
        "index.html: link '/img/x.jpg' goes to a page that does not exist",
    ]


def test_a_link_to_a_missing_anchor_is_reported(tmp_path):
    write(tmp_path, "index.html", '<a href="post/#nowhere">x</a>')
    write(tmp_path, "post/index.html", "<p>no ids</p>")
    assert broken_internal_links(tmp_path) == [
        "index.html: link 'post/#nowhere': no element with id 'nowhere' on that page"
    ]


def test_under_a_sub_path_a_root_link_escapes_the_site(tmp_path):
    siteurl = "https://coach.github.io/site"
    write(tmp_path, "index.html",
          f'<a href="{siteurl}/post/">ok</a><a href="/post/">escapes</a>')
    write(tmp_path, "post/index.html", "<p>post</p>")
    assert broken_internal_links(tmp_path, siteurl) == [
        "index.html: link '/post/' leaves the site's path /site/"
    ]


def test_a_problem_on_a_posts_page_names_the_posts_file_too(tmp_path):
    write(tmp_path, "lost/index.html",
          '<article data-source="articles/lost.md"><img src="../images/gone.jpg" alt=""></article>')
    assert broken_internal_links(tmp_path) == [
        "lost/index.html: link '../images/gone.jpg' goes to a page that does not exist "
        "(written in content/articles/lost.md)"]
