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
    # Named on each page showing the photo: the post, and its card on the home
    # page and on its category's page.
    assert sorted(problem.split(":")[0] for problem in problems) == [
        "category/running/index.html", "glute-bridge/index.html", "index.html"]
    assert all("bridge-960w.webp" in problem for problem in problems)


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
    the text when they arrive: the layout-shift score must stay (about) 0."""
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
    # A photo without its size moves the text by its whole height: a score of
    # 0.05 and more here. Each size of a photo is rounded to whole pixels
    # (2000×1333 for a 3:2 photo, 480×320 at phone width), so the text may
    # move by a twentieth of a pixel once it arrives, scored about 0.00001
    # on a busy machine, where it arrives after the first paint.
    assert shift < 0.001


# -- Photos as a phone, a camera or a drawing program makes them ---------------------

PHONE_POST = """Title: Phone photos
Slug: phone-photos
Date: 2026-11-20
Category: Running

Text.

![A runner standing upright](images/phone.jpg)

![The logo](images/logo.png)

![A moving drawing](images/moving.gif)

![An iPhone photo](images/iphone.heic)

![A drawing](images/drawing.svg)

![A space in the name](images/Glute Bridge.jpg)

![The same, written with %20](images/Glute%20Bridge.jpg)
"""


def phone_files(images):
    """A portrait photo stored on its side (EXIF orientation 6), a transparent
    logo, an animated GIF, an iPhone HEIC, an SVG and a file name with a space."""
    from pillow_heif import register_heif_opener

    register_heif_opener()
    images.mkdir(parents=True, exist_ok=True)
    from PIL import ImageDraw

    upright = Image.new("RGB", (900, 1200), "white")  # an arrow pointing up
    ImageDraw.Draw(upright).polygon([(450, 80), (800, 600), (100, 600)], fill="darkgreen")
    ImageDraw.Draw(upright).rectangle((330, 600, 570, 1120), fill="darkgreen")
    sideways = upright.transpose(Image.Transpose.ROTATE_90)  # as the phone's sensor saw it
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view": the phone was held upright
    sideways.save(images / "phone.jpg", exif=exif)
    logo = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
    logo.paste((200, 40, 40, 255), (100, 50, 300, 150))
    logo.save(images / "logo.png")
    frames = [Image.new("RGB", (120, 80), colour) for colour in ("red", "green", "blue")]
    frames[0].save(images / "moving.gif", save_all=True, append_images=frames[1:],
                   duration=200, loop=0)
    Image.linear_gradient("L").resize((1000, 750)).convert("RGB").save(images / "iphone.heic")
    (images / "drawing.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 32">'
        '<rect width="64" height="32" fill="teal"/></svg>', encoding="utf-8")
    sideways.save(images / "Glute Bridge.jpg")


@pytest.fixture(scope="module")
def phone_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("phone"))
    phone_files(project / "content" / "images")
    (project / "content" / "articles" / "phone.md").write_text(PHONE_POST, encoding="utf-8")
    build = run_pelican(project, project / "output")
    assert build.returncode == 0, build.log
    return build


def published(build, name):
    return Image.open(build.output / "images" / name)


def test_a_photo_taken_upright_is_published_upright(phone_site):
    img = phone_site.page("phone-photos/").find("img", alt="A runner standing upright")
    assert (img["width"], img["height"]) == ("900", "1200")
    assert published(phone_site, "phone-900w.webp").size == (900, 1200)


def test_a_transparent_logo_keeps_its_transparency(phone_site):
    webp = published(phone_site, "logo-400w.webp")
    assert webp.mode == "RGBA" and webp.getpixel((5, 5))[3] == 0
    assert webp.getpixel((200, 100))[3] == 255


def test_an_animated_gif_is_published_as_it_is(phone_site):
    img = phone_site.page("phone-photos/").find("img", alt="A moving drawing")
    assert img.parent.name != "picture" and img["src"] == "/images/moving.gif"
    assert (img["width"], img["height"]) == ("120", "80")
    assert published(phone_site, "moving.gif").n_frames == 3


def test_an_iphone_photo_gets_webp_and_a_jpeg_fallback(phone_site):
    img = phone_site.page("phone-photos/").find("img", alt="An iPhone photo")
    assert img["src"] == "/images/iphone-1000w.jpg"
    assert published(phone_site, "iphone-1000w.jpg").format == "JPEG"
    assert "/images/iphone-480w.webp 480w" in img.find_previous("source")["srcset"]
    assert not (phone_site.output / "images" / "iphone.heic").exists()  # browsers cannot show it


def test_an_svg_is_published_as_it_is_with_its_size(phone_site):
    img = phone_site.page("phone-photos/").find("img", alt="A drawing")
    assert (img["src"], img["width"], img["height"]) == ("/images/drawing.svg", "64", "32")


def test_a_file_name_with_a_space_works_written_either_way(phone_site):
    from checks.links import broken_internal_links

    page = phone_site.page("phone-photos/")
    for alt in ["A space in the name", "The same, written with %20"]:
        img = page.find("img", alt=alt)
        assert img["src"] == "/images/Glute%20Bridge.jpg"
        assert "/images/Glute%20Bridge-480w.webp 480w" in img.find_previous("source")["srcset"]
    assert broken_internal_links(phone_site.output) == []


def test_damaged_or_huge_photos_stop_the_build_named(project):
    images = project / "content" / "images"
    photo(images / "whole.jpg", 1000, 800)
    data = (images / "whole.jpg").read_bytes()
    (images / "truncated.jpg").write_bytes(data[: len(data) // 2])
    (images / "notes.jpg").write_text("not a photo", encoding="utf-8")
    photo(images / "huge.jpg", 1200, 1000)
    (images / "nosize.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write("IMAGE_MAX_PIXELS = 1_000_000\n")
    (project / "content" / "articles" / "bad-photos.md").write_text(
        "Title: Bad photos\nDate: 2026-11-20\nCategory: Running\n\nText.\n\n"
        "![Cut short](images/truncated.jpg)\n\n![Notes](images/notes.jpg)\n\n"
        "![Huge](images/huge.jpg)\n\n![No size](images/nosize.svg)\n", encoding="utf-8")
    result = run_task(project, "build")
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    where = "content/articles/bad-photos.md, line "
    for line, message in [
        (7, "The image images/truncated.jpg is damaged and cannot be read to the end"),
        (9, "The image images/notes.jpg is not a photo the site can read"),
        (11, "The image images/huge.jpg is 1200 x 1000 pixels (1 megapixels); the site "
             "takes photos up to 1 megapixels."),
        (13, "The image images/nosize.svg has no size"),
    ]:
        assert f"{where}{line}\n  {message}" in result.stderr, result.stderr


BACKGROUNDS = {"light": (0xfb, 0xfa, 0xf7), "dark": (0x11, 0x17, 0x15)}  # main.css


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_photo_stands_upright_and_the_logo_shows_the_page_behind(
        phone_site, serve, browser_page, scheme):
    import io

    from conftest import ROOT

    page = browser_page
    page.set_viewport_size({"width": 375, "height": 900})
    page.emulate_media(color_scheme=scheme)
    page.goto(serve(phone_site.output) + "/phone-photos/", wait_until="networkidle")
    upright = page.get_by_alt_text("A runner standing upright")
    size = upright.evaluate("i => [i.naturalWidth, i.naturalHeight, i.currentSrc]")
    assert size[0] < size[1] and size[2].endswith(".webp")  # the WebP, standing
    logo = page.get_by_alt_text("The logo")
    logo.scroll_into_view_if_needed()
    page.evaluate("Promise.all([...document.images].map(i => i.decode().catch(() => 0)))")
    shot = Image.open(io.BytesIO(logo.screenshot())).convert("RGB")
    width, height = shot.size
    # The logo: a red block in the middle of a transparent 400 x 200 canvas.
    beside = shot.getpixel((width * 50 // 400, height // 2))  # transparent: the page
    middle = shot.getpixel((width // 2, height // 2))
    assert all(abs(a - b) <= 3 for a, b in zip(beside, BACKGROUNDS[scheme], strict=True)), beside
    assert middle[0] > 150 and middle[1] < 90, middle
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=artifacts / f"phone-photos-375-{scheme}.png", full_page=True)
