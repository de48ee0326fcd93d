"""The coach's photos: responsive WebP at several widths, width and height
set, lazy after the first, never wider than 2,000 px, originals untouched;
and a photo without alt text or a missing photo stops the build, named."""

import hashlib
import shutil

import pytest
from PIL import Image

from conftest import copy_project, run_pelican, run_task

POST = """Title: Glute bridge
Slug: glute-bridge
Date: 2026-11-20
Category: Running

Lie on your back, knees bent.

![Glute bridge: lying on the back, hips lifted](images/bridge.jpg)

Hold for a breath, then lower slowly.

![Glute bridge from the side](images/bridge-side.jpg)
"""


def photo(path, width, height):
    """A photo-like JPEG (a gradient, so encoders have work to do)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    image.save(path, quality=90)
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("photos"))
    images = project / "content" / "images"
    originals = {"bridge.jpg": photo(images / "bridge.jpg", 3000, 2000),
                 "bridge-side.jpg": photo(images / "bridge-side.jpg", 1200, 800)}
    (project / "content" / "articles" / "bridge.md").write_text(POST, encoding="utf-8")
    build = run_pelican(project, project / "output")
    assert build.returncode == 0, build.log
    return project, build, originals


def test_a_photo_becomes_a_responsive_picture_with_its_size_set(photo_site):
    _, build, _ = photo_site
    first, second = build.page("glute-bridge/").select(".post-body picture")
    source, img = first.source, first.img
    assert source["type"] == "image/webp"
    widths = [int(item.split()[1][:-1]) for item in source["srcset"].split(", ")]
    assert widths == [480, 960, 1600, 2000]
    assert source["sizes"]
    assert (img["width"], img["height"]) == ("2000", "1333")
    assert img["alt"] == "Glute bridge: lying on the back, hips lifted"
    assert img["decoding"] == "async" and not img.has_attr("loading")  # the first: eager
    assert second.img["loading"] == "lazy"
    assert (second.img["width"], second.img["height"]) == ("1200", "800")


def test_no_published_image_is_wider_than_2000_px_and_originals_stay(photo_site):
    project, build, originals = photo_site
    published = [p for p in (build.output / "images").rglob("*") if p.suffix in {".jpg", ".webp"}]
    widths = {p.name: Image.open(p).width for p in published}
    assert max(widths.values()) == 2000
    assert widths["bridge-480w.webp"] == 480 and widths["bridge.jpg"] == 2000
    for name, digest in originals.items():
        original = project / "content" / "images" / name
        assert hashlib.sha256(original.read_bytes()).hexdigest() == digest


def test_every_image_address_resolves(photo_site):
    from checks.links import broken_internal_links

    _, build, _ = photo_site
    assert broken_internal_links(build.output) == []


SUBPATH_SITEURL = "https://coach.github.io/site"


@pytest.fixture(scope="module")
def production_photo_site(tmp_path_factory):
    """The same post built for GitHub project pages, under a sub-path."""
    folder = tmp_path_factory.mktemp("production-photos")
    project = copy_project(folder)
    photo(project / "content" / "images" / "bridge.jpg", 3000, 2000)
    photo(project / "content" / "images" / "bridge-side.jpg", 1200, 800)
    (project / "content" / "articles" / "bridge.md").write_text(POST, encoding="utf-8")
    build = run_pelican(project, folder / "out", "publishconf.py",
                        {"SITEURL": SUBPATH_SITEURL})
    assert build.returncode == 0, build.log
    return build


def test_production_images_are_absolute_also_in_feeds(production_photo_site):
    build = production_photo_site
    img = build.page("glute-bridge/").select_one(".post-body img")
    assert img["src"] == f"{SUBPATH_SITEURL}/images/bridge.jpg"
    feed = (build.output / "feeds" / "all.atom.xml").read_text()
    assert f"{SUBPATH_SITEURL}/images/bridge-480w.webp 480w" in feed


def test_every_image_address_resolves_under_a_sub_path(production_photo_site, tmp_path):
    """The link check reads each srcset too: a WebP gone missing is reported."""
    from checks.links import broken_internal_links

    build = production_photo_site
    assert broken_internal_links(build.output, SUBPATH_SITEURL) == []
    damaged = shutil.copytree(build.output, tmp_path / "damaged")
    (damaged / "images" / "bridge-960w.webp").unlink()
    problems = broken_internal_links(damaged, SUBPATH_SITEURL)
    assert len(problems) == 1 and "bridge-960w.webp" in problems[0]


@pytest.mark.parametrize("markdown,message", [
    ("![](images/bridge.jpg)",
     "content/articles/no-alt.md, line 7\n  The image images/bridge.jpg has no alt text."),
    ("![A bridge](images/brige.jpg)",
     "content/articles/no-alt.md, line 7\n  The image images/brige.jpg does not exist "
     "(looked for content/images/brige.jpg)."),
])
def test_an_image_without_alt_text_or_file_stops_the_build_named(project, markdown, message):
    photo(project / "content" / "images" / "bridge.jpg", 800, 600)
    (project / "content" / "articles" / "no-alt.md").write_text(
        f"Title: No alt\nDate: 2026-11-20\nCategory: Running\n\nText.\n\n{markdown}\n",
        encoding="utf-8")
    result = run_task(project, "build")
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_the_photo_page_does_not_shift_as_images_arrive(photo_site, serve, browser_page):
    """Image responses are held back, so a missing width or height would move
    the text when they arrive: the layout-shift score must stay 0."""
    _, build, _ = photo_site
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 2400})  # both photos in view

    def slow_images(route):
        page.wait_for_timeout(400)
        route.continue_()

    page.route("**/*.webp", slow_images)
    page.route("**/*.jpg", slow_images)
    page.goto(serve(build.output) + "/glute-bridge/", wait_until="domcontentloaded")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth)")
    shift = page.evaluate("""new Promise(done => {
        let total = 0;
        new PerformanceObserver(list => list.getEntries().forEach(e => { total += e.value; }))
            .observe({type: 'layout-shift', buffered: true});
        setTimeout(() => done(total), 500);  // buffered entries arrive before this
    })""")
    assert shift == 0
