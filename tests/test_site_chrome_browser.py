"""The site's frame in a real Chromium: the header is one row at most 64 px
tall on a phone; its menu opens and closes with the keyboard, and works with
JavaScript off; the footer sits at the bottom of a short page; buttons
answer hover; the 404 page's links work from any address it is served at."""

import pytest
from playwright.sync_api import expect

from site_tools.serve import SiteHandler, site_server

PHONE_PAGES = ["", "cant-fire-my-glutes/", "about/", "search/", "tags/", "404.html"]
SHORT_PAGES = ["category/running/", "tag/glutes/", "archives/", "categories/", "404.html",
               "contact/", "subscribe/"]


class QuietSiteHandler(SiteHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base(site):
    """The built site on `./dev serve`'s server (the site's 404 page for a missing address)."""
    import threading

    server = site_server(site.output, "127.0.0.1", 0, QuietSiteHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# What the header's row is made of, measured: its height, and every visible
# item's top, bottom, and whether its text is cut or spread over two lines.
HEADER_LAYOUT = """() => {
  const header = document.querySelector('.site-header');
  const items = [...header.querySelectorAll('.site-header-inner > *')]
    .map(e => e.tagName === 'DETAILS' ? e.querySelector('summary') : e)
    .filter(e => e.getClientRects().length);
  return {
    height: header.getBoundingClientRect().height,
    items: items.map(e => {
      const box = e.getBoundingClientRect(), text = document.createRange();
      text.selectNodeContents(e);
      return {text: e.textContent.trim().slice(0, 20), top: box.top, bottom: box.bottom,
              right: box.right, cut: e.scrollWidth > e.clientWidth + 1,
              lines: new Set([...text.getClientRects()].map(r => Math.round(r.top))).size};
    }),
  };
}"""


@pytest.mark.parametrize("width", [320, 375])
def test_the_phone_header_is_one_row_at_most_64_px_tall(base, browser_page, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 700})
    for path in PHONE_PAGES:
        page.goto(f"{base}/{path}")
        layout = page.evaluate(HEADER_LAYOUT)
        assert layout["height"] <= 64, f"{path or 'home'}: header {layout['height']}px tall"
        items = layout["items"]
        assert [i["text"] for i in items] == ["One Body Coach", "Book", "Menu"], path
        # One row: every item beside the others, none under another, none cut, none wrapped.
        assert max(i["top"] for i in items) < min(i["bottom"] for i in items), (path, items)
        assert not [i for i in items if i["cut"] or i["lines"] > 1], (path, items)
        assert max(i["right"] for i in items) <= width, (path, items)


def test_a_wide_screen_shows_the_menu_as_a_row_of_links_without_a_menu_button(
        base, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base}/cant-fire-my-glutes/")
    expect(page.locator("header summary")).to_be_hidden()
    posts = page.locator("header nav.site-nav-wide a", has_text="Posts")
    expect(posts).to_be_visible()
    expect(posts).to_have_attribute("aria-current", "true")
    # The current section's mark: an underline drawn in the accent colour.
    assert posts.evaluate("e => getComputedStyle(e).boxShadow") != "none"
    assert page.evaluate(HEADER_LAYOUT)["height"] <= 64


def test_the_menu_opens_and_closes_with_the_keyboard(base, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(f"{base}/cant-fire-my-glutes/")
    menu = page.get_by_role("navigation", name="Main").get_by_role("link", name="About")
    expect(menu).to_be_hidden()
    summary = page.locator("header summary")
    for _ in range(4):  # skip link, site name, Book, then the menu
        page.keyboard.press("Tab")
        if summary.evaluate("e => e === document.activeElement"):
            break
    expect(summary).to_be_focused()
    assert summary.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    expect(menu).to_be_visible()
    expect(page.locator("header details")).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    expect(page.locator("header details nav a").first).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(menu).to_be_hidden()
    # Open again, and follow a link with the keyboard.
    page.keyboard.press("Enter")
    menu.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}/about/")


def test_the_menu_works_with_javascript_off(base, browser_page):
    page = browser_page
    page.context.new_cdp_session(page).send("Emulation.setScriptExecutionDisabled",
                                            {"value": True})
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{base}/cant-fire-my-glutes/")
    assert page.evaluate("1 + 1") == 2  # Playwright's own evaluation still runs
    page.get_by_text("Menu", exact=True).click()
    link = page.locator("header details nav a", has_text="Contact")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(f"{base}/contact/")
    expect(page.locator("h1")).to_have_text("Contact")


def test_the_footer_sits_at_the_bottom_of_a_short_page(base, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    for path in SHORT_PAGES:
        page.goto(f"{base}/{path}")
        gap = page.evaluate("innerHeight - document.querySelector('.site-footer')"
                            ".getBoundingClientRect().bottom")
        assert abs(gap) <= 1, f"{path}: {gap}px of empty band under the footer"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_buttons_change_on_hover(base, browser_page, scheme):
    page = browser_page
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/online-assessment/")
    for button in [page.locator("header .button"), page.locator("main a.button")]:
        before = button.evaluate("e => getComputedStyle(e).backgroundColor")
        button.hover()
        after = button.evaluate("e => getComputedStyle(e).backgroundColor")
        assert after != before, f"{scheme}: {before} on hover too"


def test_the_404_pages_links_work_from_any_address(base, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    response = page.goto(f"{base}/an/old/address/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    page.get_by_role("link", name="“I can’t fire my glutes”").click()
    expect(page).to_have_url(f"{base}/cant-fire-my-glutes/")
    page.goto(f"{base}/an/old/address/")
    page.get_by_role("searchbox").fill("glutes")
    page.get_by_role("searchbox").press("Enter")
    expect(page).to_have_url(f"{base}/search/?q=glutes")
