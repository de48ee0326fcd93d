"""In real Chromium: reading a post with videos asks nothing of any host but
the site's own; pressing play (mouse or keyboard) swaps in the youtube-nocookie
player at the right video and start time. Requests to other hosts are
recorded and aborted (there is no internet here)."""

from urllib.parse import urlsplit

import pytest

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
