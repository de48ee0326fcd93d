"""Readers find the post that answers their problem: Pagefind's index holds
published posts only, and the Search page finds, filters and says when
nothing matches, in a real Chromium. Each result reads as the post's title,
date, summary and tags, in the theme's colours in both schemes."""


import re

import pytest
from playwright.sync_api import expect

from checks.browser import run_axe
from conftest import build_with_posts, indexed_pages

# A post with no Summary: its result shows its first words, cut at a whole word.
LONG_BODY = " ".join(["Glute bridges done slowly teach the hips to share the work."] * 12)

MORE_POSTS = {
    "yoga-glutes.md": "Title: Yoga for lazy glutes\nDate: 2026-10-01\nCategory: Yoga\n"
                      "Tags: glutes\n\nThree yoga poses that wake up your glutes.\n",
    "calves.md": "Title: Tight calves\nDate: 2026-09-01\nCategory: Running\nTags: calves\n\n"
                 "Runners with tight calves should stretch less and release more.\n",
    "draft.md": "Title: Secret zebrafish draft\nDate: 2026-11-01\nCategory: Running\n"
                "Status: draft\n\nThe zebrafish glutes technique is not ready.\n",
    "bridges.md": "Title: Slow glute bridges\nDate: 2026-08-01\nCategory: Strength\n"
                  f"Tags: glutes, hips\n\n{LONG_BODY}\n",
}


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    return build_with_posts(tmp_path_factory.mktemp("search"), MORE_POSTS)


def test_the_index_holds_published_posts_only(search_site):
    assert indexed_pages(search_site.output) == {
        "/cant-fire-my-glutes/", "/yoga-for-lazy-glutes/", "/tight-calves/",
        "/slow-glute-bridges/"}


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
    assert results(search_page).count() == 3  # the yoga and bridges posts; never the draft
    first = search_page.locator(".search-results li").first
    assert first.locator(".post-meta").inner_text() == "25 November 2026"
    assert "glutes" in first.locator("mark").first.inner_text().lower()
    expect(search_page.get_by_text("Search needs JavaScript")).to_be_hidden()
    assert search_page.errors == []


def test_a_category_filter_narrows_the_results(search_page):
    search_page.get_by_label("Search posts and videos").fill("glutes")
    search_page.keyboard.press("Enter")
    search_page.get_by_role("status").filter(has_text="3 posts found").wait_for()
    search_page.get_by_label("Category").select_option("Yoga")
    search_page.get_by_role("status").filter(has_text="1 post found").wait_for()
    assert results(search_page).all_inner_texts() == ["Yoga for lazy glutes"]


def search_for(page, query):
    page.get_by_label("Search posts and videos").fill(query)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("found")


# What a result says under its title and date: the rest of its text.
RESULT_TEXTS = """[...document.querySelectorAll(".search-results > li")].map(li => ({
  title: li.querySelector("h2").innerText,
  rest: [...li.children].filter(c => c.tagName !== "H2" && !c.matches(".post-meta"))
                        .map(c => c.innerText).join(" ")}))"""
META_LINE = re.compile(
    r"\d{1,2} \w+ \d{4}|min read|\bvideos?\b|\bin (Running|Yoga|Strength)\b|Tags:")


def test_a_result_shows_the_posts_summary_never_its_title_or_meta_line(search_page):
    search_for(search_page, "glutes")
    shown = {r["title"]: r["rest"] for r in search_page.evaluate(RESULT_TEXTS)}
    assert len(shown) == 3
    for title, text in shown.items():
        assert not META_LINE.search(text), f"{title}: {text}"
        assert title.strip("“”") not in text, f"{title}: {text}"
    glutes = shown["“I can’t fire my glutes”"]
    assert glutes.startswith("Strengthening your glutes for months and they still won’t fire?")
    assert "Three yoga poses that wake up your glutes." in shown["Yoga for lazy glutes"]
    # No Summary: the first words, whole, and a clean end.
    bridges = search_page.locator(".search-results li", has_text="Slow glute bridges")
    summary = bridges.locator(".search-summary").inner_text()
    assert summary.endswith("…") and LONG_BODY.startswith(summary.rstrip(" …"))
    assert bridges.locator("mark").all_inner_texts() != []


def test_each_result_shows_its_tags(search_page):
    search_for(search_page, "glutes")
    tags = {item.locator("h2").inner_text(): item.get_by_role("list", name="Tags")
            .get_by_role("listitem").all_inner_texts()
            for item in search_page.locator(".search-results > li").all()}
    assert tags == {
        "“I can’t fire my glutes”": ["glutes", "hamstrings", "strength",
                                     "muscle energy technique", "self massage"],
        "Yoga for lazy glutes": ["glutes"],
        "Slow glute bridges": ["glutes", "hips"],
    }


COLOURS = """() => {
  const css = (el, p) => getComputedStyle(el).getPropertyValue(p);
  const probe = document.createElement("span");
  probe.style.color = "var(--color-accent)"; document.body.append(probe);
  const accent = css(probe, "color"); probe.remove();
  const [category, tag] = document.querySelectorAll(".search-filters select");
  const input = document.getElementById("search-query");
  const button = document.querySelector(".search-row button");
  const mark = document.querySelector(".search-results mark");
  return {accent, input: css(input, "font-size"), button: css(button, "font-size"),
          buttonHeight: button.offsetHeight, inputHeight: input.offsetHeight,
          selects: [category.offsetWidth === tag.offsetWidth, css(category, "appearance")],
          mark: css(mark, "background-color"), markText: css(mark, "color"),
          text: css(document.body, "color")};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_form_and_highlights_wear_the_themes_colours(search_page, scheme):
    page = search_page
    page.emulate_media(color_scheme=scheme)
    search_for(page, "glutes")
    page.get_by_label("Search posts and videos").focus()
    seen = page.evaluate(COLOURS)
    assert seen["button"] == seen["input"]  # not the browser's 13 px button
    assert seen["buttonHeight"] == seen["inputHeight"]
    assert seen["selects"] == [True, "none"]  # equal, no square browser drop-downs
    assert seen["mark"] not in {"rgb(255, 255, 0)", "rgba(0, 0, 0, 0)"}  # not the glaring yellow
    assert seen["markText"] == seen["text"]
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert focused == seen["accent"]  # the theme's focus colour, not the rust of errors
    assert [v["id"] for v in run_axe(page)] == []  # the mark's contrast included


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
