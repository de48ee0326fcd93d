"""What the coach's photos say, and nothing else: a site built from photos
and video files as a phone, a camera and a drawing program leave them
(place, camera, owner, software, comments, file paths, in EXIF, XMP, IPTC,
PNG text, GIF comments, SVG metadata, an MP4's udta and meta, a WebM's
Tags) publishes none of it, in any image or video it holds; a photo no
post uses is not published, and the build says so, nor a draft's where
drafts are not published; and the pictures come out right (16-bit grey, a
wide-gamut iPhone colour, the height the page states)."""

import base64
import io
import re
import struct

import pytest
from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

from conftest import PRODUCTION_SITEURL, Build, copy_project, run_pelican, run_task
from plugins.images.test_metadata import PLACE, phone_mp4, phone_webm

OWNER, CAMERA, MODEL, SOFTWARE = "Jane Example", "CoachCam", "Runner 5", "PhotoFixer 9"
# Words that are only in the fixtures' metadata: none may reach the site.
SECRETS = [OWNER, CAMERA, MODEL, SOFTWARE, "jane-private", "/home/jane", "IMG_0042", "Tracy"]
INTENDED = (216, 93, 24)  # the orange the coach saw on her iPhone, in sRGB
VIDEO = "PRIVACYVID1"

POST = f"""Title: Photos from my phone
Slug: phone-photos
Date: 2026-11-20
Category: Running

![A runner on the track](images/phone.jpg)

![A tall photo](images/tall.jpg)

![An orange cone, in Display P3](images/p3.jpg)

![A scanned page in 16-bit grey](images/grey16.png)

![The logo](images/logo.png)

![A moving drawing](images/moving.gif)

![A moving photo](images/moving.webp)

![A still photo](images/still.webp)

![A drawing](images/drawing.svg)

![An iPhone photo](images/iphone.heic)

![A phone photo with its HDR map](images/hdr.jpg)

[The full photo](images/linked.jpg)

[The photo Windows saved](images/linked.jfif)

![The drill](images/drill.mp4)

![The stretch](images/stretch.webm)

https://youtu.be/{VIDEO}
"""


# A draft (a post scheduled for a day that has not come is one too): where
# drafts are not published (production), neither are their photos.
DRAFT = """Title: Client results
Date: 2026-11-21
Category: Running
Status: draft

![Client before](images/client-before.jpg)

![A runner on the track](images/phone.jpg)
"""


def exif_of_a_phone(orientation=1):
    """EXIF as a phone writes it: where (GPS), with what, by whom, edited how."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = CAMERA, MODEL  # Make, Model
    exif[0x013B], exif[0x0131] = OWNER, SOFTWARE  # Artist, Software
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 26.0), 3: "W", 4: (0.0, 7.0, 39.0)}  # GPS
    return exif


XMP = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
       f'02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
       f'dc:creator="{OWNER}" xmlns:tiff="http://ns.adobe.com/tiff/1.0/" '
       f'tiff:Make="{CAMERA}"/></rdf:RDF></x:xmpmeta>').encode()


def with_iptc(jpeg):
    """The JPEG with an IPTC By-line (in Photoshop's APP13), as a photo
    manager writes it, just after the start marker."""
    byline = OWNER.encode()
    iptc = b"\x1c\x02\x50" + struct.pack(">H", len(byline)) + byline
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    resource += b"\x00" * (len(resource) % 2)
    segment = b"Photoshop 3.0\x00" + resource
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(segment) + 2) + segment + jpeg[2:]


def phone_jpeg(path, image, orientation=1, **options):
    data = io.BytesIO()
    image.save(data, "JPEG", quality=92, exif=exif_of_a_phone(orientation), xmp=XMP,
               comment=f"{OWNER}'s phone", **options)
    path.write_bytes(with_iptc(data.getvalue()))


def display_p3_profile():
    """An ICC profile of Display P3 (an iPhone's colours: P3 primaries, D65
    white, the sRGB tone curve), adapted to D50 as ICC wants (Bradford)."""
    def xyz(x, y):
        return [x / y, 1.0, (1 - x - y) / y]

    def times(matrix, vector):
        return [sum(a * b for a, b in zip(row, vector, strict=True)) for row in matrix]

    primaries = [xyz(0.680, 0.320), xyz(0.265, 0.690), xyz(0.150, 0.060)]
    d65, d50 = xyz(0.3127, 0.3290), [0.9642, 1.0, 0.8249]
    columns = list(zip(*primaries, strict=True))  # primaries as columns
    weights = solve(columns, d65)
    bradford = [[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367],
                [0.0389, -0.0685, 1.0296]]
    gain = [a / b for a, b in zip(times(bradford, d50), times(bradford, d65), strict=True)]

    def adapted(colour):
        cone = [g * c for g, c in zip(gain, times(bradford, colour), strict=True)]
        return solve(bradford, cone)

    def xyz_tag(values):
        return b"XYZ \0\0\0\0" + b"".join(struct.pack(">i", round(v * 65536)) for v in values)

    def srgb_decoded(value):
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    curve = b"curv\0\0\0\0" + struct.pack(">I", 1024) + b"".join(
        struct.pack(">H", round(srgb_decoded(i / 1023) * 65535)) for i in range(1024))
    name = b"Display P3 (test)\0"
    description = (b"desc\0\0\0\0" + struct.pack(">I", len(name)) + name
                   + b"\0" * 8 + b"\0" * 3 + b"\0" * 67)
    tags = [(b"desc", description), (b"cprt", b"text\0\0\0\0No copyright\0"),
            (b"wtpt", xyz_tag(d50))]
    tags += [(kind, xyz_tag(adapted([w * p for p in primary])))
             for kind, w, primary in zip([b"rXYZ", b"gXYZ", b"bXYZ"], weights, primaries,
                                         strict=True)]
    tags += [(kind, curve) for kind in (b"rTRC", b"gTRC", b"bTRC")]
    table, data, offset = b"", b"", 128 + 4 + 12 * len(tags)
    for kind, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += kind + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"\0" * 4 + b"\x02\x10\x00\x00" + b"mntrRGB XYZ "
              + b"\0" * 12 + b"acsp" + b"\0" * 24 + b"\0" * 4
              + b"".join(struct.pack(">i", round(v * 65536)) for v in d50) + b"\0" * 48)
    return header + struct.pack(">I", len(tags)) + table + data


def solve(matrix, vector):
    """x such that matrix · x = vector (3 x 3, Cramer's rule)."""
    def det(m):
        return (m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]))

    whole = det(matrix)
    return [det([[vector[r] if c == k else matrix[r][c] for c in range(3)] for r in range(3)])
            / whole for k in range(3)]


def p3_photo(path):
    """An orange block as an iPhone stores it: Display P3 values, its profile."""
    p3 = display_p3_profile()
    srgb = Image.new("RGB", (800, 600), INTENDED)
    stored = ImageCms.profileToProfile(srgb, ImageCms.createProfile("sRGB"),
                                       ImageCms.ImageCmsProfile(io.BytesIO(p3)))
    phone_jpeg(path, stored, icc_profile=p3)


def png_with_text(path, image):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", OWNER)
    info.add_text("Software", SOFTWARE, zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    image.save(path, pnginfo=info, exif=exif_of_a_phone())


def gif_with_comment_and_xmp(path):
    """An animated GIF with a comment block and an XMP application block."""
    frames = [Image.new("RGB", (120, 80), colour) for colour in ("red", "green", "blue")]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=200, loop=0,
                   comment=f"Made by {OWNER}")
    xmp = b"\x21\xff\x0bXMP DataXMP" + bytes([len(XMP[:255])]) + XMP[:255] + b"\x00"
    data = path.read_bytes()
    path.write_bytes(data[:-1] + xmp + data[-1:])  # before the trailer


DRAWING = """<?xml version="1.0"?>
<!-- Created by {owner} -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
  xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#"
  viewBox="0 0 64 32" sodipodi:docname="jane-private.svg"
  inkscape:export-filename="/home/jane/Desktop/logo.png">
  <metadata><rdf:RDF><cc:Work><dc:creator><cc:Agent><dc:title>{owner}</dc:title>
  </cc:Agent></dc:creator></cc:Work></rdf:RDF></metadata>
  <sodipodi:namedview inkscape:current-layer="layer1" inkscape:window-width="1920"/>
  <title>A teal block</title>
  <g inkscape:label="Layer by {owner}" inkscape:groupmode="layer" id="layer1">
    <rect width="64" height="32" fill="teal"/>
    <image xlink:href="file:///home/jane/Pictures/track.jpg" width="1" height="1"/>
    <image xlink:href="/Users/tracy/Pictures/IMG_0042.jpg" width="1" height="1"/>
    <image xlink:href="C:\\Users\\Tracy\\Pictures\\IMG_0042.jpg" width="1" height="1"/>
    <image xlink:href="data:image/jpeg;base64,{photo}" x="40" width="24" height="18"/>
    <image xlink:href="data:image/jpeg;charset=utf-8;base64,{photo}" width="24" height="18"/>
  </g>
</svg>
"""


def fixture_files(content):
    from pillow_heif import register_heif_opener

    register_heif_opener()
    images = content / "images"
    (images / "videos").mkdir(parents=True)
    scene = Image.new("RGB", (1200, 900), "white")
    ImageDraw.Draw(scene).rectangle((100, 100, 700, 500), fill="darkgreen")
    # A photo stored on its side, as phones do, at most 2,000 px wide: it used
    # to be the <img> fallback byte for byte, GPS and all.
    phone_jpeg(images / "phone.jpg", scene.transpose(Image.Transpose.ROTATE_90), orientation=6)
    # 4000 x 5997: decoded at half size it is 2000 x 2999, where the page said 2998.
    phone_jpeg(images / "tall.jpg", Image.new("L", (4000, 5997), 128))  # flat: quick to encode
    p3_photo(images / "p3.jpg")
    png_with_text(images / "grey16.png",
                  Image.new("I;16", (600, 400), 0x8080))  # a mid grey, in 16 bits
    logo = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
    logo.paste((200, 40, 40, 255), (100, 50, 300, 150))
    png_with_text(images / "logo.png", logo)
    gif_with_comment_and_xmp(images / "moving.gif")
    frames = [Image.new("RGB", (120, 80), colour) for colour in ("red", "green", "blue")]
    frames[0].save(images / "moving.webp", save_all=True, append_images=frames[1:],
                   duration=200, loop=0, exif=exif_of_a_phone(), xmp=XMP)
    scene.save(images / "still.webp", exif=exif_of_a_phone(), xmp=XMP)
    phone_jpeg(images / "embedded.jpg", Image.new("RGB", (48, 36), "orange"))
    embedded = base64.b64encode((images / "embedded.jpg").read_bytes()).decode()
    (images / "embedded.jpg").unlink()  # Inkscape embeds the photo itself (its default)
    (images / "drawing.svg").write_text(DRAWING.format(owner=OWNER, photo=embedded),
                                        encoding="utf-8")
    scene.resize((600, 450)).save(images / "iphone.heic", exif=exif_of_a_phone().tobytes(),
                                  xmp=XMP)
    # A JPEG with a second picture after it (MPF: a depth or HDR map), as
    # recent phones write: Pillow reads it as two frames, "MPO".
    scene.save(images / "hdr.jpg", "MPO", save_all=True, append_images=[
        scene.resize((300, 225))], exif=exif_of_a_phone(), xmp=XMP)
    phone_jpeg(images / "linked.jpg", scene)
    phone_jpeg(images / "linked.jfif", scene)  # a JPEG as Windows saves one from the web
    phone_jpeg(images / "spare.jfif", scene)
    phone_jpeg(images / "client-before.jpg", scene)  # a draft's
    (images / "drill.mp4").write_bytes(phone_mp4())
    (images / "stretch.webm").write_bytes(phone_webm())
    phone_jpeg(images / "videos" / f"{VIDEO}.jpg", Image.new("RGB", (480, 360), "teal"))
    phone_jpeg(images / "share.jpg", scene)  # link previews' picture (a setting)
    phone_jpeg(images / "tracy.jpg", Image.new("RGB", (1500, 2000), "tan"))  # AUTHOR_PHOTO
    phone_jpeg(images / "spare.jpg", scene)  # in the folder, in no post


@pytest.fixture(scope="module")
def privacy_project(tmp_path_factory):
    """A copy of the project with a post using all of these photos, and a draft."""
    project = copy_project(tmp_path_factory.mktemp("privacy"))
    fixture_files(project / "content")
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write('DEFAULT_SHARE_IMAGE = "images/share.jpg"\n')
        settings.write('AUTHOR_PHOTO = "images/tracy.jpg"\n')
    for name, text in [("phone-photos.md", POST), ("client-results.md", DRAFT)]:
        (project / "content" / "articles" / name).write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def privacy_production(privacy_project, privacy_site):
    """Its production build (publishconf.py), after the coach's: the
    encoded photos come from the cache."""
    build = run_pelican(privacy_project, privacy_project / "production", "publishconf.py",
                        {"SITEURL": PRODUCTION_SITEURL})
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def privacy_site(privacy_project):
    """The coach's `./dev build` of it."""
    project = privacy_project
    result = run_task(project, "build")
    build = Build(project / "output", result.returncode, result.stdout + result.stderr)
    assert build.returncode == 0, build.log
    return build


IMAGE_FILES = {".jpg", ".jpeg", ".jfif", ".png", ".gif", ".webp", ".svg", ".heic", ".avif"}
VIDEO_FILES = {".mp4", ".m4v", ".webm"}
# Traces of a place or a phone in a video file: Android's, Apple's, XMP.
VIDEO_MARKS = [PLACE, b"\xa9xyz", b"ISO6709", b"LOCATION", b"xmpmeta"]
# What Pillow finds of metadata in an image's info, by format.
METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc",
                 "Author", "Software"}
# Traces of metadata in any image's bytes: EXIF, XMP, Photoshop's IPTC block.
METADATA_MARKS = [b"Exif\0\0", b"adobe:ns:meta", b"<x:xmpmeta", b"Photoshop 3.0", b"8BIM",
                  b"XMP DataXMP"]
DRAWING_MARKS = ["<metadata", "rdf:", "inkscape", "sodipodi", "<!--", "file://"]


def metadata_in(path):
    """What `path`, a published image, says beyond its picture: [] if nothing."""
    data = path.read_bytes()
    found = [mark.decode() for mark in METADATA_MARKS if mark in data]
    found += [secret for secret in SECRETS if secret.encode() in data]
    if path.suffix in VIDEO_FILES:
        return found + [repr(mark) for mark in VIDEO_MARKS if mark in data]
    if path.suffix == ".svg":
        text = data.decode("utf-8")
        for photo in re.findall(r"data:image/[\w+.-]+(?:;[^;,]*)*;base64,([\w+/=]+)", text):
            embedded = base64.b64decode(photo)
            found += [f"a photo in it: {secret}" for secret in SECRETS
                      if secret.encode() in embedded]
            found += [f"a photo in it: {mark.decode()}" for mark in METADATA_MARKS
                      if mark in embedded]
        return found + [mark for mark in DRAWING_MARKS if mark in text]
    with Image.open(path) as image:
        exif = image.getexif()
        found += [f"EXIF tag {hex(tag)}" for tag in exif]
        found += [f"{key} in {image.format}" for key in METADATA_KEYS & set(image.info)]
        found += [f"PNG text {key}" for key in getattr(image, "text", {})]
    return found


def published_images(output):
    return sorted(p for p in output.rglob("*") if p.suffix.lower() in IMAGE_FILES | VIDEO_FILES
                  and "theme" not in p.relative_to(output).parts)


def test_no_published_image_or_video_says_where_with_what_or_by_whom(privacy_site):
    images = published_images(privacy_site.output)
    assert len(images) >= 20  # every photo, its WebPs, the drawing, the poster, the link
    assert {"drill.mp4", "stretch.webm", "linked.jfif"} <= {p.name for p in images}
    leaks = [f"{p.relative_to(privacy_site.output)}: {', '.join(found)}"
             for p in images if (found := metadata_in(p))]
    assert leaks == [], "\n".join(leaks)


def test_a_video_file_is_published_whole_as_the_post_plays_it(privacy_site):
    """Cleaned in place: the same size, every offset into the film the same."""
    originals = privacy_site.output.parent / "content" / "images"
    for name in ["drill.mp4", "stretch.webm"]:
        published = (privacy_site.output / "images" / name).read_bytes()
        original = (originals / name).read_bytes()
        assert len(published) == len(original) and published[-100:] == original[-100:], name
    video = privacy_site.page("phone-photos/").find("video", attrs={"aria-label": "The drill"})
    assert video["src"] == "../images/drill.mp4"


def test_a_drafts_photos_are_published_only_where_drafts_are(privacy_site,
                                                            privacy_production):
    """Production writes no drafts (nor scheduled posts, drafts until their
    day): their photos stay private until the post is published; the
    preview shows them."""
    live = privacy_production.output
    assert not (live / "drafts").exists()
    assert sorted(p.name for p in live.rglob("client-before*")) == []
    assert (live / "images" / "phone.jpg").exists()  # a published post shows it too
    assert (live / "images" / "drill.mp4").exists()
    draft = privacy_site.page("drafts/client-results/").find("img", alt="Client before")
    assert draft["src"] == "/images/client-before.jpg"
    assert (privacy_site.output / "images" / "client-before.jpg").exists()


def test_every_fixture_carries_the_metadata_the_test_looks_for(privacy_site):
    """The check above could pass by reading nothing: here it reads the
    coach's own files and finds what she did not mean to publish."""
    originals = privacy_site.output.parent / "content" / "images"
    for path in sorted(originals.rglob("*.*")):
        if path.suffix != ".heic":  # Pillow reads HEIC only once pillow-heif is registered
            assert metadata_in(path), path.name


def test_a_photo_no_post_uses_is_not_published_and_the_build_says_so(privacy_site):
    assert not list(privacy_site.output.rglob("spare*"))
    assert ("content/images/spare.jpg is used by no post or page, so it is not published."
            in privacy_site.log)
    assert "content/images/spare.jfif is used by no post or page" in privacy_site.log
    assert (privacy_site.output / "images" / "linked.jpg").exists()  # a link uses it
    assert (privacy_site.output / "images" / "videos" / f"{VIDEO}.jpg").exists()  # a poster
    # Named by a setting: used (on pages; a post has its own, plugins/share_images).
    share = privacy_site.page("about/").find("meta", property="og:image")["content"]
    assert share.endswith("/images/share.jpg")
    assert (privacy_site.output / "images" / "share.jpg").exists()


def test_photos_are_published_upright_and_whole(privacy_site):
    page = privacy_site.page("phone-photos/")
    img = page.find("img", alt="A runner on the track")
    with Image.open(privacy_site.output / "images" / "phone.jpg") as fallback:
        assert fallback.size == (1200, 900) == (int(img["width"]), int(img["height"]))
        green, white = fallback.getpixel((400, 300)), fallback.getpixel((1000, 700))
        assert green[1] > green[0] + 50 and min(white) > 240  # the block top left, upright
    with Image.open(privacy_site.output / "images" / "moving.gif") as gif:
        assert gif.n_frames == 3 and gif.info["loop"] == 0
    with Image.open(privacy_site.output / "images" / "moving.webp") as webp:
        assert webp.n_frames == 3
    hdr = page.find("img", alt="A phone photo with its HDR map")
    assert hdr.parent.name == "picture" and hdr["src"] == "/images/hdr.jpg"
    with Image.open(privacy_site.output / "images" / "hdr.jpg") as jpeg:
        assert (jpeg.format, jpeg.size) == ("JPEG", (1200, 900))
    assert "teal" in (privacy_site.output / "images" / "drawing.svg").read_text()


def test_the_height_the_page_states_is_the_files(privacy_site):
    """4000 x 5997 made 2000 wide: 2998.5 high, one pixel either way; the
    page and the files must agree (a JPEG decoded at half size, 2000 x 2999,
    once gave the file one more pixel than the page)."""
    img = privacy_site.page("phone-photos/").find("img", alt="A tall photo")
    for name in ["tall.jpg", "tall-2000w.webp", "tall-480w.webp"]:
        with Image.open(privacy_site.output / "images" / name) as published:
            width, height = published.size
            assert height == round(int(img["height"]) * width / 2000), name


def as_a_browser_shows(path, where):
    """The sRGB colour a browser shows at `where`: through the file's colour
    profile if it has one, else its values (browsers take them as sRGB)."""
    with Image.open(path) as image:
        image = image.convert("RGB")
        profile = image.info.get("icc_profile")
        if profile:
            image = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"))
        return image.getpixel(where)


def close(colour, expected, tolerance=3):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def test_a_wide_gamut_iphone_photo_keeps_its_colour(privacy_site):
    images = privacy_site.output / "images"
    for name in ["p3.jpg", "p3-480w.webp", "p3-800w.webp"]:
        shown = as_a_browser_shows(images / name, (400, 300) if "480" not in name else (240, 180))
        assert close(shown, INTENDED), (name, shown)


def test_a_16_bit_grey_scan_is_grey_not_white(privacy_site):
    with Image.open(privacy_site.output / "images" / "grey16-600w.webp") as webp:
        red, green, blue = webp.convert("RGB").getpixel((300, 200))
    assert 0x7c <= red <= 0x84 and red == green == blue  # 0x8080 in 16 bits: 0x80


def test_in_chromium_the_iphone_photo_shows_the_orange_she_saw(
        privacy_site, serve, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(serve(privacy_site.output) + "/phone-photos/", wait_until="networkidle")
    photo = page.get_by_alt_text("An orange cone, in Display P3")
    photo.scroll_into_view_if_needed()
    photo.evaluate("i => i.decode()")
    shot = Image.open(io.BytesIO(photo.screenshot())).convert("RGB")
    middle = shot.getpixel((shot.width // 2, shot.height // 2))
    assert close(middle, INTENDED, 4), middle


def test_her_photo_is_published_small_and_clean_and_shown_by_the_author_box(privacy_site):
    """AUTHOR_PHOTO: used by a setting, so published, without its metadata
    (the first test reads every published image), and no wider than the
    theme shows it, three pixels to one."""
    published = privacy_site.output / "images" / "tracy.jpg"
    with Image.open(published) as photo:
        assert photo.size == (480, 640)
    assert metadata_in(published) == []
    box = privacy_site.page("phone-photos/").select_one(".author-box img.author-photo")
    assert box["src"] == "../images/tracy.jpg" and box["alt"] == "Tracy Swindell"
