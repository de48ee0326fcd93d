"""The theme's layout on every page type, measured in a real Chromium at the
widths readers use: a compact header on phones, no sideways scrolling, no
button broken over two lines, the footer at the bottom of short pages.

One build of the showcase (tests/showcase.py: the real content plus a photo,
a table, code, a series and a dozen more posts), served on 127.0.0.1. Each
test walks every page type and names every page that fails, with its figure.
"""

import pytest

from tests import showcase
from tests.conftest import copy_project, run_pelican

PHONES = [320, 375]
WIDTHS = [320, 375, 768, 1280, 1440]
HEADER_MAX = 64  # px, on a phone: the bar (147 px at 375 before the redesign)


@pytest.fixture(scope="module")
def showcase_site(tmp_path_factory):
    copy = copy_project(tmp_path_factory.mktemp("showcase"))
    showcase.write_showcase(copy)
    build = run_pelican(copy, copy / "output")
    assert build.returncode == 0, build.log
    return build.output


@pytest.fixture(scope="module")
def base(showcase_site):
    from checks.browser import served

    with served(showcase_site) as address:
        yield address


def visit(page, base, path, width, height=800):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{base}/{path}", wait_until="load")
    return page


def each_page(browser_page, base, width, measure, height=800):
    """{page type: what `measure` found on it} for every page type at `width`."""
    found = {}
    for name, path in showcase.PAGE_TYPES.items():
        visit(browser_page, base, path, width, height)
        found[name] = browser_page.evaluate(measure)
    return found


HEADER_HEIGHT = "document.querySelector('.site-header').getBoundingClientRect().height"


@pytest.mark.parametrize("width", PHONES)
def test_the_phone_header_is_at_most_64_px_tall_on_every_page(browser_page, base, width):
    heights = each_page(browser_page, base, width, HEADER_HEIGHT)
    too_tall = {name: round(h) for name, h in heights.items() if h > HEADER_MAX}
    assert not too_tall, f"header taller than {HEADER_MAX} px at {width} px: {too_tall}"


# How far the page reaches beyond the window's right edge, and which element does it.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const over = document.documentElement.scrollWidth - width;
  if (over <= 0) return null;
  const culprit = [...document.querySelectorAll('body *')].find(
    e => e.getBoundingClientRect().right > width + 1 && !e.closest('.table-scroll, pre'));
  return {over, culprit: culprit ? culprit.outerHTML.slice(0, 80) : null};
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(browser_page, base, width):
    found = each_page(browser_page, base, width, OVERFLOW)
    overflowing = {name: over for name, over in found.items() if over}
    assert not overflowing, f"wider than the window at {width} px: {overflowing}"


# Buttons (and links styled as buttons) whose text runs to a second line.
WRAPPED_BUTTONS = """() => [...document.querySelectorAll(
    '.button, button, summary, .site-header a, .pagination a')].filter(e => {
  if (!e.getClientRects().length) return false;  // hidden (a closed menu)
  const style = getComputedStyle(e);
  const range = document.createRange();
  range.selectNodeContents(e);
  const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                        .map(r => Math.round(r.top)));
  return lines.size > 1 && style.whiteSpace !== 'pre';
}).map(e => e.textContent.trim().replace(/\\s+/g, ' '))"""


@pytest.mark.parametrize("width", [320, 375])
def test_no_button_breaks_over_two_lines_on_a_phone(browser_page, base, width):
    found = each_page(browser_page, base, width, WRAPPED_BUTTONS)
    wrapped = {name: buttons for name, buttons in found.items() if buttons}
    assert not wrapped, f"buttons on two lines at {width} px: {wrapped}"


# The footer's bottom edge, and the window's height, when the page is shorter
# than the window: no empty band under the footer.
FOOTER_GAP = """() => {
  const footer = document.querySelector('.site-footer').getBoundingClientRect();
  return Math.round(window.innerHeight - (footer.bottom + window.scrollY));
}"""


@pytest.mark.parametrize("size", [(1280, 1200), (375, 1400)])
def test_the_footer_sits_at_the_bottom_of_short_pages(browser_page, base, size):
    width, height = size
    gaps = each_page(browser_page, base, width, FOOTER_GAP, height)
    floating = {name: gap for name, gap in gaps.items() if gap > 1}
    assert not floating, f"empty band under the footer at {width}x{height} (px): {floating}"
