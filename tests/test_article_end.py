"""The head and the end of a post, as a reader finds them: one short meta
line; at the end, in this order, the author box, one call to action, a
share row, the series box (else older/newer) and related posts that repeat
neither; share links whose addresses carry any title safely; a series'
"Part 2 of 4" box and page; and, in a real Chromium, the Share button only
where the browser has one, Copy link copying, the meta line in at most two
lines at 375 px and nothing wider than a 320 px phone."""

from urllib.parse import parse_qs, urlsplit

import pytest
from pelican.settings import read_settings
from playwright.sync_api import expect

from conftest import ROOT, build_with_posts

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
SERIES = "Hip pain, explained"
# A title holding everything an address must encode.
HOSTILE = """Hips & "knees" <b>'too'</b> #1?"""
SECTIONS = "\n\n".join(f"## Step {n}\n\n" + "Breathe and move. " * 60 for n in range(1, 4))


def post(title, slug, date, tags, series=None, extra=""):
    header = f"---\ntitle: '{title}'\nslug: {slug}\ndate: {date}\ncategory: Running\n"
    header += "tags:\n" + "".join(f"  - {tag}\n" for tag in tags)
    if series:
        header += f"series: {series}\n"
    return header + extra + "---\n\nWords about it.\n"


# Files named against their order: the series is ordered by date, not by name.
POSTS = {
    "ankles.md": post("Ankles", "ankles", "2026-01-10", ["calves"]),
    "calves.md": post("Calves", "calves", "2026-02-01", ["calves"]),
    "feet.md": post("Feet", "feet", "2026-02-15", ["calves"]).replace(
        "Words about it.", "Read [the calves post]({filename}calves.md) first."),
    "z-hips-1.md": post("Why hips hurt", "hips-1", "2026-03-01", ["hips"], SERIES),
    "a-hips-2.md": post(HOSTILE.replace("'", "''"), "hips-2", "2026-03-08", ["hips"], SERIES,
                        "modified: 2026-09-30\n"),
    "m-hips-3.md": post("Hips and the foot", "hips-3", "2026-03-15", ["hips"], SERIES),
    "b-hips-4.md": post("Hips for good", "hips-4", "2026-03-22", ["hips"], SERIES),
}
# A long meta line: a long date, "updated", minutes and videos.
POSTS["a-hips-2.md"] = POSTS["a-hips-2.md"].replace(
    "Words about it.\n", SECTIONS + "\n\nhttps://youtu.be/abcdefghij1\n\nhttps://youtu.be/abcdefghij2\n")


@pytest.fixture(scope="module")
def end_site(tmp_path_factory):
    return build_with_posts(tmp_path_factory.mktemp("article-end"), POSTS)


def end_blocks(page):
    return [block["class"][0] for block in page.select(".post-end > *")]


def titles(links):
    return [a.get_text(" ", strip=True) for a in links]


def test_a_post_ends_with_author_call_to_action_share_way_on_and_related_in_order(end_site):
    assert end_blocks(end_site.page("feet/")) == [
        "author-box", "cta", "share", "neighbors", "related"]
    assert end_blocks(end_site.page("hips-2/")) == ["author-box", "cta", "share", "series-box"]
    box = end_site.page("feet/").select_one(".author-box")
    assert box.select_one(".author-photo") and box.find("a", href="../about/")


@pytest.mark.parametrize("path", ["feet/", "hips-2/", "cant-fire-my-glutes/"])
def test_the_booking_link_appears_once_in_a_post(end_site, path):
    # What the theme adds around the post; the coach's own words (the glute
    # post ends with her own "book in for an online assessment") are hers.
    main = end_site.page(path).main
    booking = [a for a in main.select("a[href]")
               if a["href"] in (SETTINGS["BOOKING_URL"], "../online-assessment/")
               and not a.find_parent(class_="post-body")]
    assert len(booking) == 1 and booking[0].find_parent(class_="cta"), path
    assert len(main.select(".cta")) == 1


def test_related_posts_leave_out_the_older_and_newer_posts_above_them(end_site):
    page = end_site.page("feet/")
    assert titles(page.select(".neighbors a")) == ["Older Calves", "Newer Why hips hurt"]
    assert titles(page.select(".related a")) == ["Ankles"]  # Calves is already "Older"


def test_a_series_part_shows_part_n_of_m_with_every_part_in_date_order(end_site):
    page = end_site.page("hips-2/")
    box = page.select_one(".series-box")
    assert box.h2.get_text() == f"Part 2 of 4 in {SERIES}"
    parts = box.select("ol li")
    assert [li.get_text(" ", strip=True) for li in parts] == [
        "Why hips hurt", f"{HOSTILE} (this post)", "Hips and the foot", "Hips for good"]
    assert parts[1].select_one("[aria-current=page]") and not parts[1].a
    assert [a["href"] for a in box.select("ol a")] == ["../hips-1/", "../hips-3/", "../hips-4/"]
    assert box.select("a")[-1]["href"] == "../series/hip-pain-explained/"
    assert page.select(".neighbors") == [] and page.select(".related") == []  # all in the box
    assert end_site.page("hips-4/").select_one(".series-box h2").get_text().startswith(
        "Part 4 of 4")
    assert end_site.page("feet/").select(".series-box") == []


def test_a_series_page_lists_its_parts_in_order(end_site):
    page = end_site.page("series/hip-pain-explained/")
    assert page.h1.get_text() == SERIES
    assert titles(page.select(".series-list > li h2 a")) == [
        "Why hips hurt", HOSTILE, "Hips and the foot", "Hips for good"]
    assert page.title.get_text() == f"{SERIES} · One Body Coach"
    assert page.select_one(".series-list > li:nth-child(3) > p").get_text() == "Part 3 of 4"


def test_share_links_carry_the_title_and_address_encoded(end_site):
    page = end_site.page("hips-2/")
    url = "http://localhost:8000/hips-2/"
    links = {a["data-service"]: a["href"] for a in page.select(".share a[data-service]")}
    expected = {  # service: (address before "?", its query decoded)
        "whatsapp": ("https://wa.me/", {"text": [f"{HOSTILE} {url}"]}),
        "facebook": ("https://www.facebook.com/sharer/sharer.php", {"u": [url]}),
        "x": ("https://x.com/intent/tweet", {"text": [HOSTILE], "url": [url]}),
        "linkedin": ("https://www.linkedin.com/sharing/share-offsite/", {"url": [url]}),
        "email": ("mailto:", {"subject": [HOSTILE], "body": [url]}),
    }
    assert links.keys() == expected.keys()
    for service, (start, query) in expected.items():
        address = links[service]
        assert address.split("?")[0] == start, service
        assert parse_qs(urlsplit(address).query) == query, service
        assert not set(address) & set(" <>\"'#"), service  # every one of them encoded
    names = titles(page.select(".share a, .share button"))
    assert names == ["Share…", "WhatsApp", "Facebook", "X", "LinkedIn", "Email", "Copy link"]


def test_a_feed_links_another_post_by_its_full_address(end_site):
    """Feeds are read away from the site: a post's link to another is absolute."""
    feed = (end_site.output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert 'href="http://localhost:8000/calves/"' in feed


# -- In the browser --------------------------------------------------------------------


@pytest.fixture
def open_post(end_site, serve, browser_page):
    """open_post(path, width) -> the page, opened in Chromium at that width."""
    base = serve(end_site.output)

    def open_at(path, width=375):
        browser_page.set_viewport_size({"width": width, "height": 800})
        browser_page.goto(f"{base}/{path}")
        return browser_page

    open_at.base, open_at.page = base, browser_page
    return open_at


def test_the_share_button_shows_only_where_the_browser_can_share(open_post):
    page = open_post("hips-2/")
    share = page.get_by_role("button", name="Share…")
    expect(page.get_by_role("link", name="WhatsApp")).to_be_visible()
    expect(share).to_be_hidden()  # Chromium on Linux has no navigator.share
    page.add_init_script("navigator.share = data => { window.shared = data; "
                         "return Promise.resolve(); };")
    page.reload()
    expect(share).to_be_visible()
    share.focus()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")  # the page stays
    assert page.evaluate("window.shared") == {
        "title": HOSTILE, "url": "http://localhost:8000/hips-2/"}
    assert page.errors == []


def test_copy_link_puts_the_posts_address_on_the_clipboard(open_post, browser):
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=open_post.base)
    try:
        page = open_post("hips-2/")
        copy = page.get_by_role("button", name="Copy link")
        copy.focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("status")).to_have_text("Link copied.")
        assert page.evaluate("navigator.clipboard.readText()") == "http://localhost:8000/hips-2/"
    finally:
        browser.clear_permissions()


def test_without_its_script_the_share_row_is_plain_links(open_post):
    """No JavaScript (here: the script not loaded): the links alone, nothing
    offered that cannot work."""
    page = open_post.page
    page.route("**/js/share.js", lambda route: route.abort())
    open_post("hips-2/")
    expect(page.get_by_role("link", name="Email")).to_be_visible()
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    expect(page.get_by_role("button", name="Share…")).to_be_hidden()


def test_the_meta_line_takes_at_most_two_lines_on_a_375_pixel_phone(open_post):
    page = open_post("hips-2/", 375)
    expect(page.locator(".post-meta")).to_contain_text("updated")
    lines = page.evaluate("""(() => { const meta = document.querySelector(".post-meta");
        return meta.getBoundingClientRect().height / parseFloat(getComputedStyle(meta).lineHeight);
        })()""")
    assert round(lines) <= 2, f"the meta line takes {lines:.1f} lines"


@pytest.mark.parametrize("path", ["hips-2/", "feet/", "cant-fire-my-glutes/"])
def test_nothing_on_a_post_is_wider_than_a_320_pixel_phone(open_post, path):
    page = open_post(path, 320)
    expect(page.locator(".share")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    # Nor out of the column into the page's margin (a button that cannot wrap).
    wider = page.evaluate("""(() => {
        const main = document.querySelector("main"), style = getComputedStyle(main);
        const edge = main.getBoundingClientRect().right - parseFloat(style.paddingRight);
        return [...main.querySelectorAll("*")]
            .filter(e => e.getBoundingClientRect().right > edge + 0.5)
            .map(e => e.className || e.tagName); })()""")
    assert wider == [], path
