"""Images: the coach's photos become responsive, fast images that carry
nothing but their pictures.

Adds: every `<img>` in a post or page whose file is in the content folder
(written `images/x.jpg`, `/images/x.jpg` or `{static}/images/x.jpg`)
becomes a <picture> with WebP at several widths (srcset/sizes) and the
photo itself as the fallback, with width and height set (no layout shift),
`decoding="async"`, and `loading="lazy"` on all but the page's first image.
A post gets its first still photo (not a drawing, not a moving GIF or WebP)
as `first_photo` (a FirstPhoto: its files and size), which its card shows
in lists; plugins/share_images draws the same photo into its link preview.
No published file is wider than IMAGE_MAX_WIDTH; the original in content/
is never changed. Encoded files are cached between builds.

Photos as a phone makes them: the EXIF orientation is applied to the pixels
(width and height are the upright size); transparency is kept (WebP with
alpha); an animated GIF or WebP is published as it is, so it keeps moving;
an iPhone HEIC/HEIF photo is read (pillow-heif) and gets a JPEG fallback,
since browsers do not show HEIC; an SVG drawing is published with the size
it declares. A JPEG is decoded already reduced (Image.draft), so a
108-megapixel photo takes little memory; above IMAGE_MAX_PIXELS a photo is
refused. File names may hold spaces, written as they are or as %20.

Nothing but the picture is published (no place, camera, owner, software or
file path). A still image is encoded again by Pillow from its pixels alone
(it writes EXIF, XMP, comments or a profile only when given them, and is
given none), in sRGB: a colour profile (an iPhone's Display P3, CMYK, grey)
is applied with ImageCms, so the file needs none; 16-bit grey is scaled to
8 bits. A JPEG fallback is always encoded again (its EXIF must go, and its
orientation must be applied to the pixels). Where the pixels can stay as
they are (an animation; a PNG, WebP or GIF stored upright and not too
wide; an SVG), metadata.py removes everything a browser does not draw with,
and the colour profile stays with the pixels it belongs to.

Video files a post plays (post_body's VIDEO_EXTENSIONS: .mp4, .m4v, .webm)
are published the same way, cleaned in place by metadata.py: an MP4's udta,
meta and uuid boxes (Android's and the iPhone's place, the phone, XMP) and
a WebM's Tags and Attachments are blanked, keeping every size and offset,
so the film plays as it did.

Which images and video files are published: Pelican copies none of those in
the static folders; this plugin publishes those a post or page that is
written uses: shown as photos, played, as a video's poster (plugins/videos),
or linked to (src, href, poster, srcset in its HTML), and those a setting
names (DEFAULT_SHARE_IMAGE, for link previews; AUTHOR_PHOTO, her photo,
published at most AUTHOR_PHOTO_WIDTH pixels wide, as the theme shows it
small). A draft (a scheduled post
too) counts only where drafts are written: in development, under drafts/;
not in production, where DRAFT_SAVE_AS and DRAFT_PAGE_SAVE_AS are empty, so
a draft's photos stay private until it is published. The others are not
published, and the build prints each, "content/images/x.jpg is used by no
post or page, so it is not published." (a line on standard output, not a
warning: spare photos do not fail a strict build). The theme's own images
(theme/static) are not in the static folders and are copied by Pelican.

Problems, with the post's file and line: an image without alt text, an
image file that does not exist, an image from another site, a file that is
not a photo or is damaged (truncated), a photo above IMAGE_MAX_PIXELS, an
SVG without a size; an AUTHOR_PHOTO that is not a photo in the static
folders (named with the setting's line in the settings file); an image a
post only links to or uses as a poster that
cannot be read is named by its own file. Images outside STATIC_PATHS (the
theme's own, say) are left as they are.

Settings read (defaults): IMAGE_WIDTHS ([480, 960, 1600]), IMAGE_MAX_WIDTH
(2000), IMAGE_QUALITY (80), IMAGE_SIZES ("(min-width: 42rem) 40rem, 100vw"),
IMAGE_MAX_PIXELS (120_000_000), IMAGE_CACHE_PATH (CACHE_PATH/images),
AUTHOR_PHOTO (""), and
PATH, STATIC_PATHS, OUTPUT_PATH, SITEURL, RELATIVE_URLS (and, through each
post's address, DRAFT_SAVE_AS and DRAFT_PAGE_SAVE_AS).
Signals: initialized (settings), content_object_init (rewrite each post's
images and encode their files into the cache, so a damaged photo is named
with its post), all_generators_finalized (the images posts use otherwise;
take every image and video file from Pelican's static copy; keep what the
written posts use; name the unused ones),
finalized (copy the files into the output).
"""

import contextlib
import hashlib
import html
import io
import os
import re
import shutil
import warnings
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote, unquote

from pelican import signals
from pelican.contents import Static
from pelican.generators import StaticGenerator
from PIL import Image, ImageCms, ImageOps
from pillow_heif import register_heif_opener

from plugins.post_body.links import VIDEO_EXTENSIONS
from plugins.problems import line_of, report_problem

from .metadata import (
    gif_without_metadata,
    mp4_without_metadata,
    png_without_metadata,
    svg_without_metadata,
    webm_without_metadata,
    webp_without_metadata,
)

register_heif_opener()  # Pillow reads iPhone photos (HEIC/HEIF) from here on

IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
LOCAL_PREFIXES = ("{static}", "{attach}", "{filename}")
# EXIF orientations of a photo stored on its side: width and height swap.
SIDEWAYS = {5, 6, 7, 8}
EXIF_ORIENTATION = 0x0112
# In cached files' names: bump when encoding changes. v3: no metadata, sRGB,
# 16-bit grayscale scaled, the size the page states.
CACHE_VERSION = "v3"
EXTENSIONS = {"jpeg": "jpg"}
# Pillow's names of the formats browsers show. MPO: a phone's JPEG with a second,
# hidden picture (a depth or HDR map) after the photo, which is the first.
PILLOW_FORMATS = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Files published with their pixels as they are, cleaned by metadata.py.
CLEANERS = {"png": png_without_metadata, "webp": webp_without_metadata,
            "gif": gif_without_metadata}
# Video files a post plays (post_body's <video>), published cleaned: what a
# phone wrote beside the film (its place, the phone) is blanked.
# Each of post_body's VIDEO_EXTENSIONS: WebM (EBML), else ISO media (MP4, M4V).
VIDEO_CLEANERS = {extension: webm_without_metadata if extension == ".webm"
                  else mp4_without_metadata for extension in VIDEO_EXTENSIONS}
# Every name a photo's file may have (.jfif, .jpe: a JPEG saved by Windows or
# a browser): none is copied by Pelican as it is, EXIF and all.
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".jfif", ".pjpeg", ".pjp", ".png", ".apng",
                    ".gif", ".webp", ".svg", ".heic", ".heif", ".avif", ".jxl", ".tif",
                    ".tiff", ".bmp"}
# The attributes through which a post or page uses a file (srcset: a list).
FILE_ATTRIBUTE = re.compile(r"""\b(?:src|href|poster|srcset)\s*=\s*(["'])(.*?)\1""", re.I | re.S)
SIXTEEN_BIT_GREY = {"I;16", "I;16L", "I;16B", "I;16N", "I"}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# Her photo (AUTHOR_PHOTO) is shown at most 160 CSS pixels wide (About):
# 480 pixels serve a phone's screen of three pixels to one.
AUTHOR_PHOTO_WIDTH = 480
# Where a setting may be written, the one read last first (publishconf.py
# imports pelicanconf.py and overrides it).
SETTINGS_FILES = ("publishconf.py", "pelicanconf.py")


class PhotoError(Exception):
    """A photo the site cannot publish: (what is wrong, how to fix it)."""


@dataclass(frozen=True)
class Photo:
    """What the plugin needs to know of a photo before encoding it."""
    size: tuple  # (width, height) as the reader sees it, upright
    animated: bool
    fmt: str | None  # "jpeg", "png", "webp" or "gif"; None: browsers cannot show it (HEIC)
    upright: bool  # stored upright: no EXIF orientation to apply


# What her photo may be: files every browser shows, published as they are (cleaned).
AUTHOR_PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class FirstPhoto:
    """A post's first photo as published, for its card in lists: its
    fallback file, its WebP files by width (addresses from the site's root,
    without the leading slash) and the size its page states."""
    src: str
    width: int
    height: int
    webp: tuple  # ((address, width), ...), narrowest first


@dataclass(frozen=True)
class Variant:
    """One file to publish: `source` at `size`, in `fmt`, at `path` in the output."""
    source: str
    size: tuple
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


def scaled_size(size, width):
    """(width, height) of a photo of `size` made `width` wide: the one
    place both the page's width/height and the encoded file take it from."""
    return width, max(1, round(size[1] * width / size[0]))


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


def stays_moving(photo):
    """Whether `photo` is published as it is, moving (an animated GIF or
    WebP): encoding it again would keep one frame."""
    return photo.animated and photo.fmt in CLEANERS


def read_photo(source, max_pixels):
    """The Photo in `source` (only its header is read), or PhotoError."""
    try:
        with opened(source) as image:
            orientation = image.getexif().get(EXIF_ORIENTATION)
            size = upright_size(image.size, orientation)
            animated = getattr(image, "is_animated", False) and image.format != "MPO"
            fmt = PILLOW_FORMATS.get(image.format)
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
    return Photo(size, animated, fmt, orientation in (None, 1))


def has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def part_file(cached):
    """Where a cached file is written before it is put in place: a name of
    this process's own, since two builds may share the cache (publish makes
    the production and development builds at once) and each would otherwise
    write into, or move away, the other's half-written file."""
    return f"{cached}.{os.getpid()}.part"


def encode(source, size, fmt, quality, destination):
    """Write `source` upright, at `size`, in `fmt`, in sRGB, to destination,
    with nothing but its pixels (picture_alone). A JPEG is decoded already
    reduced to the nearest 1/2, 1/4 or 1/8 above `size` (Image.draft):
    memory follows the output, not the photo."""
    with opened(source) as image:
        upright = upright_size(image.size, image.getexif().get(EXIF_ORIENTATION))
        scale = size[0] / upright[0]
        image.draft(None, (round(image.width * scale), round(image.height * scale)))
        picture_alone(image, fmt, size).save(destination, format=fmt.upper(), quality=quality)


def picture_alone(image, fmt, size=None):
    """A new image of `image`'s picture alone: upright, at `size` (else as it
    is), in sRGB, with alpha unless `fmt` is JPEG. It carries no info, and
    Pillow writes EXIF, XMP, comments or a profile only when given them."""
    profile = image.info.get("icc_profile")
    image = eight_bit(ImageOps.exif_transpose(image))
    keep_alpha = fmt != "jpeg" and has_alpha(image)
    if image.mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):
        image = image.convert("RGBA" if keep_alpha else "RGB")
    if size and size != image.size:
        image = image.resize(size, Image.LANCZOS)
    return in_srgb(image, profile, keep_alpha)


def embedded_picture_alone(data, quality):
    """A picture embedded in a drawing (an SVG's data: address) as its
    pixels alone, the way published photos are: (its type, its bytes), a
    JPEG for a photo, else a PNG."""
    with opened(io.BytesIO(data)) as image:
        fmt = "jpeg" if image.format in ("JPEG", "MPO") else "png"
        picture = picture_alone(image, fmt)
    encoded = io.BytesIO()
    picture.save(encoded, format=fmt.upper(), quality=quality)
    return f"image/{fmt}", encoded.getvalue()


def eight_bit(image):
    """16-bit grayscale scaled to 8 bits (Pillow's convert clips it: all white)."""
    if image.mode in SIXTEEN_BIT_GREY:
        return image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    return image


def in_srgb(image, profile, keep_alpha):
    """A new image of `image`'s pixels in sRGB (RGB, or RGBA with keep_alpha),
    converted from its colour profile (a wide-gamut iPhone photo's Display P3,
    a CMYK or grayscale profile) as a browser would; without a profile its
    values are sRGB already. No info is carried over."""
    alpha = image.getchannel("A") if keep_alpha and "A" in image.getbands() else None
    colour = image.convert("L") if image.mode == "LA" else image
    colour = colour.convert("RGB") if colour.mode == "RGBA" else colour
    if profile:
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            colour = ImageCms.profileToProfile(
                colour, ImageCms.ImageCmsProfile(io.BytesIO(profile)), SRGB,
                renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC, outputMode="RGB")
    result = colour.convert("RGB")
    if alpha is not None:
        result.putalpha(alpha)
    result.info.clear()
    return result


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
        self.planned = {}  # path in the output -> the Variant published there
        self.planned_for = {}  # path in the output -> the posts showing it (none: a link's)
        self.refused = set()  # files shown as photos that cannot be published, said so
        self.handled = set()  # files shown as photos in written posts, or refused
        self.shown = {}  # file in the static folders -> the posts showing it as a photo
        self.used = set()  # files in the static folders a written post or page uses
        self.contents = []  # every post and page, read for the files they use

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
        self.output = settings["OUTPUT_PATH"]
        # A setting may name an image too (DEFAULT_SHARE_IMAGE: link previews).
        self.used |= files_named(settings.values(), self.static_dirs)
        self.author_photo = settings.get("AUTHOR_PHOTO", "")
        if self.author_photo:
            self.check_author_photo()
        absolute = not settings.get("RELATIVE_URLS", False)
        self.url_base = settings.get("SITEURL", "").rstrip("/") if absolute else ""

    def check_author_photo(self):
        """AUTHOR_PHOTO names a file in the static folders, which exists."""
        value = self.author_photo
        relative = content_relative_path(value, "")
        if relative is None:
            what = f"The AUTHOR_PHOTO setting names {value}, on another site."
        elif not relative.startswith(self.static_dirs):
            what = (f"The AUTHOR_PHOTO setting names {value}, which is not in a folder "
                    f"of photos ({', '.join('content/' + d for d in self.static_dirs)}).")
        elif not os.path.isfile(os.path.join(self.content_path, relative)):
            what = (f"The AUTHOR_PHOTO setting names {value}, which does not exist "
                    f"(looked for content/{relative}).")
        elif os.path.splitext(relative)[1].lower() not in AUTHOR_PHOTO_TYPES:
            # An iPhone's HEIC, say: not every browser shows it, and it is published
            # only as a post's photo (with a JPEG beside it), never as this one file.
            what = (f"The AUTHOR_PHOTO setting names {value}: browsers cannot all show "
                    f"a {os.path.splitext(relative)[1]} file. Save or export it as a JPEG.")
        else:
            self.author_photo = relative
            return
        root = os.path.dirname(self.content_path)
        file = next((name for name in SETTINGS_FILES
                     if line_of(os.path.join(root, name), "AUTHOR_PHOTO =")), None)
        report_problem(file, file and line_of(os.path.join(root, file), "AUTHOR_PHOTO ="),
                       what, "Put your photo in content/images/ and write its name there, "
                       'e.g. AUTHOR_PHOTO = "images/tracy.jpg" (letter case counts), or '
                       'leave it empty (AUTHOR_PHOTO = "") to show your initials.')

    def rewrite(self, content):
        if isinstance(content, Static):
            return
        self.contents.append(content)
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
        self.shown.setdefault(relative, []).append(content)
        count["seen"] += 1
        lazy = count["seen"] > 1
        plan = lambda variant: self.plan(variant, content)  # noqa: E731
        try:
            if relative.lower().endswith(".svg"):
                return self.drawing(attrs, relative, source, lazy, plan)
            photo = read_photo(source, self.max_pixels)
            if stays_moving(photo):
                plan(Variant(source, None, photo.fmt, relative))
                return img_html(attrs, self.url(relative), photo.size, lazy)
            picture, published = self.picture(attrs, relative, source, photo, lazy, plan)
            if getattr(content, "first_photo", None) is None:  # its card shows it in lists
                content.first_photo = published
            return picture
        except PhotoError as error:
            what, fix = error.args
            self.report(content, src, f"The image {src} {what}", fix)
            self.refused.add(source)  # said once, with its post
            return tag

    def url(self, relative):
        return f"{self.url_base}/{quote(relative)}"

    def drawing(self, attrs, relative, source, lazy, plan):
        """An SVG, published without its metadata, with the size it declares."""
        try:
            with open(source, encoding="utf-8") as svg:
                size = svg_size(svg.read())
        except (OSError, ValueError, etree.ParseError) as error:
            raise PhotoError(f"is not a drawing the site can read ({error}).",
                             "Export the SVG again from your drawing program.") from None
        if size is None:
            raise PhotoError("has no size (no width and height, and no viewBox).",
                             "Export the SVG again with a size, or use a PNG.")
        plan(Variant(source, None, "svg", relative))
        return img_html(attrs, self.url(relative), size, lazy)

    def picture(self, attrs, relative, source, photo, lazy, plan):
        """The <picture> of a photo, and the photo as published (FirstPhoto)."""
        widths = plan_widths(photo.size[0], self.widths, self.max_width)
        for width in widths:
            plan(Variant(source, scaled_size(photo.size, width), "webp",
                              variant_path(relative, width, "webp")))
        if photo.fmt is None:  # HEIC: browsers cannot show it; a JPEG, as wide as the widest
            fallback = Variant(source, scaled_size(photo.size, widths[-1]), "jpeg",
                               variant_path(relative, widths[-1], "jpeg"))
        else:
            fallback = self.as_published(relative, source, photo)
        plan(fallback)
        size = scaled_size(photo.size, widths[-1])
        published = FirstPhoto(quote(fallback.path), *size, tuple(
            (quote(variant_path(relative, width, "webp")), width) for width in widths))
        return picture_html(attrs, lambda width: self.url(variant_path(relative, width, "webp")),
                            self.sizes, widths, size, lazy,
                            self.url(fallback.path)), published

    def as_published(self, path, source, photo, max_width=None):
        """How the photo itself is published at `path`: with its own pixels,
        cleaned of metadata, where they can stay (a PNG, WebP or GIF stored
        upright and at most `max_width` (IMAGE_MAX_WIDTH) wide, or an
        animation); else encoded again in its own format (a JPEG always: only
        its pixels then leave, upright, in sRGB), at most `max_width` wide."""
        max_width = max_width or self.max_width
        if photo.fmt in CLEANERS and (photo.animated or (
                photo.upright and photo.size[0] <= max_width)):
            return Variant(source, None, photo.fmt, path)
        width = min(photo.size[0], max_width)
        return Variant(source, scaled_size(photo.size, width), photo.fmt, path)

    def plan(self, variant, content=None):
        """Publish `variant` (for `content`, if it is written); encoded now, so
        a damaged file is named with its post."""
        self.encoded(variant)
        self.planned[variant.path] = variant
        if content is not None:
            self.planned_for.setdefault(variant.path, []).append(content)

    def report(self, content, src, what, fix):
        """A problem of the image `src` (as the coach wrote it) in `content`."""
        path = os.path.relpath(content.source_path, os.path.dirname(self.content_path))
        report_problem(path, line_of(content.source_path, src.removeprefix("{static}")),
                       what, fix)

    def choose_published(self, generators):
        """Once every post and page is read: Pelican copies none of the images
        in the static folders. Those a post or page uses otherwise than as a
        photo (a video's poster, a link to a picture) are published cleaned
        like the photos; the others are not published, and the coach is told."""
        for generator in generators:
            if isinstance(generator, StaticGenerator):
                self.keep_what_written_posts_use()
                unused = []
                generator.staticfiles[:] = [static for static in generator.staticfiles
                                            if not self.take_image(static, unused)]
                for relative in sorted(unused):
                    print(f"{self.coach_path(relative)} is used by no post or page, "
                          "so it is not published.")

    def keep_what_written_posts_use(self):
        """Only the posts and pages Pelican writes publish the files they use:
        a draft's photos stay private where drafts are not written
        (DRAFT_SAVE_AS and DRAFT_PAGE_SAVE_AS empty, as in production; a
        scheduled post is a draft until its day), and are published where
        drafts are previewed."""
        written = [content for content in self.contents if is_written(content)]
        self.planned = {path: variant for path, variant in self.planned.items()
                        if path not in self.planned_for
                        or any(is_written(content) for content in self.planned_for[path])}
        self.used |= {relative for relative, contents in self.shown.items()
                      if any(is_written(content) for content in contents)}
        self.used |= files_used(written, self.static_dirs)
        # Shown as photos: published, or refused and said so.
        self.handled = self.refused | {variant.source for variant in self.planned.values()}

    def take_image(self, static, unused):
        """Whether `static` is an image or a video file, now the plugin's to
        publish or not (those it does not publish are added to `unused`)."""
        relative = static.relative_source_path
        extension = os.path.splitext(relative)[1].lower()
        if (not relative.startswith(self.static_dirs)
                or extension not in IMAGE_EXTENSIONS | VIDEO_CLEANERS.keys()):
            return False
        if relative not in self.used:
            unused.append(relative)
            with contextlib.suppress(FileNotFoundError):  # the preview builds in place
                os.remove(os.path.join(self.output, static.save_as))
        elif extension in VIDEO_CLEANERS:
            self.publish_video(static, extension)
        elif static.source_path not in self.handled:
            self.publish_as_used(static)
        return True

    def publish_video(self, static, extension):
        """A video file a post plays, at Pelican's address, without what the
        phone wrote beside the film (its place above all)."""
        try:
            self.plan(Variant(static.source_path, None, extension.lstrip("."), static.save_as))
        except PhotoError:
            report_problem(self.coach_path(static.relative_source_path), None,
                           "This video file cannot be read to the end (it is damaged, or "
                           "not the kind of file its name says).",
                           "Export the video again from your phone or editor as MP4, "
                           "then add it to content/images/ once more.")

    def publish_as_used(self, static):
        """An image a post uses without showing it as a photo, at Pelican's address."""
        try:
            if static.save_as.lower().endswith(".svg"):
                self.plan(Variant(static.source_path, None, "svg", static.save_as))
                return
            photo = read_photo(static.source_path, self.max_pixels)
            small = AUTHOR_PHOTO_WIDTH if static.relative_source_path == self.author_photo else None
            if photo.fmt is not None:  # a HEIC only linked to: a browser could not show it
                self.plan(self.as_published(static.save_as, static.source_path, photo, small))
        except PhotoError as error:
            what, fix = error.args
            report_problem(self.coach_path(static.relative_source_path),
                           None, f"This image {what}", fix)

    def coach_path(self, relative):
        """content/images/x.jpg, as the coach finds the file."""
        return os.path.relpath(os.path.join(self.content_path, relative),
                               os.path.dirname(self.content_path))

    def write(self, pelican):
        for path, variant in sorted(self.planned.items()):
            self.publish(self.encoded(variant), os.path.join(self.output, path))

    def encoded(self, variant):
        """The file of `variant` (its source resized and encoded, or cleaned as
        it is), from the cache when made the same way before."""
        with open(variant.source, "rb") as original:
            data = original.read()
        digest = hashlib.sha256(data).hexdigest()[:16]
        size = f"{variant.size[0]}x{variant.size[1]}" if variant.size else "as-is"
        how = f"{size}-q{self.quality}"  # as-is: a drawing's embedded photos are encoded
        cached = os.path.join(self.cache, f"{digest}-{how}-{CACHE_VERSION}.{variant.fmt}")
        if not os.path.exists(cached):
            os.makedirs(self.cache, exist_ok=True)
            part = part_file(cached)
            try:
                if variant.size:
                    encode(variant.source, variant.size, variant.fmt, self.quality, part)
                else:
                    with open(part, "wb") as cleaned:
                        cleaned.write(without_metadata(data, variant.fmt, self.quality))
            except (OSError, SyntaxError, ValueError, etree.ParseError) as error:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(part)
                raise PhotoError(f"is damaged and cannot be read to the end ({error}).",
                                 "Copy the photo from your phone or camera again, then "
                                 "open it once to check that it shows whole.") from None
            os.replace(part, cached)  # never half a file in the cache
        return cached

    @staticmethod
    def publish(cached, destination):
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(cached, destination)


def without_metadata(data, fmt, quality):
    """`data`, a file in `fmt` published with its pixels as they are, cleaned
    (the pictures a drawing embeds are encoded again, at `quality`)."""
    if fmt == "svg":
        return svg_without_metadata(data.decode("utf-8"), lambda picture: (
            embedded_picture_alone(picture, quality))).encode("utf-8")
    if f".{fmt}" in VIDEO_CLEANERS:
        return VIDEO_CLEANERS[f".{fmt}"](data)
    return CLEANERS[fmt](data)


def is_written(content):
    """Whether Pelican writes `content` (a draft is not where DRAFT_SAVE_AS
    or DRAFT_PAGE_SAVE_AS is empty)."""
    return content.status != "skip" and bool(content.save_as)


def files_named(values, static_dirs):
    """The files in the static folders that settings' values name."""
    named = (content_relative_path(value.strip(), "") for value in values
             if isinstance(value, str) and "\n" not in value)
    return {relative for relative in named if relative and relative.startswith(static_dirs)}


def files_used(contents, static_dirs):
    """The files in the static folders that the posts and pages link to or
    show (src, href, poster or srcset), as paths in the content folder."""
    used = set()
    for content in contents:
        for match in FILE_ATTRIBUTE.finditer(content._content or ""):
            for address in match.group(2).split(","):
                relative = content_relative_path(html.unescape(address.strip()).split(" ")[0],
                                                 content.relative_dir)
                if relative and relative.startswith(static_dirs):
                    used.add(relative)
    return used


def register():
    """A new Images for each build (the warm preview builds many times)."""
    images = Images()
    signals.initialized.connect(images.read_settings, weak=False)
    signals.content_object_init.connect(images.rewrite, weak=False)
    signals.all_generators_finalized.connect(images.choose_published, weak=False)
    signals.finalized.connect(images.write, weak=False)
