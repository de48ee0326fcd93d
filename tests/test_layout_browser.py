"""The theme's layout on every page type, measured in a real Chromium at the
widths readers use: a compact header on phones, no sideways scrolling, no
button broken over two lines, the footer at the bottom of short pages.

One build of the showcase (tests/showcase.py: the real content plus a photo,
a table, code, a series and a dozen more posts), served on 127.0.0.1, every
page loaded once at each width; each test names every page that fails, with
its figure.
"""

import pytest

from tests import showcase
from tests.conftest import copy_project, run_pelican

PHONES = [320, 375]
# The widths measured, each with the window's height: tall enough at 375 and
# 1280 px that most pages are shorter than the window (the footer's test).
WINDOWS = {320: 640, 375: 1400, 768: 1024, 1280: 1200, 1440: 900}
HEADER_MAX = 64  # px, on a phone: the bar (147 px at 375 before the redesign)

HEADER_HEIGHT = "Math.round(document.querySelector('.site-header').getBoundingClientRect().height)"

# How far the page reaches beyond the window's right edge, and which element does it.
OVERFLOW = """(() => {
  const width = document.documentElement.clientWidth;
  const over = document.documentElement.scrollWidth - width;
  if (over <= 0) return null;
  const culprit = [...document.querySelectorAll('body *')].find(
    e => e.getBoundingClientRect().right > width + 1 && !e.closest('.table-scroll, pre'));
  return {over, culprit: culprit ? culprit.outerHTML.slice(0, 80) : null};
})()"""

# Buttons (and links styled as buttons) whose text runs to a second line.
WRAPPED_BUTTONS = """[...document.querySelectorAll(
    '.button, button, summary, .site-header a, .pagination a')].filter(e => {
  if (!e.getClientRects().length) return false;  // hidden (a closed menu)
  const range = document.createRange();
  range.selectNodeContents(e);
  const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                        .map(r => Math.round(r.top)));
  return lines.size > 1;
}).map(e => e.textContent.trim().replace(/\\s+/g, ' '))"""

# The empty band under the footer (0 when the footer ends at the window's
# bottom or the page is longer than the window).
FOOTER_GAP = """(() => {
  const footer = document.querySelector('.site-footer').getBoundingClientRect();
  return Math.round(window.innerHeight - (footer.bottom + window.scrollY));
})()"""

MEASURES = {"header": HEADER_HEIGHT, "overflow": OVERFLOW, "wrapped": WRAPPED_BUTTONS,
            "footer gap": FOOTER_GAP}


@pytest.fixture(scope="module")
def measured(browser, tmp_path_factory):
    """{width: {page type: {measure: value}}}: every page type of one build
    of the showcase, loaded once at each width."""
    from checks.browser import served

    copy = copy_project(tmp_path_factory.mktemp("showcase"))
    showcase.write_showcase(copy)
    build = run_pelican(copy, copy / "output")
    assert build.returncode == 0, build.log
    found = {}
    page = browser.new_page()
    with served(build.output) as base:
        for width, height in WINDOWS.items():
            page.set_viewport_size({"width": width, "height": height})
            found[width] = {}
            for name, path in showcase.PAGE_TYPES.items():
                page.goto(f"{base}/{path}", wait_until="load")
                found[width][name] = {measure: page.evaluate(script)
                                      for measure, script in MEASURES.items()}
    page.close()
    return found


def failing(measured, width, measure, fails):
    """{page type: value} of the pages where `fails(value)`."""
    return {name: values[measure] for name, values in measured[width].items()
            if fails(values[measure])}


@pytest.mark.parametrize("width", PHONES)
def test_the_phone_header_is_at_most_64_px_tall_on_every_page(measured, width):
    too_tall = failing(measured, width, "header", lambda height: height > HEADER_MAX)
    assert not too_tall, f"header taller than {HEADER_MAX} px at {width} px: {too_tall}"


@pytest.mark.parametrize("width", WINDOWS)
def test_no_page_scrolls_sideways(measured, width):
    overflowing = failing(measured, width, "overflow", bool)
    assert not overflowing, f"wider than the window at {width} px: {overflowing}"


@pytest.mark.parametrize("width", PHONES)
def test_no_button_breaks_over_two_lines_on_a_phone(measured, width):
    wrapped = failing(measured, width, "wrapped", bool)
    assert not wrapped, f"buttons on two lines at {width} px: {wrapped}"


@pytest.mark.parametrize("width", [375, 1280])
def test_the_footer_sits_at_the_bottom_of_short_pages(measured, width):
    floating = failing(measured, width, "footer gap", lambda gap: gap > 1)
    assert not floating, (f"empty band under the footer at {width}x{WINDOWS[width]} "
                          f"(px): {floating}")
