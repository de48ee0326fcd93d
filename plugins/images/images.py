"""Images: the coach's photos become responsive, fast images.

Adds: every `<img>` in a post or page whose file is in the content folder
(written `images/x.jpg`, `/images/x.jpg` or `{static}/images/x.jpg`)
becomes a <picture> with WebP at several widths (srcset/sizes) and the
photo itself as the fallback, with width and height set (no layout shift),
`decoding="async"`, and `loading="lazy"` on all but the page's first image.
A photo wider than IMAGE_MAX_WIDTH is published resized to it; the original
in content/ is never changed. Encoded files are cached between builds.

Photos as a phone makes them: the EXIF orientation is applied (width and
height are the upright size); transparency is kept (WebP with alpha); an
animated GIF or WebP is published as it is, so it keeps moving; an iPhone
HEIC/HEIF photo is read (pillow-heif) and gets a JPEG fallback, since
browsers do not show HEIC; an SVG drawing is published as it is, with the
size it declares. A JPEG is decoded already reduced (Image.draft), so a
108-megapixel photo takes little memory; above IMAGE_MAX_PIXELS a photo is
refused. File names may hold spaces, written as they are or as %20.

Problems, with the post's file and line: an image without alt text, an
image file that does not exist, an image from another site, a file that is
not a photo or is damaged (truncated), a photo above IMAGE_MAX_PIXELS, an
SVG without a size. Images outside STATIC_PATHS (the theme's own, say) are
left as they are.

Pelican's own copy of the original (STATIC_PATHS) is replaced in the output
by the web-sized version. Video posters (plugins/videos) are left alone.

Settings read (defaults): IMAGE_WIDTHS ([480, 960, 1600]), IMAGE_MAX_WIDTH
(2000), IMAGE_QUALITY (80), IMAGE_SIZES ("(min-width: 42rem) 40rem, 100vw"),
IMAGE_MAX_PIXELS (120_000_000), IMAGE_CACHE_PATH (CACHE_PATH/images), and
PATH, STATIC_PATHS, OUTPUT_PATH, SITEURL, RELATIVE_URLS.
Signals: initialized (settings), content_object_init (rewrite each post's
images and encode their files into the cache, so a damaged photo is named
with its post), finalized (copy the files into the output).
"""

import contextlib
import hashlib
import html
import os
import re
import shutil
import warnings
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote, unquote

from pelican import signals
from PIL import Image, ImageOps
from pillow_heif import register_heif_opener

from plugins.problems import line_of, report_problem

register_heif_opener()  # Pillow reads iPhone photos (HEIC/HEIF) from here on

IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
LOCAL_PREFIXES = ("{static}", "{attach}", "{filename}")
# Formats a browser shows as they are; others (HEIF) get a JPEG fallback.
BROWSER_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# EXIF orientations of a photo stored on its side: width and height swap.
SIDEWAYS = {5, 6, 7, 8}
EXIF_ORIENTATION = 0x0112
CACHE_VERSION = "v2"  # in cached files' names: bump when encoding changes
EXTENSIONS = {"jpeg": "jpg"}


class PhotoError(Exception):
    """A photo the site cannot publish: (what is wrong, how to fix it)."""


@dataclass(frozen=True)
class Photo:
    """What the plugin needs to know of a photo before encoding it."""
    size: tuple  # (width, height) as the reader sees it, upright
    animated: bool
    shown_as_is: bool  # a browser shows the file itself (not HEIC)


@dataclass(frozen=True)
class Variant:
    """One file to publish: `source` at `width`, in `fmt`, at `path` in the output."""
    source: str
    width: int
    fmt: str
    path: str


def tag_attributes(tag):
    """The attributes of one HTML start tag, as a dict."""
    found = {}

    class Reader(HTMLParser):
        def handle_starttag(self, name, attrs):
            found.update((key, value if value is not None else "") for key, value in attrs)

    Reader().feed(tag)
    return found


def content_relative_path(src, post_dir):
    """Where `src` points inside the content folder, or None for another site
    (or a data: image). `images/x.jpg` is read from the content folder's root,
    as the coach writes it; `../images/x.jpg` from the post's folder."""
    if re.match(r"^([a-z]+:|//)", src, re.I):
        return None
    for prefix in LOCAL_PREFIXES:
        src = src.removeprefix(prefix)
    src = unquote(src.split("#")[0].split("?")[0])  # "Glute%20Bridge.jpg" is the file with a space
    if src.startswith("/"):
        return os.path.normpath(src.lstrip("/"))
    if src.startswith("."):
        return os.path.normpath(os.path.join(post_dir, src))
    return os.path.normpath(src)


def plan_widths(width, widths, max_width):
    """The WebP widths to make of a photo `width` pixels wide: each of `widths`
    narrower than it, and the photo's own width (capped at max_width)."""
    largest = min(width, max_width)
    return sorted({w for w in widths if w < largest} | {largest})


def variant_path(relative, width, fmt):
    stem, _ = os.path.splitext(relative)
    return f"{stem}-{width}w.{EXTENSIONS.get(fmt, fmt)}"


def upright_size(size, orientation):
    """The size a reader sees once the EXIF orientation is applied."""
    return (size[1], size[0]) if orientation in SIDEWAYS else size


def svg_size(text):
    """(width, height) in CSS pixels an SVG declares (width/height, else its
    viewBox), or None when it declares none."""
    root = etree.fromstring(text)
    width, height = (root.get(name, "").strip().removesuffix("px") for name in ("width", "height"))
    try:
        return round(float(width)), round(float(height))
    except ValueError:
        pass
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        return round(float(box[2])), round(float(box[3]))
    return None


def opened(source):
    """Image.open, leaving the pixel limit to IMAGE_MAX_PIXELS (checked by read_photo)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(source)


def read_photo(source, max_pixels):
    """The Photo in `source` (only its header is read), or PhotoError."""
    try:
        with opened(source) as image:
            size = upright_size(image.size, image.getexif().get(EXIF_ORIENTATION))
            animated = getattr(image, "is_animated", False)
            shown_as_is = image.format in BROWSER_FORMATS
    except Image.DecompressionBombError:  # Pillow's own stop, far above the limit
        raise PhotoError(f"has far more than {max_pixels / 1e6:.0f} megapixels, the most "
                         "the site takes.", "Export it smaller, e.g. 4000 pixels wide: "
                         "readers never see more than 2000.") from None
    except (OSError, SyntaxError):
        raise PhotoError("is not a photo the site can read (its format is unknown, or "
                         "the file is damaged).",
                         "Open it on your computer; if it shows, export it again as "
                         "JPEG or PNG into content/images/.") from None
    if size[0] * size[1] > max_pixels:
        raise PhotoError(f"is {size[0]} x {size[1]} pixels ({size[0] * size[1] / 1e6:.0f} "
                         f"megapixels); the site takes photos up to "
                         f"{max_pixels / 1e6:.0f} megapixels.",
                         "Export it smaller, e.g. 4000 pixels wide: readers never see more "
                         "than 2000.")
    return Photo(size, animated, shown_as_is)


def has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def encode(source, width, fmt, quality, destination):
    """Write `source` upright, `width` pixels wide, in `fmt`, to destination.
    A JPEG is decoded already reduced to the nearest 1/2, 1/4 or 1/8 above
    `width` (Image.draft): memory follows the output, not the photo."""
    with opened(source) as image:
        orientation = image.getexif().get(EXIF_ORIENTATION)
        upright = upright_size(image.size, orientation)
        scale = width / upright[0]
        image.draft(None, (round(image.width * scale), round(image.height * scale)))
        image = ImageOps.exif_transpose(image)
        keep_alpha = fmt != "jpeg" and has_alpha(image)
        image = image.convert("RGBA" if keep_alpha else "RGB")
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), Image.LANCZOS)
        resized.save(destination, format=fmt.upper(), quality=quality)


def img_html(attrs, src, size, lazy):
    """An <img> with its address, size and loading set."""
    img = dict(attrs)
    img.update(src=src, width=str(size[0]), height=str(size[1]), decoding="async")
    if lazy:
        img["loading"] = "lazy"
    else:
        img.pop("loading", None)
    rendered = " ".join(f'{key}="{html.escape(value)}"' for key, value in img.items())
    return f"<img {rendered}>"


def picture_html(attrs, url, sizes_attr, widths, size, lazy, fallback_url):
    """The <picture> for one image: WebP sources by width, the fallback img."""
    srcset = ", ".join(f"{url(w)} {w}w" for w in widths)
    return (f'<picture><source type="image/webp" srcset="{html.escape(srcset)}" '
            f'sizes="{html.escape(sizes_attr)}">{img_html(attrs, fallback_url, size, lazy)}'
            "</picture>")


class Images:
    """The plugin's state for one build: its settings and the files to write.
    register() makes one for each build; its methods are the signal handlers."""

    def __init__(self):
        self.variants = set()
        self.web_sized = {}  # original's path in the output -> its source, too wide
        self.unpublished = set()  # originals browsers cannot show (HEIC): not copied

    def read_settings(self, pelican):
        settings = pelican.settings
        self.content_path = settings["PATH"]
        self.static_dirs = tuple(path.rstrip("/") + "/" for path in settings["STATIC_PATHS"])
        self.widths = settings.get("IMAGE_WIDTHS", [480, 960, 1600])
        self.max_width = settings.get("IMAGE_MAX_WIDTH", 2000)
        self.quality = settings.get("IMAGE_QUALITY", 80)
        self.sizes = settings.get("IMAGE_SIZES", "(min-width: 42rem) 40rem, 100vw")
        self.max_pixels = settings.get("IMAGE_MAX_PIXELS", 120_000_000)
        self.cache = settings.get("IMAGE_CACHE_PATH",
                                  os.path.join(settings.get("CACHE_PATH", "cache"), "images"))
        absolute = not settings.get("RELATIVE_URLS", False)
        self.url_base = settings.get("SITEURL", "").rstrip("/") if absolute else ""

    def rewrite(self, content):
        if not content._content or "<img" not in content._content:
            return
        count = {"seen": 0}

        def one_image(match):
            return self.rewrite_tag(match.group(0), content, count)

        content._content = IMG_TAG.sub(one_image, content._content)

    def rewrite_tag(self, tag, content, count):
        attrs = tag_attributes(tag)
        if "video-poster" in attrs.get("class", ""):
            return tag
        src = attrs.get("src", "")
        relative = content_relative_path(src, content.relative_dir)
        if relative is None:
            if not src.startswith("data:"):
                self.report(content, src, f"The image {src} is on another site, which would "
                            "tell it about every reader.",
                            "Save the photo in content/images/ and write images/NAME.jpg.")
            return tag
        if not relative.startswith(self.static_dirs):
            return tag  # the theme's own files (theme/...) and others: not photos
        if not attrs.get("alt", "").strip():
            self.report(content, src, f"The image {src} has no alt text.",
                        "Describe the photo for readers who cannot see it: "
                        "![What the photo shows](images/...).")
        source = os.path.join(self.content_path, relative)
        if not os.path.isfile(source):
            self.report(content, src, f"The image {src} does not exist (looked for "
                        f"content/{relative}).", "Check the file name in content/images/.")
            return tag
        count["seen"] += 1
        lazy = count["seen"] > 1
        try:
            if relative.lower().endswith(".svg"):
                return self.drawing(attrs, relative, source, lazy)
            photo = read_photo(source, self.max_pixels)
            if photo.animated:  # re-encoding would keep one frame: as it is
                return img_html(attrs, self.url(relative), photo.size, lazy)
            return self.picture(attrs, relative, source, photo, lazy)
        except PhotoError as error:
            what, fix = error.args
            self.report(content, src, f"The image {src} {what}", fix)
            return tag

    def url(self, relative):
        return f"{self.url_base}/{quote(relative)}"

    def drawing(self, attrs, relative, source, lazy):
        """An SVG, published as it is, with the size it declares."""
        try:
            with open(source, encoding="utf-8") as svg:
                size = svg_size(svg.read())
        except (OSError, ValueError, etree.ParseError) as error:
            raise PhotoError(f"is not a drawing the site can read ({error}).",
                             "Export the SVG again from your drawing program.") from None
        if size is None:
            raise PhotoError("has no size (no width and height, and no viewBox).",
                             "Export the SVG again with a size, or use a PNG.")
        return img_html(attrs, self.url(relative), size, lazy)

    def picture(self, attrs, relative, source, photo, lazy):
        size = photo.size
        widths = plan_widths(size[0], self.widths, self.max_width)
        planned = [Variant(source, width, "webp", variant_path(relative, width, "webp"))
                   for width in widths]
        if not photo.shown_as_is:  # HEIC: the fallback is a JPEG at the widest width
            planned.append(Variant(source, widths[-1], "jpeg",
                                   variant_path(relative, widths[-1], "jpeg")))
            fallback = planned[-1].path
            self.unpublished.add(relative)
        else:
            fallback = relative
            if size[0] > self.max_width:
                self.web_sized[relative] = source
        for variant in planned:  # now, so a damaged file is named with its post
            self.encoded(variant.source, variant.width, variant.fmt)
        self.variants.update(planned)
        if size[0] > self.max_width:
            size = (self.max_width, round(size[1] * self.max_width / size[0]))
        return picture_html(attrs, lambda width: self.url(variant_path(relative, width, "webp")),
                            self.sizes, widths, size, lazy, self.url(fallback))

    def report(self, content, src, what, fix):
        """A problem of the image `src` (as the coach wrote it) in `content`."""
        path = os.path.relpath(content.source_path, os.path.dirname(self.content_path))
        report_problem(path, line_of(content.source_path, src.removeprefix("{static}")),
                       what, fix)

    def write(self, pelican):
        output = pelican.settings["OUTPUT_PATH"]
        for variant in sorted(self.variants, key=lambda v: v.path):
            self.publish(self.encoded(variant.source, variant.width, variant.fmt),
                         os.path.join(output, variant.path))
        for relative, source in self.web_sized.items():
            fmt = {".png": "png", ".webp": "webp"}.get(
                os.path.splitext(relative)[1].lower(), "jpeg")
            self.publish(self.encoded(source, self.max_width, fmt),
                         os.path.join(output, relative))
        for relative in self.unpublished:
            with contextlib.suppress(FileNotFoundError):
                os.remove(os.path.join(output, relative))

    def encoded(self, source, width, fmt):
        """The file of `source` resized to `width` in `fmt`, from the cache when
        the same photo was encoded the same way before."""
        with open(source, "rb") as original:
            digest = hashlib.sha256(original.read()).hexdigest()[:16]
        cached = os.path.join(
            self.cache, f"{digest}-{width}-q{self.quality}-{CACHE_VERSION}.{fmt}")
        if not os.path.exists(cached):
            os.makedirs(self.cache, exist_ok=True)
            try:
                encode(source, width, fmt, self.quality, cached + ".part")
            except (OSError, SyntaxError, ValueError) as error:  # truncated, damaged
                with contextlib.suppress(FileNotFoundError):
                    os.remove(cached + ".part")
                raise PhotoError(f"is damaged and cannot be read to the end ({error}).",
                                 "Copy the photo from your phone or camera again, then "
                                 "open it once to check that it shows whole.") from None
            os.replace(cached + ".part", cached)  # never half a file in the cache
        return cached

    @staticmethod
    def publish(cached, destination):
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(cached, destination)


def register():
    """A new Images for each build (the warm preview builds many times)."""
    images = Images()
    signals.initialized.connect(images.read_settings, weak=False)
    signals.content_object_init.connect(images.rewrite, weak=False)
    signals.finalized.connect(images.write, weak=False)
