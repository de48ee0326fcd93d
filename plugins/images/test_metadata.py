"""The byte-level cleaners, without building a site: what a browser draws
stays (frames, timing, loop, transparency, colour profile), what a phone or
a drawing program wrote about its owner goes, and a file cut short is said."""

import base64
import io

import pytest
from PIL import Image, PngImagePlugin

from .metadata import (
    gif_without_metadata,
    mp4_without_metadata,
    png_without_metadata,
    svg_without_metadata,
    webm_without_metadata,
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


PLACE = b"+51.5007-000.1246/"  # Android's \xa9xyz: where the film was made


def box(kind, *children, large=False):
    """An ISO media box (MP4): its size, its kind, its contents; `large`:
    with a 64-bit size, as a long film's boxes have."""
    payload = b"".join(children)
    if large:
        return (1).to_bytes(4, "big") + kind + (len(payload) + 16).to_bytes(8, "big") + payload
    return (len(payload) + 8).to_bytes(4, "big") + kind + payload


FILM = b"the film's frames, untouched" * 4


def phone_mp4():
    """An MP4 as Android and an iPhone leave one: the place in moov/udta/\xa9xyz,
    in moov/meta (Apple's ISO6709 key), in a track's udta, XMP in a uuid box,
    the phone in a top-level meta; the frames in an mdat that runs to the end
    (size 0)."""
    apple_key = b"mdtacom.apple.quicktime.location.ISO6709"
    xmp = b"<x:xmpmeta>Jane Example</x:xmpmeta>"
    return (box(b"ftyp", b"mp42\0\0\0\0isommp42")
            + box(b"moov", box(b"mvhd", bytes(100)),
                  box(b"trak", box(b"tkhd", bytes(84)), box(b"mdia", box(b"mdhd", bytes(24))),
                      box(b"udta", box(b"\xa9xyz", b"\0\x12\x15\xc7" + PLACE))),
                  box(b"meta", bytes(4), box(b"keys", bytes(8), apple_key),
                      box(b"ilst", box(b"\0\0\0\x01", box(b"data", bytes(8) + PLACE)))),
                  box(b"udta", box(b"\xa9xyz", b"\0\x12\x15\xc7" + PLACE),
                      box(b"\xa9mak", b"Jane's Pixel")), large=True)
            + box(b"uuid", bytes(16) + xmp)
            + box(b"meta", bytes(4), box(b"hdlr", b"Jane's Pixel"))
            + (0).to_bytes(4, "big") + b"mdat" + FILM)


def test_an_mp4_keeps_its_film_and_every_offset_without_its_place_or_phone():
    data = phone_mp4()
    cleaned = mp4_without_metadata(data)
    assert len(cleaned) == len(data)  # sizes and offsets (into mdat) stay
    for secret in (PLACE, b"ISO6709", b"\xa9xyz", b"Jane", b"xmpmeta"):
        assert secret not in cleaned, secret
    assert cleaned.endswith(b"mdat" + FILM) and cleaned.startswith(data[:24])  # ftyp
    assert cleaned.count(b"free") == 5  # 2 udta, 2 meta, the uuid: renamed, kept in size
    assert b"mvhd" + bytes(100) in cleaned and b"tkhd" in cleaned and b"mdhd" in cleaned


def ebml(element_id, payload, unknown_size=False):
    """An EBML element (WebM): its ID, its size (8 bytes), its contents."""
    size = (1 << 56) - 1 if unknown_size else len(payload)
    return element_id + ((1 << 56) | size).to_bytes(8, "big") + payload


WEBM_CLUSTER = ebml(b"\x1f\x43\xb6\x75", ebml(b"\xa3", FILM), unknown_size=True)


def phone_webm():
    """A WebM recorded live (Segment and Cluster of unknown size) with the
    place in its Tags and a photo in its Attachments."""
    tags = ebml(b"\x12\x54\xc3\x67", ebml(b"\x73\x73", ebml(b"\x67\xc8", b"LOCATION"
                                                               + PLACE)))
    attachment = ebml(b"\x19\x41\xa4\x69", b"Jane's photo")
    return (ebml(b"\x1a\x45\xdf\xa3", ebml(b"\x42\x82", b"webm"))
            + ebml(b"\x18\x53\x80\x67", ebml(b"\x15\x49\xa9\x66", b"info") + tags
                   + attachment + WEBM_CLUSTER, unknown_size=True))


def test_a_webm_keeps_its_film_and_every_offset_without_tags_or_attachments():
    data = phone_webm()
    cleaned = webm_without_metadata(data)
    assert len(cleaned) == len(data) and cleaned.endswith(WEBM_CLUSTER)
    assert PLACE not in cleaned and b"Jane" not in cleaned and b"LOCATION" not in cleaned
    assert cleaned.count(b"\xec\x01") == 2  # each a Void element, as long as it was


@pytest.mark.parametrize("clean,data", [
    (mp4_without_metadata, phone_mp4()),  # cut inside moov
    (gif_without_metadata, animated("GIF")),
    (webp_without_metadata, animated("WEBP")),
    (png_without_metadata, animated("PNG")),
])
def test_a_file_cut_short_is_said_not_published_in_part(clean, data):
    assert clean(data)  # whole: fine
    with pytest.raises(ValueError):
        clean(data[: len(data) // 2])
