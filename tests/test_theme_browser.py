"""A reader opens every page type in a real Chromium, on a phone and a
desktop, in light and dark: the glute post reads as written, nothing scrolls
sideways, nothing errs in the console, and axe-core finds no accessibility
violation (colour contrast included, in both schemes). The keyboard reaches
the content and shows where it is."""

import pytest
from playwright.sync_api import expect

from checks.browser import run_axe
from conftest import ROOT

PAGE_TYPES = {
    "home": "", "article": "cant-fire-my-glutes/", "page": "about/",
    "booking page": "online-assessment/", "videos": "videos/", "category": "category/running/",
    "tag": "tag/glutes/", "categories": "categories/", "tags": "tags/", "archives": "archives/",
    "search": "search/", "404": "404.html", "contact": "contact/", "subscribe": "subscribe/",
}
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def base(site):
    from checks.browser import served

    with served(site.output) as address:
        yield address


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_a_reader_opens_every_page_type_and_it_fits_errs_not_and_passes_axe(
        base, browser_page, width, scheme):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    for name, path in PAGE_TYPES.items():
        page.errors.clear()
        response = page.goto(f"{base}/{path}")
        assert response.status == 200, name
        if name == "article":
            assert page.locator("h1").inner_text() == "“I can’t fire my glutes”"
            assert page.title() == "“I can’t fire my glutes” · One Body Coach"
            assert page.locator("main").get_by_text("clients often tell me").is_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        assert page.errors == [], name
        violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in run_axe(page)]
        assert violations == [], f"{name} at {width}px, {scheme}"
        if name in {"home", "article", "videos"}:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"{name}-{width}-{scheme}.png", full_page=True)


def test_the_header_fits_a_320_pixel_phone(base, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{base}/cant-fire-my-glutes/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.locator("header summary").click()  # the menu folds on a phone
    links = page.locator(".site-menu .site-nav a")
    expect(links.first).to_be_visible()
    for link in links.all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320


def test_focus_is_visible_on_links(base, browser_page):
    page = browser_page
    page.goto(f"{base}/cant-fire-my-glutes/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the skip link, onto the site name
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_a_reader_can_skip_to_the_content_with_the_keyboard(base, browser_page):
    page = browser_page
    page.goto(f"{base}/cant-fire-my-glutes/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
