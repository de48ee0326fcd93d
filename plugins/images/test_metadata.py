"""The byte-level cleaners, without building a site: what a browser draws
stays (frames, timing, loop, transparency, colour profile), what a phone or
a drawing program wrote about its owner goes, and a file cut short is said."""

import base64
import io

import pytest
from PIL import Image, PngImagePlugin

from .metadata import (
    gif_without_metadata,
    png_without_metadata,
    svg_without_metadata,
    webp_without_metadata,
)

OWNER = b"Jane Example"


def exif():
    tags = Image.Exif()
    tags[0x013B] = OWNER.decode()  # Artist
    return tags


def frames(mode="RGB"):
    return [Image.new(mode, (40, 30), colour) for colour in ("red", "green", "blue")]


def animated(fmt, **options):
    data = io.BytesIO()
    first, *rest = frames()
    first.save(data, fmt, save_all=True, append_images=rest, duration=120, loop=0, **options)
    return data.getvalue()


def test_an_animated_gif_keeps_its_frames_and_loop_without_comment_or_xmp():
    data = animated("GIF", comment=b"by " + OWNER)
    xmp = b"\x21\xff\x0bXMP DataXMP\x0c" + OWNER + b"\x00"
    cleaned = gif_without_metadata(data[:-1] + xmp + data[-1:])
    assert OWNER not in cleaned
    with Image.open(io.BytesIO(cleaned)) as gif:
        assert (gif.n_frames, gif.info["loop"], gif.info["duration"]) == (3, 0, 120)
        assert "comment" not in gif.info
        gif.seek(2)
        assert gif.convert("RGB").getpixel((5, 5)) == (0, 0, 255)


def test_an_animated_webp_keeps_its_frames_and_profile_without_exif_or_xmp():
    profile = b"\0" * 8 + b"a colour profile"
    cleaned = webp_without_metadata(animated("WEBP", exif=exif(), xmp=b"<x>" + OWNER + b"</x>",
                                             icc_profile=profile, lossless=True))
    assert OWNER not in cleaned
    with Image.open(io.BytesIO(cleaned)) as webp:
        assert webp.n_frames == 3 and "exif" not in webp.info and "xmp" not in webp.info
        assert webp.info["icc_profile"] == profile
        webp.seek(1)
        assert webp.convert("RGB").getpixel((5, 5))[1] > 100  # green


def test_a_png_keeps_its_pixels_and_transparency_without_text_or_exif():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", OWNER.decode())
    info.add_itxt("XML:com.adobe.xmp", f"<x>{OWNER.decode()}</x>", zip=True)
    data = io.BytesIO()
    logo = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    logo.paste((200, 40, 40, 255), (10, 10, 30, 20))
    logo.save(data, "PNG", pnginfo=info, exif=exif())
    cleaned = png_without_metadata(data.getvalue())
    assert OWNER not in cleaned
    with Image.open(io.BytesIO(cleaned)) as png:
        assert png.text == {} and not png.getexif()
        assert png.mode == "RGBA" and png.tobytes() == logo.tobytes()


def test_a_drawing_keeps_what_it_draws_without_metadata_editors_data_or_paths():
    cleaned = svg_without_metadata(
        '<!-- by Jane --><svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 4 2" '
        'inkscape:export-filename="/home/jane/x.png"><metadata><x>Jane</x></metadata>'
        '<inkscape:grid/><title>Two squares</title><rect width="2" height="2" fill="teal" '
        'inkscape:label="Jane"/><use xlink:href="#a" x="2"/>'
        '<image xlink:href="file:///home/jane/p.jpg"/>'
        '<image xlink:href="/Users/jane/Pictures/IMG_0042.jpg"/>'
        '<image href="C:\\Users\\Jane\\Pictures\\IMG_0043.jpg"/></svg>', refuse_pictures)
    assert "IMG_004" not in cleaned and "jane" not in cleaned.lower()
    assert "Jane" not in cleaned and "inkscape" not in cleaned and "<metadata" not in cleaned
    assert '<title>Two squares</title><rect width="2" height="2" fill="teal" />' in cleaned
    assert '<use xlink:href="#a" x="2" />' in cleaned and 'viewBox="0 0 4 2"' in cleaned


def refuse_pictures(data):
    raise AssertionError("the drawing embeds no picture")


def test_a_photo_a_drawing_embeds_is_handed_over_and_replaced():
    photo = base64.b64encode(b"JPEG with Jane's EXIF").decode()
    handed = []

    def picture_alone(data):
        handed.append(data)
        return "image/png", b"pixels alone"

    cleaned = svg_without_metadata(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2">'
        f'<image href="data:image/jpeg;base64,{photo}" width="4" height="2"/>'
        f'<image href="data:image/jpeg;charset=utf-8;base64,{photo}" width="3" height="2"/>'
        '<image href="data:image/svg+xml;base64,PHN2Zy8+" width="1" height="1"/></svg>',
        picture_alone)
    assert handed == [b"JPEG with Jane's EXIF"] * 2  # the embedded drawing is not a photo
    expected = base64.b64encode(b"pixels alone").decode()
    assert f'<image href="data:image/png;base64,{expected}" width="4" height="2" />' in cleaned
    assert f'<image href="data:image/png;base64,{expected}" width="3" height="2" />' in cleaned


@pytest.mark.parametrize("clean,data", [
    (gif_without_metadata, animated("GIF")),
    (webp_without_metadata, animated("WEBP")),
    (png_without_metadata, animated("PNG")),
])
def test_a_file_cut_short_is_said_not_published_in_part(clean, data):
    assert clean(data)  # whole: fine
    with pytest.raises(ValueError):
        clean(data[: len(data) // 2])
