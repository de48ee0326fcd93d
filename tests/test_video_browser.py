"""In real Chromium: reading a post with videos asks nothing of any host but
the site's own; pressing play (mouse or keyboard) swaps in the youtube-nocookie
player at the right video and start time. Requests to other hosts are
recorded and aborted (there is no internet here)."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import run_pelican

GLUTE = "cant-fire-my-glutes/"
FIRST = "Play video: Why your strength work might not be working"
SECOND = "Play video: A muscle energy technique for the glutes"


class Traffic:
    """Every request the page makes; those to other hosts are aborted."""

    def __init__(self, page, site):
        self.site_host = urlsplit(site).netloc
        self.requests = []
        page.route("**/*", self.handle)

    def handle(self, route):
        self.requests.append(route.request)
        if urlsplit(route.request.url).netloc == self.site_host:
            route.continue_()
        else:
            route.abort()

    def outside(self):
        return [r.url for r in self.requests if urlsplit(r.url).netloc != self.site_host]

    def transferred(self):
        """(requests, bytes of headers and bodies) of the site's own answers."""
        own = [r for r in self.requests if urlsplit(r.url).netloc == self.site_host]
        sizes = [r.sizes() for r in own]
        return len(own), sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)


@pytest.fixture
def reader(browser_page, serve, site):
    """A browser tab on the served site whose traffic is recorded."""
    address = serve(site.output)
    browser_page.traffic = Traffic(browser_page, address)
    browser_page.site = address
    return browser_page


def player_sources(page):
    return page.eval_on_selector_all("iframe", "frames => frames.map(f => f.src)")


def test_reading_a_post_with_two_videos_asks_nothing_of_any_other_host(reader):
    reader.goto(f"{reader.site}/{GLUTE}", wait_until="networkidle")
    assert reader.locator("a.video-link").count() == 2
    assert reader.traffic.outside() == []
    assert player_sources(reader) == []
    assert reader.errors == []


def test_press_play_with_the_mouse_swaps_in_the_nocookie_player(reader):
    reader.goto(f"{reader.site}/{GLUTE}", wait_until="networkidle")
    before = reader.traffic.transferred()
    assert reader.traffic.outside() == []  # nothing from YouTube before play
    assert before[0] <= 4 and before[1] < 40_000  # the page, its script, the favicon
    reader.get_by_role("button", name=FIRST).click()
    assert player_sources(reader) == [
        "https://www.youtube-nocookie.com/embed/PLACEHOLDR1?autoplay=1"]
    frame = reader.locator("iframe")
    assert frame.get_attribute("title") == "Why your strength work might not be working"
    assert "autoplay" in frame.get_attribute("allow")
    reader.wait_for_timeout(300)
    # Play asks exactly one thing more, the privacy-enhanced player, and
    # nothing more of the site itself.
    assert reader.traffic.outside() == [
        "https://www.youtube-nocookie.com/embed/PLACEHOLDR1?autoplay=1"]
    assert reader.traffic.transferred() == before
    # The second video is still a poster until its own play is pressed.
    assert reader.get_by_role("button", name=SECOND).count() == 1


@pytest.mark.parametrize("key", ["Enter", " "])
def test_press_play_with_the_keyboard(reader, key):
    reader.goto(f"{reader.site}/{GLUTE}", wait_until="networkidle")
    for _ in range(40):  # Tab through the page, as a keyboard user does
        reader.keyboard.press("Tab")
        if reader.evaluate("document.activeElement.getAttribute('aria-label')") == SECOND:
            break
    else:
        pytest.fail("Tab never reached the second video")
    reader.keyboard.press(key)
    assert player_sources(reader) == [
        "https://www.youtube-nocookie.com/embed/PLACEHOLDR2?autoplay=1"]
    assert reader.evaluate("document.activeElement.tagName") == "IFRAME"
    assert reader.errors == []


def test_the_player_starts_at_the_start_time_of_the_address(browser_page, serve, project,
                                                            tmp_path):
    (project / "content" / "articles" / "hip-hinge.md").write_text(
        "Title: Hip hinge\nDate: 2026-11-22\nCategory: Running\n\n"
        "https://youtu.be/dQw4w9WgXcQ?t=1m30s\n", encoding="utf-8")
    build = run_pelican(project, tmp_path / "output")
    assert build.returncode == 0, build.log
    site = serve(build.output)
    traffic = Traffic(browser_page, site)
    browser_page.goto(f"{site}/hip-hinge/", wait_until="networkidle")
    assert traffic.outside() == []
    browser_page.get_by_role("button", name="Play video: Video from: Hip hinge").click()
    assert player_sources(browser_page) == [
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90"]


def test_without_javascript_a_video_is_a_plain_link_to_youtube(browser, serve, site):
    context = browser.browser.new_context(java_script_enabled=False) if browser.browser else None
    if context is None:
        pytest.skip("the persistent context has no browser to open a no-script context from")
    page = context.new_page()
    page.goto(f"{serve(site.output)}/{GLUTE}")
    link = page.get_by_role("link", name=FIRST)
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=PLACEHOLDR1"
    context.close()


# -- The Videos page and styled posters --------------------------------------------

CARDS = """[...document.querySelectorAll(".video-card")].map(card => {
  card.scrollIntoView({block: "center"});  // elementFromPoint sees the viewport only
  const title = card.querySelector("h2").innerText;
  const still = card.querySelector(".video").getBoundingClientRect();
  const date = card.querySelector("time");
  const linkAt = (x, y) => document.elementFromPoint(x, y)?.closest("a")?.getAttribute("href");
  return {title, times: card.innerText.split(title).length - 1,
          picture: linkAt(still.x + still.width / 2, still.y + still.height / 2),
          date: linkAt(date.getBoundingClientRect().x + 2, date.getBoundingClientRect().y + 2),
          links: card.querySelectorAll("a").length,
          play: card.querySelector(".video-play")?.getBoundingClientRect().width || 0,
          dateLines: date.getClientRects().length};
})"""


@pytest.mark.parametrize("width", [320, 1280])
def test_each_video_card_says_its_title_once_and_is_one_link_to_its_post(reader, width):
    reader.set_viewport_size({"width": width, "height": 900})
    reader.goto(f"{reader.site}/videos/")
    cards = reader.evaluate(CARDS)
    assert [card["title"] for card in cards] == [FIRST.removeprefix("Play video: "),
                                                 SECOND.removeprefix("Play video: ")]
    for number, card in enumerate(cards, 1):
        assert card["times"] == 1, card  # not on the picture as well
        # The picture and the line under it lead to the video in its post: the card is the link.
        assert card["picture"] == card["date"] == f"../{GLUTE}#video-{number}", card
        assert card["links"] == 1, card
        assert card["play"] > 40, card  # a play mark on the picture
        assert card["dateLines"] == 1, card  # "25 November 2026" on one line
    reader.get_by_role("link", name=cards[1]["title"]).focus()
    reader.keyboard.press("Enter")
    reader.wait_for_url(f"{reader.site}/{GLUTE}#video-2")
    expect(reader.locator("#video-2")).to_be_in_viewport()
    expect(reader.locator("#video-2 .video-title")).to_have_text(cards[1]["title"])
    assert reader.traffic.outside() == [] and reader.errors == []


@pytest.mark.parametrize("width, wider", [(1280, True), (320, False)])
def test_the_videos_grid_is_wider_than_the_text_on_a_desktop_and_fits_a_phone(
        reader, width, wider):
    reader.set_viewport_size({"width": width, "height": 900})
    reader.goto(f"{reader.site}/videos/")
    grid, text, overflow = reader.evaluate("""[
        document.querySelector(".video-library").getBoundingClientRect().width,
        document.querySelector("main h1").getBoundingClientRect().width,
        document.documentElement.scrollWidth - innerWidth]""")
    if wider:
        assert grid > 40 * 16 and grid > text + 100  # beyond the 40rem column
    else:
        assert grid <= width - 32
    assert overflow <= 0


def luminance(rgb):
    channels = [c / 255 for c in rgb]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def rgbs(text):
    import re
    return [tuple(map(int, m)) for m in re.findall(r"rgb\((\d+), (\d+), (\d+)\)", text)]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_video_without_a_fetched_poster_shows_the_mark_and_title_on_the_brand_colour(
        reader, scheme):
    reader.emulate_media(color_scheme=scheme)
    reader.goto(f"{reader.site}/{GLUTE}")
    box = reader.locator(".post-body .video").first
    seen = box.evaluate("""box => ({
        mark: getComputedStyle(box, "::before").content,
        background: getComputedStyle(box).backgroundImage,
        page: getComputedStyle(document.body).backgroundColor,
        title: box.querySelector(".video-title").getBoundingClientRect().height,
        play: box.querySelector(".video-play").getBoundingClientRect().width})""")
    assert seen["mark"] == '"One Body Coach"'
    assert rgbs(seen["background"])[0] == (31, 92, 74)  # the brand colour
    assert seen["title"] > 0 and seen["play"] > 40
    # It stands out from the page in both schemes (not a near-black block in dark).
    box_light, page_light = luminance(rgbs(seen["background"])[0]), luminance(rgbs(seen["page"])[0])
    contrast = (max(box_light, page_light) + .05) / (min(box_light, page_light) + .05)
    assert contrast >= 2, contrast
    assert reader.traffic.outside() == []
