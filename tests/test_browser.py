"""A reader opens the glute post in a real Chromium, on a phone and a desktop."""

import pytest

from conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"


@pytest.mark.parametrize("width,height", [(375, 812), (1280, 800)])
def test_a_reader_opens_the_glute_post_and_reads_it_without_errors(
    site, serve, browser_page, width, height
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": height})
    response = page.goto(serve(site.output) + "/cant-fire-my-glutes/")

    assert response.status == 200
    assert page.locator("h1").inner_text() == "“I can’t fire my glutes”"
    assert page.title() == "“I can’t fire my glutes” · One Body Coach"
    assert page.locator("main").get_by_text("clients often tell me").is_visible()
    assert page.errors == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"glute-post-{width}.png", full_page=True)


def test_a_reader_can_skip_to_the_content_with_the_keyboard(site, serve, browser_page):
    page = browser_page
    page.goto(serve(site.output) + "/cant-fire-my-glutes/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
