"""Readers find the post that answers their problem: Pagefind's index holds
published posts only, and the Search page finds, filters and says when
nothing matches, in a real Chromium."""


import pytest

from conftest import build_with_posts, indexed_pages

MORE_POSTS = {
    "yoga-glutes.md": "Title: Yoga for lazy glutes\nDate: 2026-10-01\nCategory: Yoga\n"
                      "Tags: glutes\n\nThree yoga poses that wake up your glutes.\n",
    "calves.md": "Title: Tight calves\nDate: 2026-09-01\nCategory: Running\nTags: calves\n\n"
                 "Runners with tight calves should stretch less and release more.\n",
    "draft.md": "Title: Secret zebrafish draft\nDate: 2026-11-01\nCategory: Running\n"
                "Status: draft\n\nThe zebrafish glutes technique is not ready.\n",
}


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    return build_with_posts(tmp_path_factory.mktemp("search"), MORE_POSTS)


def test_the_index_holds_published_posts_only(search_site):
    assert indexed_pages(search_site.output) == {
        "/cant-fire-my-glutes/", "/yoga-for-lazy-glutes/", "/tight-calves/"}


def test_only_the_search_page_loads_the_search_script(search_site):
    for path in ["", "cant-fire-my-glutes/", "about/"]:
        scripts = [s.get("src", "") for s in search_site.page(path).select("script[src]")]
        assert not any("search" in src or "pagefind" in src for src in scripts), path
    [script] = search_site.page("search/").select("script[src]")
    assert script["src"] == "../theme/js/search.js" and script.has_attr("defer")


@pytest.fixture
def search_page(search_site, serve, browser_page):
    page = browser_page
    page.goto(serve(search_site.output) + "/search/")
    return page


def results(page):
    return page.locator(".search-results h2")


def test_typing_glutes_finds_the_glute_post_first(search_page):
    search_page.get_by_label("Search posts and videos").fill("glutes")
    search_page.keyboard.press("Enter")
    search_page.get_by_role("status").filter(has_text="found").wait_for()
    assert results(search_page).first.inner_text() == "“I can’t fire my glutes”"
    assert results(search_page).count() == 2  # and the yoga post; never the draft
    first = search_page.locator(".search-results li").first
    assert first.locator(".post-meta").inner_text() == "25 November 2026"
    assert "glutes" in first.locator("mark").first.inner_text().lower()
    assert search_page.errors == []


def test_a_category_filter_narrows_the_results(search_page):
    search_page.get_by_label("Search posts and videos").fill("glutes")
    search_page.keyboard.press("Enter")
    search_page.get_by_role("status").filter(has_text="2 posts found").wait_for()
    search_page.get_by_label("Category").select_option("Yoga")
    search_page.get_by_role("status").filter(has_text="1 post found").wait_for()
    assert results(search_page).all_inner_texts() == ["Yoga for lazy glutes"]


def test_a_nonsense_query_says_nothing_was_found(search_page):
    search_page.get_by_label("Search posts and videos").fill("xqzvbnm")
    search_page.keyboard.press("Enter")
    status = search_page.get_by_role("status")
    status.filter(has_text="No posts found").wait_for()
    assert status.inner_text().startswith("No posts found for “xqzvbnm”.")
    assert results(search_page).count() == 0


def test_a_search_address_can_be_shared(search_site, serve, browser_page):
    browser_page.goto(serve(search_site.output) + "/search/?q=calves")
    browser_page.get_by_role("status").filter(has_text="found").wait_for()
    assert results(browser_page).all_inner_texts() == ["Tight calves"]


def test_without_javascript_the_page_says_so_and_offers_the_archives(search_site):
    message = search_site.page("search/").select_one(".search-no-script")
    assert "needs JavaScript" in message.get_text()
    assert [a["href"] for a in message.select("a")] == ["../archives/", "../categories/"]


def test_a_site_with_no_published_post_indexes_no_page(project, tmp_path):
    from conftest import run_pelican

    (project / "content" / "articles" / "cant-fire-my-glutes.md").unlink()
    build = run_pelican(project, tmp_path / "out")
    assert build.returncode == 0, build.log
    assert not (build.output / "pagefind").exists()
