"""Each post's own link-preview picture, checked in the built site: its own
file of 1200 x 630, the post's photo in it (its pixels, with nothing a phone
wrote beside them), the title as typed, long titles inside the picture, and
a second build that draws nothing it drew before. Built in-process."""

import html
import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from plugins import images, page_meta
from plugins.in_process import build_in_process

from . import share_images as plugin

SITEURL = "https://coach.example"
HOSTILE = "</script> <b>Fish</b> & \"chips\" 'too' <"
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosisandmore"
LONG = ("Why stretching your hamstrings every single morning is not working, and what "
        f"to do instead when they still feel tight after a {LONG_WORD} long run")
PHOTO_COLOUR = (200, 40, 160)
SECRETS = [b"SecretCam", b"Tracy's phone", b"Exif", b"xmpmeta"]
POSTS = {
    "plain": "Hip hinge",
    "photo": "Glute bridge",
    "hostile": HOSTILE,
    "long": LONG,
}


def post_text(slug, title):
    body = '![A bridge, hips up](images/bridge.jpg "On the mat")' if slug == "photo" else "Text."
    return (f"Title: {title}\nSlug: {slug}\nDate: 2026-11-09\nCategory: Running\n"
            f"Summary: A post.\n\nThe first words.\n\n{body}\n")


def phone_photo(path):
    """A photo as a phone saves it: place, camera, owner, comment, XMP."""
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 26.0), 3: "W", 4: (0.0, 7.0, 39.0)}
    Image.new("RGB", (900, 1200), PHOTO_COLOUR).save(
        path, "JPEG", quality=95, exif=exif, comment="Tracy's phone",
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>')


def build(content, output, cache):
    return build_in_process(content, output, [page_meta, plugin, images],
                            SITEURL=SITEURL, RELATIVE_URLS=True,
                            IMAGE_CACHE_PATH=str(cache / "images"),
                            SHARE_IMAGE_CACHE_PATH=str(cache / "share"))


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    folder = tmp_path_factory.mktemp("share-content")
    (folder / "articles").mkdir()
    (folder / "pages").mkdir()
    (folder / "images").mkdir()
    for slug, title in POSTS.items():
        (folder / "articles" / f"{slug}.md").write_text(post_text(slug, title), encoding="utf-8")
    (folder / "pages" / "about.md").write_text("Title: About\n\nWho coaches here.\n",
                                                encoding="utf-8")
    phone_photo(folder / "images" / "bridge.jpg")
    return folder


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("share-cache")


@pytest.fixture(scope="module")
def site(content, cache, tmp_path_factory):
    return build(content, tmp_path_factory.mktemp("share-site"), cache)


def theme_colours():
    css = Path(plugin.__file__).parents[2] / "theme" / "static" / "css" / "main.css"
    return plugin.brand_colours(css.read_text(encoding="utf-8"))


def head_meta(site, path):
    head = site.page(path).head
    return {m.get("property") or m.get("name"): m.get("content") for m in head.select("meta")}


def picture_of(site, slug):
    """The post's picture, as the file its og:image names."""
    url = head_meta(site, f"{slug}/")["og:image"]
    assert url.startswith(f"{SITEURL}/")
    return site.output / url.removeprefix(f"{SITEURL}/")


def test_each_post_names_its_own_picture_of_1200_by_630(site):
    addresses = set()
    for slug in POSTS:
        meta = head_meta(site, f"{slug}/")
        addresses.add(meta["og:image"])
        assert meta["twitter:image"] == meta["og:image"]
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        assert meta["og:image:alt"].startswith(POSTS[slug])
        with Image.open(picture_of(site, slug)) as picture:
            assert picture.size == (1200, 630)
    assert len(addresses) == len(POSTS)
    assert head_meta(site, "about/")["og:image"] == f"{SITEURL}/theme/images/share.png"


def test_a_post_with_a_photo_shows_it_in_its_picture_and_the_others_the_brand_colour(site):
    accent = Image.new("RGB", (1, 1), theme_colours()["accent"]).getpixel((0, 0))
    spot = (1200 - plugin.PHOTO_WIDTH // 2, 315)  # the middle of the photo's part
    with Image.open(picture_of(site, "photo")) as picture:
        assert close(picture.convert("RGB").getpixel(spot), PHOTO_COLOUR)
        assert close(picture.convert("RGB").getpixel((20, 610)), accent)
    with Image.open(picture_of(site, "plain")) as picture:
        assert close(picture.convert("RGB").getpixel(spot), accent)
    alt = head_meta(site, "photo/")["og:image:alt"]
    assert alt == "Glute bridge · One Body Coach, beside the photo: A bridge, hips up"


def close(colour, expected, tolerance=12):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def test_no_metadata_from_the_phone_leaves_with_the_picture(site, content):
    original = (content / "images" / "bridge.jpg").read_bytes()
    assert all(secret in original for secret in SECRETS)  # the check can see them
    data = picture_of(site, "photo").read_bytes()
    assert [secret for secret in SECRETS if secret in data] == []
    with Image.open(io.BytesIO(data)) as picture:
        assert not picture.getexif()
        assert not {"exif", "xmp", "comment", "icc_profile"} & picture.info.keys()


def published(picture):
    """The pixels of `picture` as the plugin publishes it."""
    data, _ = plugin.encoded(picture, False, 85)
    return Image.open(io.BytesIO(data)).convert("RGB").tobytes()


def test_the_title_is_drawn_as_typed_not_as_markup(site):
    colours = theme_colours()
    with Image.open(picture_of(site, "hostile")) as picture:
        built = picture.convert("RGB").tobytes()
    as_typed = plugin.draw_share_image(HOSTILE, "One Body Coach", colours, plugin.FONT)
    as_markup = plugin.draw_share_image(html.escape(HOSTILE), "One Body Coach", colours,
                                        plugin.FONT)
    assert built == published(as_typed) != published(as_markup)
    assert head_meta(site, "hostile/")["og:image:alt"] == f"{HOSTILE} · One Body Coach"


def test_a_long_title_wraps_and_shrinks_and_stays_inside_the_picture(site):
    with Image.open(picture_of(site, "long")) as picture:
        rgb = picture.convert("RGB")
    background = rgb.getpixel((1199, 0))
    right_margin = rgb.crop((1200 - plugin.MARGIN + 8, 0, 1200, 630))
    assert right_margin.getcolors() == [(right_margin.width * 630, background)]
    font, lines = plugin.fit_title(LONG, plugin.FONT, 1200 - 2 * plugin.MARGIN, 380)
    assert font.size < max(plugin.TITLE_SIZES)
    assert all(font.getlength(line) <= 1200 - 2 * plugin.MARGIN for line in lines)
    assert " ".join(lines).replace("- ", "").replace("-", "") == LONG.replace("-", "")


def test_a_word_longer_than_a_line_is_split_with_a_hyphen_not_cut_off():
    font, lines = plugin.fit_title(LONG_WORD * 2, plugin.FONT, 300, 600)
    assert len(lines) > 1 and all(line.endswith("-") for line in lines[:-1])
    assert all(font.getlength(line) <= 300 for line in lines)
    assert "".join(line.removesuffix("-") for line in lines) == LONG_WORD * 2


def test_characters_the_font_lacks_are_left_out_not_drawn_as_boxes():
    font = plugin.ImageFont.truetype(plugin.FONT, 60)
    assert plugin.drawable("Run 💪 café “fast”", font) == "Run café “fast”"


def test_a_second_build_draws_only_the_changed_title(site, content, cache, tmp_path,
                                                     monkeypatch):
    drawn = []
    draw = plugin.draw_share_image
    monkeypatch.setattr(plugin, "draw_share_image",
                        lambda title, *args: drawn.append(title) or draw(title, *args))
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    (copy / "articles" / "plain.md").write_text(post_text("plain", "Hip hinge, again"),
                                                encoding="utf-8")
    site = build(copy, tmp_path / "output", cache)
    assert drawn == ["Hip hinge, again"]
    assert all(picture_of(site, slug).exists() for slug in POSTS)


def test_the_picture_and_the_card_show_the_same_photo_the_first_still_one(tmp_path):
    """A drawing or a moving GIF before the photo: the card (plugins/images'
    first_photo) and the link preview both take the photo, never one each."""
    folder = tmp_path / "content"
    (folder / "articles").mkdir(parents=True)
    (folder / "images").mkdir()
    phone_photo(folder / "images" / "bridge.jpg")
    (folder / "images" / "plan.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"></svg>', encoding="utf-8")
    frames = [Image.new("RGB", (60, 40), colour) for colour in ("red", "blue")]
    frames[0].save(folder / "images" / "drill.gif", save_all=True, append_images=frames[1:])
    firsts = {"drawing": "![The plan](images/plan.svg)",
              "moving": "![The drill, moving](images/drill.gif)"}
    for slug, first in firsts.items():
        (folder / "articles" / f"{slug}.md").write_text(
            f"Title: {slug.title()} first\nSlug: {slug}\nDate: 2026-11-09\nCategory: Running\n"
            f"Summary: A post.\n\n{first}\n\nThen a photo.\n\n"
            "![A bridge, hips up](images/bridge.jpg)\n", encoding="utf-8")
    site = build(folder, tmp_path / "output", tmp_path / "cache")

    spot = (1200 - plugin.PHOTO_WIDTH // 2, 315)
    cards = {card.h2.a["href"].rstrip("/").rsplit("/", 1)[-1]: card
             for card in site.page("").select(".post-card")}
    for slug in firsts:
        with Image.open(picture_of(site, slug)) as picture:
            assert close(picture.convert("RGB").getpixel(spot), PHOTO_COLOUR), slug
        assert "images/bridge" in cards[slug].select_one("picture.card-photo img")["src"], slug
