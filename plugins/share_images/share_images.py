"""Share images: each post gets its own picture for link previews.

Adds: for every post Pelican writes, a 1200 x 630 picture made at build
time: the post's title in the site's display serif on the brand colour, the
site's mark and name above it, and the post's first photo on the right when
it has one. It is published beside the post (`my-post/share.png`, or
`share.jpg` when a photo makes the JPEG smaller) and the theme's head
(partials/meta.html) names it in og:image and twitter:image, with its size
and a text alternative, through `post.share_image` (path, width, height,
alt). Pages and lists keep DEFAULT_SHARE_IMAGE.

The title is drawn as the coach typed it (`< > & " '` are characters, not
markup). It wraps at word boundaries and shrinks until it fits; a word too
long for a line at the smallest size is split with a hyphen, so no word
runs off the edge; a title too long even then ends with an ellipsis.
Characters the font has no shape for (emoji) are left out rather than
drawn as empty boxes. The photo is read as every published photo is
(plugins/images: upright, in sRGB) and the picture is encoded anew by
Pillow from its pixels alone, so no place, camera or other metadata leaves.

The colours are the theme's own custom properties (--color-accent,
--color-accent-text, --color-background in main.css's first :root block),
so the picture follows the theme. The font is Source Serif 4 Bold, bundled
in fonts/ with its licence (the build needs nothing but the pinned Python
packages). Pictures are cached by everything they are drawn from (title,
site name, colours, font, photo file, this module's CACHE_VERSION): a
build redraws only the ones that changed, like the images plugin's cache.

`draw_default_share_image(path)` redraws the theme's default picture
(theme/static/images/share.png) with the same wordmark; run
`.venv/bin/python -m plugins.share_images` after changing the site's name
or colours.

Settings read (defaults): SITENAME, THEME and INLINE_CSS_FILE (the
stylesheet holding the colours), SHARE_IMAGE_FONT (the bundled font),
SHARE_IMAGE_QUALITY (85, for a JPEG), SHARE_IMAGE_CACHE_PATH
(CACHE_PATH/share_images), PATH, STATIC_PATHS, OUTPUT_PATH,
IMAGE_MAX_PIXELS (120_000_000: a larger photo is left out, as the images
plugin refuses it).
Signals: initialized (settings), content_object_init (note each post's
first photo, before plugins/images rewrites it: list this plugin before
"images"), article_generator_finalized (draw what is not cached, set
post.share_image), finalized (copy the pictures into the output).
"""

import functools
import hashlib
import io
import json
import os
import re
import shutil
import unicodedata

from pelican import signals
from pelican.contents import Article
from PIL import Image, ImageDraw, ImageFont

from plugins.images.images import (
    IMG_TAG,
    PhotoError,
    content_relative_path,
    is_written,
    opened,
    part_file,
    picture_alone,
    read_photo,
    stays_moving,
    tag_attributes,
)

# Bump when the drawing changes, so cached pictures are drawn again.
CACHE_VERSION = "v1"
WIDTH, HEIGHT = 1200, 630
MARGIN = 72
PHOTO_WIDTH = 456  # the photo's part on the right, full height
MARK_SIZE = 64  # the circle of the header's mark (main.css .site-name::before)
MARK = "1"
TITLE_SIZES = range(84, 39, -4)  # px, largest first: the first that fits is used
LINE_HEIGHT = 1.16
FONT = os.path.join(os.path.dirname(__file__), "fonts", "SourceSerif4-Bold-latin.woff")
CUSTOM_PROPERTY = re.compile(r"--color-([\w-]+):\s*(#[0-9a-fA-F]{3,8})\s*;")
# A character no font here has: what FreeType draws for a missing character.
NOT_IN_ANY_FONT = "\U000F0000"


def brand_colours(css):
    """The --color-* custom properties of the stylesheet's first :root block
    (the light scheme) as {"accent": "#1f5c4a", ...}."""
    light = css[css.index(":root"):]
    light = light[:light.index("}")]
    return dict(CUSTOM_PROPERTY.findall(light))


def photos_shown(content_html, post_dir, static_dirs):
    """(path in the content folder, alt text) of each photo a post shows, in
    order: an <img> of a file in the static folders, not a drawing and not
    a video's poster."""
    for tag in IMG_TAG.findall(content_html or ""):
        attrs = tag_attributes(tag)
        if "video-poster" in attrs.get("class", ""):
            continue
        relative = content_relative_path(attrs.get("src", ""), post_dir)
        if (relative and relative.startswith(static_dirs)
                and not relative.lower().endswith(".svg")):
            yield relative, attrs.get("alt", "").strip()


@functools.lru_cache(maxsize=64)
def font_at(path, size):
    """The font at `path` at `size` px, loaded once a build process."""
    return ImageFont.truetype(path, size)


def drawable(text, font):
    """`text` without the characters `font` cannot draw (emoji, most scripts
    beyond Latin), composed (NFC) first so "é" typed as e + accent stays."""
    missing = font.getmask(NOT_IN_ANY_FONT)
    missing = (missing.size, bytes(missing))

    def has_shape(char):
        if char.isspace():
            return True
        mask = font.getmask(char)
        return (mask.size, bytes(mask)) != missing

    kept = "".join(char for char in unicodedata.normalize("NFC", text) if has_shape(char))
    return " ".join(kept.split())


def split_long_word(word, font, width):
    """Pieces of `word`, each but the last ending in a hyphen, each at most
    `width` wide: a word wider than a line is never cut off by the edge."""
    pieces, piece = [], ""
    for char in word:
        if piece and font.getlength(piece + char + "-") > width:
            pieces.append(piece + "-")
            piece = ""
        piece += char
    return [*pieces, piece]


def wrap(text, font, width):
    """`text` in lines at most `width` wide, broken between words."""
    lines, line = [], ""
    for word in text.split():
        for piece in ([word] if font.getlength(word) <= width
                      else split_long_word(word, font, width)):
            candidate = f"{line} {piece}" if line and not line.endswith("-") else line + piece
            if line and font.getlength(candidate) > width:
                lines.append(line)
                candidate = piece
            line = candidate
    return [*lines, line] if line else lines


def with_ellipsis(lines, font, width):
    """The last line ended with "…", words taken off until it fits."""
    words = lines[-1].split()
    while len(words) > 1 and font.getlength(" ".join(words) + "…") > width:
        words.pop()
    return [*lines[:-1], " ".join(words).rstrip("-,;:") + "…"]


def fit_title(title, font_path, width, height):
    """(font, lines): the title at the largest size of TITLE_SIZES whose lines,
    broken between words, fit in `width` x `height`; at the smallest, its
    words split (never cut off) and, if still too many lines, an ellipsis."""
    text = drawable(title, font_at(font_path, max(TITLE_SIZES)))
    for size in TITLE_SIZES:
        font = font_at(font_path, size)
        fits_whole = all(font.getlength(word) <= width for word in text.split())
        lines = wrap(text, font, width)
        if fits_whole and len(lines) * size * LINE_HEIGHT <= height:
            return font, lines
    most = max(1, int(height // (size * LINE_HEIGHT)))
    if len(lines) > most:
        lines = with_ellipsis(lines[:most], font, width)
    return font, lines


def photo_cover(source, size):
    """The photo at `source` cropped to fill `size` (its centre kept), upright
    and in sRGB, with nothing but its pixels (plugins/images' picture_alone)."""
    with opened(source) as image:
        # A JPEG decodes already reduced, to the smallest 1/2, 1/4 or 1/8 that
        # still covers `size` when cropped.
        scale = max(size[0] / image.width, size[1] / image.height)
        image.draft("RGB", (round(image.width * scale), round(image.height * scale)))
        picture = picture_alone(image, "jpeg")
    scale = max(size[0] / picture.width, size[1] / picture.height)
    scaled = picture.resize((max(size[0], round(picture.width * scale)),
                             max(size[1], round(picture.height * scale))), Image.LANCZOS)
    left, top = (scaled.width - size[0]) // 2, (scaled.height - size[1]) // 2
    return scaled.crop((left, top, left + size[0], top + size[1]))


def draw_wordmark(draw, colours, font_path, site_name, origin, mark_size):
    """The header's mark (a circle with the mark in it) and the site's name in
    the display serif beside it, from `origin` (top left)."""
    x, y = origin
    # Drawn four times as large and scaled down: a smooth edge (Pillow's
    # ellipse is not antialiased).
    circle = Image.new("L", (mark_size * 4, mark_size * 4))
    ImageDraw.Draw(circle).ellipse((0, 0, mark_size * 4 - 1, mark_size * 4 - 1), fill=255)
    draw.bitmap((x, y), circle.resize((mark_size, mark_size), Image.LANCZOS),
                fill=colours["background"])
    # The header draws its mark in the body's sans-serif: Pillow's own sans.
    mark_font = ImageFont.load_default(round(mark_size * 0.6))
    draw.text((x + mark_size / 2, y + mark_size / 2), MARK, font=mark_font,
              fill=colours["accent"], anchor="mm", stroke_width=max(1, mark_size // 30),
              stroke_fill=colours["accent"])
    name_font = font_at(font_path, round(mark_size * 0.62))
    draw.text((x + mark_size * 1.3, y + mark_size / 2), site_name, font=name_font,
              fill=colours["accent-text"], anchor="lm")


def draw_share_image(title, site_name, colours, font_path, photo=None):
    """The 1200 x 630 picture of a post: the wordmark at the top left, the
    title below it, and `photo` (a path) on the right when given."""
    image = Image.new("RGB", (WIDTH, HEIGHT), colours["accent"])
    text_right = WIDTH - MARGIN
    if photo:
        image.paste(photo_cover(photo, (PHOTO_WIDTH, HEIGHT)), (WIDTH - PHOTO_WIDTH, 0))
        text_right = WIDTH - PHOTO_WIDTH - MARGIN
    draw = ImageDraw.Draw(image)
    draw_wordmark(draw, colours, font_path, site_name, (MARGIN, MARGIN), MARK_SIZE)
    top = MARGIN + MARK_SIZE + 40
    box_height = HEIGHT - MARGIN - top
    font, lines = fit_title(title, font_path, text_right - MARGIN, box_height)
    line_height = font.size * LINE_HEIGHT
    y = top + (box_height - line_height * len(lines)) / 2  # centred in its box
    for line in lines:
        draw.text((MARGIN, y + line_height / 2), line, font=font,
                  fill=colours["accent-text"], anchor="lm")
        y += line_height
    return image


def encoded(image, has_photo, quality):
    """(bytes, extension): a PNG, or a JPEG when the picture holds a photo and
    the JPEG is smaller. Pillow writes no metadata it is not given."""
    png = io.BytesIO()
    if not has_photo:  # two colours and their blends: a palette halves the file
        image.quantize(64, method=Image.Quantize.FASTOCTREE).save(png, "PNG")
        return png.getvalue(), "png"
    image.save(png, "PNG", compress_level=1)  # a photo: the JPEG wins all but always
    jpeg = io.BytesIO()
    image.save(jpeg, "JPEG", quality=quality, progressive=True)
    return min((png.getvalue(), "png"), (jpeg.getvalue(), "jpg"), key=lambda pair: len(pair[0]))


def share_image_path(save_as, extension):
    """Where a post's picture is published: beside the post (`slug/share.png`
    for `slug/index.html`; `slug-share.png` for `slug.html`)."""
    folder, name = os.path.split(save_as)
    if name == "index.html":
        return os.path.join(folder, f"share.{extension}")
    return f"{os.path.splitext(save_as)[0]}-share.{extension}"


def remove_other_format(destination):
    """The warm preview writes into the same output again and again: a post
    that gains a photo moves from share.png to share.jpg (or back), and the
    old picture must not stay behind."""
    stem, extension = os.path.splitext(destination)
    for other in (".png", ".jpg"):
        if other != extension and os.path.exists(stem + other):
            os.remove(stem + other)


def file_digest(path):
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


class ShareImages:
    """The plugin's state for one build. register() makes one for each build;
    its methods are the signal handlers."""

    def __init__(self):
        self.planned = {}  # path in the output -> the cached picture published there

    def read_settings(self, pelican):
        settings = pelican.settings
        self.site_name = settings.get("SITENAME", "")
        stylesheet = os.path.join(settings["THEME"], "static",
                                  settings.get("INLINE_CSS_FILE", "css/main.css"))
        with open(stylesheet, encoding="utf-8") as css:
            self.colours = brand_colours(css.read())
        self.font = settings.get("SHARE_IMAGE_FONT", FONT)
        self.quality = settings.get("SHARE_IMAGE_QUALITY", 85)
        self.cache = settings.get("SHARE_IMAGE_CACHE_PATH", os.path.join(
            settings.get("CACHE_PATH", "cache"), "share_images"))
        self.content_path = settings["PATH"]
        self.static_dirs = tuple(path.rstrip("/") + "/" for path in settings["STATIC_PATHS"])
        self.output = settings["OUTPUT_PATH"]
        self.max_pixels = settings.get("IMAGE_MAX_PIXELS", 120_000_000)
        self.drawn_from = [CACHE_VERSION, self.site_name, self.colours, file_digest(self.font),
                           self.quality]

    def note_first_photo(self, content):
        """Each post's first still photo, the one its card shows (plugins/images'
        first_photo), as the coach wrote it (plugins/images then rewrites the
        <img> into a <picture>), kept on the post itself: the warm preview
        takes unchanged posts from Pelican's content cache, without calling
        this again."""
        if not isinstance(content, Article):
            return
        for relative, alt in photos_shown(content._content, content.relative_dir,
                                          self.static_dirs):
            source = os.path.join(self.content_path, relative)
            if self.still(source):
                content.share_photo = (source, alt)
                return

    def still(self, source):
        """Whether the photo can be drawn from and is published still, as
        plugins/images publishes it; the images plugin names the post of one
        that cannot be read (missing, damaged, too large)."""
        try:
            return os.path.isfile(source) and not stays_moving(read_photo(source,
                                                                          self.max_pixels))
        except PhotoError:
            return False

    def draw_for_posts(self, generator):
        """A picture for each post Pelican writes, drawn unless cached."""
        posts = (generator.articles + generator.translations + generator.drafts
                 + generator.drafts_translations)
        for post in posts:
            if is_written(post):
                self.give_share_image(post)

    def give_share_image(self, post):
        source, alt = getattr(post, "share_photo", None) or (None, "")
        cached = self.cached(post.title, source)
        extension = os.path.splitext(cached)[1].lstrip(".")
        path = share_image_path(post.save_as, extension)
        self.planned[path] = cached
        text = f"{post.title} · {self.site_name}"
        post.share_image = {"path": path, "width": WIDTH, "height": HEIGHT,
                            "alt": f"{text}, beside the photo: {alt}" if alt else text}

    def cached(self, title, photo):
        """The cached picture for `title` (and `photo`), drawn if not there."""
        drawn_from = [*self.drawn_from, title, file_digest(photo) if photo else None]
        key = hashlib.sha256(json.dumps(drawn_from).encode("utf-8")).hexdigest()[:20]
        for extension in ("png", "jpg"):
            path = os.path.join(self.cache, f"{key}.{extension}")
            if os.path.exists(path):
                return path
        data, extension = encoded(
            draw_share_image(title, self.site_name, self.colours, self.font, photo),
            photo is not None, self.quality)
        os.makedirs(self.cache, exist_ok=True)
        path = os.path.join(self.cache, f"{key}.{extension}")
        part = part_file(path)  # two builds may share the cache
        with open(part, "wb") as file:
            file.write(data)
        os.replace(part, path)  # never half a picture in the cache
        return path

    def write(self, pelican):
        for path, cached in sorted(self.planned.items()):
            destination = os.path.join(self.output, path)
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            shutil.copyfile(cached, destination)
            remove_other_format(destination)


def draw_default_share_image(path, settings_file="pelicanconf.py"):
    """The theme's default share picture: the wordmark, large, and the
    site's subtitle, on the brand colour."""
    from pelican.settings import read_settings

    settings = read_settings(settings_file)
    stylesheet = os.path.join(settings["THEME"], "static", settings["INLINE_CSS_FILE"])
    with open(stylesheet, encoding="utf-8") as css:
        colours = brand_colours(css.read())
    image = Image.new("RGB", (WIDTH, HEIGHT), colours["accent"])
    draw = ImageDraw.Draw(image)
    mark_size = 128
    name_width = ImageFont.truetype(FONT, round(mark_size * 0.62)).getlength(
        settings["SITENAME"])
    left = (WIDTH - mark_size * 1.3 - name_width) / 2  # the wordmark centred
    draw_wordmark(draw, colours, FONT, settings["SITENAME"], (round(left), 190), mark_size)
    # The subtitle in a sans-serif, as the site sets its text: Pillow's own.
    draw.text((WIDTH / 2, 420), settings.get("SITESUBTITLE", ""),
              font=ImageFont.load_default(38), fill=colours["accent-text"], anchor="mm")
    image.quantize(64, method=Image.Quantize.FASTOCTREE).save(path, "PNG", optimize=True)


def register():
    """A new ShareImages for each build (the warm preview builds many times)."""
    share_images = ShareImages()
    signals.initialized.connect(share_images.read_settings, weak=False)
    signals.content_object_init.connect(share_images.note_first_photo, weak=False)
    signals.article_generator_finalized.connect(share_images.draw_for_posts, weak=False)
    signals.finalized.connect(share_images.write, weak=False)
