"""Images: the coach's photos become responsive, fast images.

Adds: every `<img>` in a post or page whose file is in the content folder
(written `images/x.jpg`, `/images/x.jpg` or `{static}/images/x.jpg`)
becomes a <picture> with WebP at several widths (srcset/sizes) and the
photo itself as the fallback, with width and height set (no layout shift),
`decoding="async"`, and `loading="lazy"` on all but the page's first image.
A photo wider than IMAGE_MAX_WIDTH is published resized to it; the original
in content/ is never changed. Encoded files are cached between builds.

Problems, with the post's file and line: an image without alt text, an
image file that does not exist, an image from another site. Images outside
STATIC_PATHS (the theme's own, say) and drawings Pillow does not read (SVG)
are left as they are.

Pelican's own copy of the original (STATIC_PATHS) is replaced in the output
by the web-sized version. Video posters (plugins/videos) are left alone.

Settings read (defaults): IMAGE_WIDTHS ([480, 960, 1600]), IMAGE_MAX_WIDTH
(2000), IMAGE_QUALITY (80), IMAGE_SIZES ("(min-width: 42rem) 40rem, 100vw"),
IMAGE_CACHE_PATH (CACHE_PATH/images), and PATH, STATIC_PATHS, OUTPUT_PATH,
SITEURL, RELATIVE_URLS.
Signals: initialized (settings), content_object_init (rewrite each post's
images and plan their files), finalized (write the files into the output).
"""

import hashlib
import html
import logging
import os
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser

from pelican import signals
from PIL import Image

logger = logging.getLogger(__name__)

IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
LOCAL_PREFIXES = ("{static}", "{attach}", "{filename}")


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
    src = src.split("#")[0].split("?")[0]
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
    return f"{stem}-{width}w.{fmt}"


def picture_html(attrs, url, sizes_attr, widths, size, lazy, fallback_url):
    """The <picture> for one image: WebP sources by width, the fallback img."""
    srcset = ", ".join(f"{url(w)} {w}w" for w in widths)
    img = dict(attrs)
    img.update(src=fallback_url, width=str(size[0]), height=str(size[1]), decoding="async")
    if lazy:
        img["loading"] = "lazy"
    else:
        img.pop("loading", None)
    rendered = " ".join(f'{key}="{html.escape(value)}"' for key, value in img.items())
    return (f'<picture><source type="image/webp" srcset="{html.escape(srcset)}" '
            f'sizes="{html.escape(sizes_attr)}"><img {rendered}></picture>')


class Images:
    """The plugin's state for one build: its settings and the files to write."""

    def __init__(self):
        self.variants = set()
        self.web_sized = {}  # original's path in the output -> its source, too wide

    def read_settings(self, pelican):
        settings = pelican.settings
        self.__init__()
        self.content_path = settings["PATH"]
        self.static_dirs = tuple(path.rstrip("/") + "/" for path in settings["STATIC_PATHS"])
        self.widths = settings.get("IMAGE_WIDTHS", [480, 960, 1600])
        self.max_width = settings.get("IMAGE_MAX_WIDTH", 2000)
        self.quality = settings.get("IMAGE_QUALITY", 80)
        self.sizes = settings.get("IMAGE_SIZES", "(min-width: 42rem) 40rem, 100vw")
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
        try:
            with Image.open(source) as image:
                size = image.size
        except OSError:
            return tag  # a drawing (SVG) or another format: published as it is
        count["seen"] += 1
        return self.picture(attrs, relative, source, size, lazy=count["seen"] > 1)

    def picture(self, attrs, relative, source, size, lazy):
        widths = plan_widths(size[0], self.widths, self.max_width)
        for width in widths:
            self.variants.add(Variant(source, width, "webp",
                                      variant_path(relative, width, "webp")))
        if size[0] > self.max_width:
            self.web_sized[relative] = source
            size = (self.max_width, round(size[1] * self.max_width / size[0]))

        def url(width):
            return f"{self.url_base}/{variant_path(relative, width, 'webp')}"

        return picture_html(attrs, url, self.sizes, widths, size, lazy,
                            f"{self.url_base}/{relative}")

    def report(self, content, src, what, fix):
        path = os.path.relpath(content.source_path, os.path.dirname(self.content_path))
        line = line_of(content.source_path, src.removeprefix("{static}"))
        where = f"{path}, line {line}" if line else path
        logger.error("%s: %s %s", where, what, fix, extra={"problem": problem(
            what, fix, path, line)})

    def write(self, pelican):
        output = pelican.settings["OUTPUT_PATH"]
        for variant in sorted(self.variants, key=lambda v: v.path):
            self.publish(self.encoded(variant.source, variant.width, variant.fmt),
                         os.path.join(output, variant.path))
        for relative, source in self.web_sized.items():
            fmt = "png" if relative.lower().endswith(".png") else "jpeg"
            self.publish(self.encoded(source, self.max_width, fmt),
                         os.path.join(output, relative))

    def encoded(self, source, width, fmt):
        """The file of `source` resized to `width` in `fmt`, from the cache when
        the same photo was encoded the same way before."""
        with open(source, "rb") as original:
            digest = hashlib.sha256(original.read()).hexdigest()[:16]
        cached = os.path.join(self.cache, f"{digest}-{width}-q{self.quality}.{fmt}")
        if not os.path.exists(cached):
            os.makedirs(self.cache, exist_ok=True)
            with Image.open(source) as image:
                image = image.convert("RGB") if fmt in ("jpeg", "webp") else image
                height = round(image.height * width / image.width)
                resized = image.resize((width, height), Image.LANCZOS)
                resized.save(cached + ".part", format=fmt.upper(), quality=self.quality)
            os.replace(cached + ".part", cached)  # never half a file in the cache
        return cached

    @staticmethod
    def publish(cached, destination):
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(cached, destination)


def line_of(source_path, text):
    try:
        with open(source_path, encoding="utf-8") as source:
            for number, line in enumerate(source, start=1):
                if text and text in line:
                    return number
    except OSError:
        pass
    return None


def problem(what, fix, path, line):
    """A content_checks Problem when that plugin is there, for its summary."""
    try:
        from content_checks.plain_words import Problem
    except ImportError:
        return None
    return Problem(what, fix, path, line)


images = Images()


def register():
    signals.initialized.connect(images.read_settings)
    signals.content_object_init.connect(images.rewrite)
    signals.finalized.connect(images.write)
