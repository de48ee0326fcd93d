"""The home page and the lists of posts, as a reader finds them: her photo,
heading and one call to action; "Start here" with the posts she features;
the latest posts as cards (the post's first photo when it has one, one
keyboard stop each); later pages that say which they are, and a pager that
keeps its places. One build of the real site with 25 more posts (three pages
of ten) serves every test here but those of the real home page."""

import pytest
from pelican.settings import read_settings
from PIL import Image
from playwright.sync_api import expect

from checks.browser import run_axe, served
from conftest import ROOT, copy_project, run_pelican

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
PHOTO_POST = "post-22/"
FEATURED = ["Post 20", "Where to begin with hip pain"]  # newest first


def numbered_post(number):
    """Post N, dated 2026-01-N, in Running, tagged hips; 20 featured, 22 with a photo."""
    featured = "featured: true\n" if number == 20 else ""
    photo = "![A glute bridge, hips lifted](images/bridge.jpg)\n\n" if number == 22 else ""
    return (f"---\ntitle: Post {number}\ndate: 2026-01-{number:02}\ncategory: Running\n"
            f"tags:\n- hips\n- glutes\n- knees\n{featured}summary: What post {number} is "
            f"about.\n---\n\n{photo}" + "Move a little every day. " * 50 + "\n")


POSTS = {f"post-{n}.md": numbered_post(n) for n in range(1, 24)}
# The older header form: its `Featured:` arrives as text, "no" included.
POSTS["begin.md"] = ("Title: Where to begin with hip pain\nDate: 2025-06-01\nCategory: Strength\n"
                     "Featured: yes\nSummary: The first post to read.\n\nText.\n")
POSTS["not-featured.md"] = ("Title: Not featured\nDate: 2025-05-01\nCategory: Strength\n"
                            "Featured: no\nSummary: Said no.\n\nText.\n")


@pytest.fixture(scope="module")
def home_site(tmp_path_factory):
    """The real site with POSTS (26 posts: 3 pages of the home page, of
    Running and of the tag hips), one photo in a post and her photo
    (AUTHOR_PHOTO), built once for this file."""
    project = copy_project(tmp_path_factory.mktemp("home"))
    images = project / "content" / "images"
    images.mkdir(parents=True, exist_ok=True)
    Image.linear_gradient("L").resize((1200, 800)).convert("RGB").save(images / "bridge.jpg")
    Image.linear_gradient("L").resize((600, 800)).convert("RGB").save(images / "tracy.jpg")
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'AUTHOR_PHOTO = ""', 'AUTHOR_PHOTO = "images/tracy.jpg"'), encoding="utf-8")
    for name, text in POSTS.items():
        (project / "content" / "articles" / name).write_text(text, encoding="utf-8")
    build = run_pelican(project, project / "output")
    assert build.returncode == 0, build.log
    return build


def card_titles(scope):
    return [card.h2.get_text(strip=True) for card in scope.select(".post-card")]


# -- The hero and "Start here" ------------------------------------------------------


def test_the_hero_shows_her_photo_heading_lead_and_one_call_to_action(site):
    main = site.page("").main
    hero = main.select_one(".hero")
    photo = hero.select_one(".hero-photo")  # her initials until AUTHOR_PHOTO is set
    assert photo["role"] == "img" and photo["aria-label"] == SETTINGS["AUTHOR"]
    assert photo.get_text() == "TS"
    assert hero.h1.get_text() == SETTINGS["HOME_HEADING"]
    assert hero.select_one(".lead").get_text() == SETTINGS["HOME_LEAD"]
    # Once on the page, not three times around one post.
    assert [a.get_text() for a in main.select(f"a[href='{SETTINGS['BOOKING_URL']}']")] == [
        "Book an online assessment"]
    assert [a.get_text() for a in main.select(f"a[href='{SETTINGS['CONTACT_URL']}']")] == [
        "Arrange a chat"]
    assert "Want help with this?" not in main.get_text()


def test_once_she_supplies_her_photo_the_hero_shows_it(home_site):
    photo = home_site.page("").select_one(".hero img.hero-photo")
    assert photo["alt"] == SETTINGS["AUTHOR"] and photo["width"] == photo["height"]
    assert (home_site.output / photo["src"]).is_file()


def test_start_here_shows_the_featured_posts_above_the_latest_and_not_twice(home_site):
    main = home_site.page("").main
    start_here, latest = main.select("section.start-here, section[aria-labelledby=latest-title]")
    assert start_here.h2.get_text() == "Start here"
    assert card_titles(start_here) == FEATURED  # `Featured: no` is not featured
    assert latest.h2.get_text() == "Latest posts"
    assert card_titles(latest) == ["“I can’t fire my glutes”", "Post 23", "Post 22", "Post 21",
                                   "Post 19", "Post 18", "Post 17", "Post 16", "Post 15"]


def test_without_a_featured_post_there_is_no_start_here(site):
    main = site.page("").main
    assert main.select(".start-here") == [] and "Start here" not in main.get_text()


# -- Cards --------------------------------------------------------------------------


def test_a_card_shows_date_reading_time_videos_and_summary(site):
    [card] = site.page("").select(".post-card")
    meta = card.select_one(".card-meta")
    assert meta.time["datetime"].startswith("2026-11-25")
    assert " ".join(meta.get_text().split()) == "25 November 2026 · 2 min read · 2 videos"
    assert card.select_one(".summary").get_text().startswith("Strengthening your glutes")
    assert card.select("picture, img") == []  # the glute post has no photo


def test_a_card_shows_the_posts_first_photo_small_lazy_and_sized(home_site):
    for path in ["", "category/running/", "tag/hips/"]:
        page = home_site.page(path)
        [card] = [c for c in page.select(".post-card") if c.select("picture")]
        assert card.h2.a["href"].endswith(PHOTO_POST), path
        source, img = card.select_one("picture.card-photo source"), card.select_one("img")
        assert source["type"] == "image/webp" and source["sizes"]
        candidates = [item.split() for item in source["srcset"].split(", ")]
        assert [width for _, width in candidates] == ["480w", "960w", "1200w"]
        assert (img["width"], img["height"]) == ("1200", "800")  # no layout shift
        assert img["loading"] == "lazy" and img["alt"] == ""  # the title says what it is
        for address in [img["src"]] + [address for address, _ in candidates]:
            assert (home_site.output / path / address).resolve().is_file(), address


def test_cards_link_their_post_only_no_tags_no_category(home_site):
    for path in ["", "index2.html", "category/running/", "tag/hips/"]:
        cards = home_site.page(path).select(".post-card")
        assert cards, path
        for card in cards:
            links = card.select("a")
            assert len(links) == 1 and links[0].parent.name == "h2", (path, str(card))
            text = card.get_text(" ", strip=True)
            assert "Tags:" not in text and " in Running" not in text, (path, text)


# -- Later pages and the pager --------------------------------------------------------


def test_later_pages_say_which_they_are(home_site):
    for path, heading in [("index2.html", "Older posts, page 2 of 3"),
                          ("index3.html", "Older posts, page 3 of 3"),
                          ("category/running/index2.html", "Posts in Running, page 2 of 3"),
                          ("tag/hips/index3.html", "Posts tagged hips, page 3 of 3")]:
        page = home_site.page(path)
        assert page.h1.get_text() == heading, path
        assert page.title.get_text() == f"{heading} · One Body Coach", path
        assert "Latest posts" not in page.main.get_text() and page.select(".hero") == []
    assert card_titles(home_site.page("index3.html").main)[-1] == "Not featured"


@pytest.mark.parametrize("first", ["index.html", "category/running/index.html"])
def test_the_pager_keeps_newer_left_page_n_of_m_between_and_older_right(home_site, first):
    folder = first.removesuffix("index.html")
    pages = [first, f"{folder}index2.html", f"{folder}index3.html"]
    for number, path in enumerate(pages, 1):
        pager = home_site.page(path).select_one("nav.pagination")
        newer, count, older = pager.find_all(recursive=False)
        assert [newer["class"], count["class"], older["class"]] == [
            ["pager-newer"], ["pager-count"], ["pager-older"]], path
        assert count.get_text() == f"Page {number} of 3"
        assert [a.get_text() for a in newer.select("a[rel=prev]")] == (
            ["Newer posts"] if number > 1 else [])
        assert [a.get_text() for a in older.select("a[rel=next]")] == (
            ["Older posts"] if number < 3 else [])
        for link, target in [(newer.a, number - 2), (older.a, number)]:
            if link is not None:
                assert (home_site.output / folder / link["href"]).resolve() == (
                    home_site.output / pages[target]).resolve()


# -- In a real Chromium --------------------------------------------------------------


@pytest.fixture(scope="module")
def home_base(home_site):
    with served(home_site.output) as address:
        yield address


# Everything in <main> that reads as a button or a link to act on: none may
# wrap or reach past the column.
ACTIONS_FIT = """() => {
  const main = document.querySelector('main'), style = getComputedStyle(main);
  const left = main.getBoundingClientRect().left + parseFloat(style.paddingLeft);
  const right = main.getBoundingClientRect().right - parseFloat(style.paddingRight);
  return [...main.querySelectorAll('.button, .hero-chat, .pagination a')].flatMap(el => {
    const box = el.getBoundingClientRect(), s = getComputedStyle(el);
    const oneLine = parseFloat(s.lineHeight) + parseFloat(s.paddingTop)
      + parseFloat(s.paddingBottom) + parseFloat(s.borderTopWidth)
      + parseFloat(s.borderBottomWidth);
    const problems = [];
    if (el.getClientRects().length > 1 || box.height > oneLine + 1)
      problems.push(`${el.textContent} wraps (${box.height}px tall)`);
    if (box.left < left - 0.5 || box.right > right + 0.5)
      problems.push(`${el.textContent} reaches ${box.left}..${box.right}, `
                    + `past the column ${left}..${right}`);
    return problems;
  });
}"""


# The pager's places, from the column's edges: Newer's left edge, Older's right
# edge, and how far the count's middle is from the column's.
PAGER_PLACES = """() => {
  const main = document.querySelector('main'), style = getComputedStyle(main);
  const left = main.getBoundingClientRect().left + parseFloat(style.paddingLeft);
  const right = main.getBoundingClientRect().right - parseFloat(style.paddingRight);
  const box = selector => document.querySelector(selector)?.getBoundingClientRect();
  const newer = box('.pager-newer a'), older = box('.pager-older a'), count = box('.pager-count');
  return {newer: newer ? Math.round(newer.left - left) : null,
          older: older ? Math.round(right - older.right) : null,
          count: Math.round((count.left + count.right) / 2 - (left + right) / 2)};
}"""


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_no_button_wraps_and_nothing_scrolls_sideways(home_base, browser_page, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 700})
    places = {}
    for path in ["", "index2.html", "index3.html", "category/running/index2.html"]:
        page.goto(f"{home_base}/{path}")
        expect(page.locator("nav.pagination")).to_be_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{path or 'home'} scrolls sideways by {overflow}px at {width}px"
        assert page.evaluate(ACTIONS_FIT) == [], (path, width)
        places[path] = page.evaluate(PAGER_PLACES)
    # Newer at the left edge, Older at the right, the count in the middle, on every page.
    assert places == {"": {"newer": None, "older": 0, "count": 0},
                      "index2.html": {"newer": 0, "older": 0, "count": 0},
                      "index3.html": {"newer": 0, "older": None, "count": 0},
                      "category/running/index2.html": {"newer": 0, "older": 0, "count": 0}}


# Tab from the top until the focus leaves <main>: every stop, and those in <main>.
# Before the hero, 19 stops led there (11 in <main>: the intro's two buttons,
# the card's 7 links, the box under it with the same two buttons again).
TAB_STOPS_BEFORE = 19


def tab_stops_through_main(page):
    stops = []
    while len(stops) < 60:
        page.keyboard.press("Tab")
        where = page.evaluate("""() => { const e = document.activeElement;
          return e === document.body ? null
            : {href: e.getAttribute('href'), inMain: !!e.closest('main')}; }""")
        if where is None or (stops and stops[-1]["inMain"] and not where["inMain"]):
            return stops
        stops.append(where)
    return stops


def test_tabbing_through_the_home_page_takes_11_stops_none_twice_in_main(site, browser_page):
    """The real home page on a phone: the skip link, the header (7), then in
    <main> the call to action (2) and the one card (1): 11 stops, not 19."""
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    with served(site.output) as base:
        page.goto(f"{base}/")
        expect(page.locator(".hero h1")).to_be_visible()
        stops = tab_stops_through_main(page)
    in_main = [stop["href"] for stop in stops if stop["inMain"]]
    assert len(stops) <= 11 < TAB_STOPS_BEFORE, stops
    assert len(in_main) <= 3 and len(set(in_main)) == len(in_main), in_main


# Where the photo card, its photo and the card after it sit in the page.
PLACES = """() => ['.has-photo', '.card-photo img', '.has-photo + .post-card'].map(selector => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return [box.left, box.top + scrollY, box.width, box.height];
})"""


def test_a_card_photo_arriving_moves_nothing(home_base, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    photo = page.locator(".card-photo img")
    page.route("**/images/**", lambda route: route.abort())  # the photo never arrives
    page.goto(f"{home_base}/")
    expect(photo).to_have_js_property("complete", True)  # given up
    assert photo.evaluate("img => img.naturalWidth") == 0
    without = page.evaluate(PLACES)
    page.unroute("**/images/**")
    page.goto(f"{home_base}/")
    photo.scroll_into_view_if_needed()
    expect(photo).to_have_js_property("complete", True)
    assert photo.evaluate("img => img.naturalWidth") > 0
    assert page.evaluate(PLACES) == without


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_home_pages_pass_axe_in_both_schemes(home_base, browser_page, scheme):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.emulate_media(color_scheme=scheme)
    for path in ["", "category/running/index3.html"]:
        page.goto(f"{home_base}/{path}")
        expect(page.locator("main h1")).to_be_visible()
        violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in run_axe(page)]
        assert violations == [], (path, scheme)
