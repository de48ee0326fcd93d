"""Every page type, on a phone and a desktop, in light and dark: nothing
scrolls sideways, nothing errs in the console, and axe-core finds no
accessibility violation (colour contrast included, in both schemes)."""

import pytest

from checks.browser import run_axe
from conftest import ROOT

PAGE_TYPES = {
    "home": "", "article": "cant-fire-my-glutes/", "page": "about/",
    "booking page": "online-assessment/", "videos": "videos/", "category": "category/running/",
    "tag": "tag/glutes/", "categories": "categories/", "tags": "tags/", "archives": "archives/",
    "search": "search/", "404": "404.html",
}
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def base(site):
    from checks.browser import served

    with served(site.output) as address:
        yield address


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_every_page_type_fits_errs_not_and_passes_axe(base, browser_page, width, scheme):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    for name, path in PAGE_TYPES.items():
        page.errors.clear()
        response = page.goto(f"{base}/{path}")
        assert response.ok, name
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
    for link in page.locator(".site-nav a").all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320


def test_focus_is_visible_on_links(base, browser_page):
    page = browser_page
    page.goto(f"{base}/cant-fire-my-glutes/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the skip link, onto the site name
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
