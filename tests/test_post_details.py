"""The details of a post, in one build of the site with a post holding a
captioned photo, a quote, a wide table and code: the photo is a figure with
its caption, each post has its own share picture, and on a phone (real
Chromium) the table scrolls in its box with a visible hint and columns that
keep their width, the code scrolls in its box at 320 px, and the quote's bar
ends with its text, in light and dark, with axe finding nothing."""

import io

import pytest
from PIL import Image

from checks.browser import RENDER_BYTES_BUDGET, browser_reports, run_axe
from checks.html_valid import html_errors
from conftest import copy_project, run_pelican

PHOTO_COLOUR = (200, 40, 160)
POST = """Title: Details <of> a "post" & more
Slug: details
Date: 2026-11-20
Category: Running

The first words of the post.

![A glute bridge, hips lifted](images/bridge.jpg "Hold the bridge for three breaths")

> A quote from a client, in two paragraphs.
>
> The second one ends the quote.

After the quote.

| Exercise | Sets | Reps | Rest between sets | Tempo: down, hold, up | What you should feel |
|:--|:-:|--:|:--|:--|:--|
| Glute bridge | 3 | 12 | Ninety seconds | Three, one, one | The back of the hips, not the back |
| Side plank | 2 | 30s | One minute | Hold | The side of the hip and the waist |

Some `inline_code_that_is_rather_long_for_a_phone()` in a sentence.

```python
def a_rather_long_function_name(with_an_argument="and a long default value", another=42):
    return "a string that is wider than any phone held upright" * another  # and a comment
```

The end.
"""
PLAIN = "Title: Plain\nSlug: plain\nDate: 2026-11-21\nCategory: Running\n\nJust words.\n"


@pytest.fixture(scope="module")
def details_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("details"))
    (project / "content" / "images").mkdir(exist_ok=True)
    Image.new("RGB", (1200, 900), PHOTO_COLOUR).save(project / "content/images/bridge.jpg")
    for name, text in [("details.md", POST), ("plain.md", PLAIN)]:
        (project / "content" / "articles" / name).write_text(text, encoding="utf-8")
    build = run_pelican(project, project / "output")
    assert build.returncode == 0, build.log
    return build


def test_a_photo_with_a_title_is_a_figure_with_its_caption_and_stays_responsive(details_site):
    figure = details_site.page("details/").select_one(".post-body figure")
    assert figure.figcaption.get_text() == "Hold the bridge for three breaths"
    img = figure.select_one("picture > img")
    assert img["alt"] == "A glute bridge, hips lifted" and not img.has_attr("title")
    assert "480w" in figure.select_one("picture > source")["srcset"]


def share_picture(site, slug):
    meta = {m.get("property") or m.get("name"): m.get("content")
            for m in site.page(f"{slug}/").head.select("meta")}
    assert meta["twitter:image"] == meta["og:image"]
    path = site.output / meta["og:image"].removeprefix("http://localhost:8000/")
    return meta["og:image"], Image.open(path).convert("RGB")


def test_each_post_has_its_own_share_picture_with_its_photo(details_site):
    pictures = {slug: share_picture(details_site, slug)
                for slug in ["details", "plain", "cant-fire-my-glutes"]}
    assert len({address for address, _ in pictures.values()}) == 3
    assert all(picture.size == (1200, 630) for _, picture in pictures.values())
    photo_part = (1000, 315)
    assert all(abs(a - b) < 12 for a, b in zip(
        pictures["details"][1].getpixel(photo_part), PHOTO_COLOUR, strict=True))
    assert pictures["plain"][1].getpixel(photo_part) == pictures["plain"][1].getpixel((5, 5))


@pytest.fixture
def phone(details_site, serve, browser_page):
    """The post open at 375 px, nothing but the site reachable."""
    page = browser_page
    page.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url
               else route.abort())
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(serve(details_site.output) + "/details/")
    return page


def edge_colours(page, box):
    """The colours just inside the left and right edges of a table box's body row."""
    box.scroll_into_view_if_needed()
    row = box.locator("tbody tr").first.bounding_box()
    area = box.bounding_box()
    shot = Image.open(io.BytesIO(page.screenshot(clip={
        "x": area["x"], "y": row["y"] + row["height"] / 2, "width": area["width"],
        "height": 1}))).convert("RGB")
    return shot.getpixel((2, 0)), shot.getpixel((shot.width - 3, 0))


def differs(colour, other):
    return sum(abs(a - b) for a, b in zip(colour, other, strict=True)) > 40


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_a_wide_table_scrolls_with_a_hint_and_columns_keep_their_width(
        phone, scheme):
    page = phone
    page.emulate_media(color_scheme=scheme)
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    box = page.locator(".post-body .table-scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth + 100")
    narrowest = box.evaluate(
        "b => Math.min(...[...b.querySelectorAll('th, td')].map(c => c.offsetWidth))")
    assert narrowest >= 110  # about two words of body text a line, never one
    page_colour = page.evaluate("getComputedStyle(document.body).backgroundColor")
    background = tuple(int(n) for n in page_colour[4:-1].split(","))
    left, right = edge_colours(page, box)
    assert differs(right, background) and not differs(left, background)  # more to the right
    box.focus()  # the keyboard scrolls it
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.table-scroll').scrollLeft > 0")
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")  # to the end of the table
    page.wait_for_function(
        "() => { const b = document.querySelector('.table-scroll');"
        " return b.scrollLeft + b.clientWidth >= b.scrollWidth - 1; }")
    left, right = edge_colours(page, box)
    assert differs(left, background) and not differs(right, background)  # more to the left
    assert [(v["id"], v["nodes"][0]["target"]) for v in run_axe(page)] == []
    assert page.errors == []


def test_a_code_block_scrolls_in_its_box_at_320_pixels(phone):
    page = phone
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    code = page.locator(".post-body pre")
    assert code.evaluate("b => b.scrollWidth > b.clientWidth")
    assert code.bounding_box()["x"] + code.bounding_box()["width"] <= 320
    code.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.post-body pre').scrollLeft > 0")
    inline = page.locator(".post-body p > code").bounding_box()
    assert inline["x"] + inline["width"] <= 320


def test_the_quote_bar_ends_with_its_text(phone):
    gap = phone.locator(".post-body blockquote").evaluate(
        "q => q.getBoundingClientRect().bottom - q.lastElementChild.getBoundingClientRect()"
        ".bottom - parseFloat(getComputedStyle(q).paddingBottom)")
    assert abs(gap) <= 1


def test_the_post_with_every_detail_is_valid_passes_axe_and_stays_in_budget(details_site, browser):
    assert html_errors(details_site.output / "details") == []
    [report] = browser_reports(details_site.output, ["details/"])
    assert report.problems() == []  # axe, console, third parties, render-blocking
    assert report.is_article and report.render_bytes <= RENDER_BYTES_BUDGET
