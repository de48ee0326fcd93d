"""Videos: YouTube (and Vimeo) links in posts become fast, private embeds,
and the site gets a library of every video.

Adds:
- a Markdown extension: a video address alone on its own line, or a
  paragraph that is only a link to one (`[Title](address)`), becomes a video;
  a link inside a sentence stays a link. A video address: a YouTube video,
  a YouTube playlist (the embed plays the list), a Vimeo video (played by
  Vimeo's do-not-track player, dnt=1);
- the same embed for reStructuredText's `.. youtube:: ID` (pelican-youtube's
  directive: its iframe is replaced before anything is written), and for
  YouTube's or Vimeo's "Embed" code pasted into a post (Vimeo's wrapper
  div and script go with it);
- the embed itself (youtube.embed_html): a link with a poster and the title,
  which theme/static/js/video.js turns into a play button. Nothing comes from
  YouTube until the reader presses play. Its title: the link text, else the
  title `invoke videos` fetched, else "Video from: POST TITLE";
- `article.videos` / `page.videos` (what a page embeds, for the theme) and
  `video_library` in the template context: every video of every published
  post, newest post first (the Videos page).
A malformed video address is a problem (plugins/problems.py) naming the file
and line and how to fix it, so a strict build (`--fatal warnings`) stops.

Settings read (defaults):
- VIDEO_POSTER_DIR ("images/videos"): posters `invoke videos` fetched, ID.jpg,
  relative to PATH and inside STATIC_PATHS;
- VIDEO_DATA_FILE ("videos.json"): the fetched titles, relative to PATH;
- SITENAME (""): the mark on a styled poster (a video with no fetched poster).
(VIDEO_OEMBED_URL and VIDEO_THUMBNAIL_URL are read by fetch.py, for `invoke videos`.)

Signals: initialized (read settings, add the Markdown extension, load the
fetched titles), content_object_init (turn each post's video sources into
embeds), article_generator_finalized (build the library).
"""

import html
import json
import os
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
from markdown.blockprocessors import BlockProcessor
from pelican import signals
from pelican.contents import Article, Page

from plugins.markdown_extensions import add_once
from plugins.problems import line_of, report_problem

from .youtube import VideoAddressError, embed_html, is_video_address, video_from_url

DEFAULTS = {"VIDEO_POSTER_DIR": "images/videos", "VIDEO_DATA_FILE": "videos.json"}

# -- Markdown: find the videos ------------------------------------------------------

# `[Title](address)` or `[Title](address "tooltip")`, the whole paragraph.
LONE_LINK = re.compile(
    r"""\[(?P<text>[^\]]*)\]\(\s*<?(?P<address>[^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)""")
# An address alone on a line: `https://youtu.be/ID` or `<https://youtu.be/ID>`.
LONE_ADDRESS = re.compile(r"<?(?P<address>\S+?)>?")


def lone_link(block):
    """(text, address) when the block is only a link to a video, else None."""
    match = LONE_LINK.fullmatch(block.strip())
    if match and is_video_address(match["address"]):
        # The link text as the reader sees it: Markdown's \& or \* lose the backslash.
        return re.sub(r"\\(.)", r"\1", match["text"]).strip(), match["address"]
    return None


def lone_address_line(lines):
    """The index of the first line that is only a video address, or None."""
    for index, line in enumerate(lines):
        match = LONE_ADDRESS.fullmatch(line.strip())
        if match and is_video_address(match["address"]):
            return index
    return None


ID_ATTRIBUTE = re.compile(r'\bid="([^"]*)"')


def unique_id(wanted, taken):
    """`wanted`, or with -2, -3... when the page has that id already (a heading
    "## Video 1" is id="video-1" too): two equal ids break the links to them."""
    found, number = wanted, 1
    while found in taken:
        number += 1
        found = f"{wanted}-{number}"
    return found


class VideoBlockProcessor(BlockProcessor):
    """Replaces a video paragraph or line by a video source element, which
    the plugin turns into the embed once it knows the post (its title, its
    file name for errors)."""

    def test(self, parent, block):
        return lone_link(block) is not None or lone_address_line(block.split("\n")) is not None

    def run(self, parent, blocks):
        block = blocks.pop(0)
        link = lone_link(block)
        if link:
            add_video_source(parent, address=link[1], title=link[0])
            return
        lines = block.split("\n")
        index = lone_address_line(lines)
        before, line, after = lines[:index], lines[index], lines[index + 1:]
        if before:
            self.parser.parseBlocks(parent, ["\n".join(before)])
        add_video_source(parent, address=LONE_ADDRESS.fullmatch(line.strip())["address"])
        if after:
            blocks.insert(0, "\n".join(after))


def add_video_source(parent, address, title=""):
    source = etree.SubElement(parent, "div")
    source.set("class", "video-source")
    source.set("data-address", address)
    source.set("data-title", title)


class VideoExtension(markdown.Extension):
    """Python-Markdown extension: videos on their own become video sources."""

    def extendMarkdown(self, md):
        # Just before paragraphs (10), after everything else (code, lists, quotes,
        # link references at 15): an address inside a code block stays code.
        md.parser.blockprocessors.register(VideoBlockProcessor(md.parser), "video", 12)


# -- From video sources to embeds -------------------------------------------------

# The three ways a video reaches a page's HTML: a source from our Markdown
# extension, pelican-youtube's directive (an iframe in a div), or YouTube's
# or Vimeo's "Embed" code pasted into a post (Vimeo's: the iframe in a div
# with a style, then a script). All become our embed, in document order.
VIDEO_SOURCE = re.compile(r'<div class="video-source"(?P<attributes>[^>]*)></div>')
VIDEO_MARKUP = re.compile(
    VIDEO_SOURCE.pattern
    + r'|<div class="youtube[^"]*">\s*<iframe src="(?P<directive>[^"]*)"[^>]*></iframe>\s*</div>'
    + r'|(?P<wrapper><div\b[^>]*>\s*)?<iframe\b(?P<pasted>[^>]*\bsrc="(?:https?:)?//'
    + r'(?:(?:www\.)?youtube(?:-nocookie)?\.com/embed/|player\.vimeo\.com/video/)[^>]*)>'
    + r'\s*</iframe>(?(wrapper)\s*</div>)'
    + r'(?:\s*<script\b[^>]*\bsrc="(?:https?:)?//player\.vimeo\.com/api/player\.js"[^>]*>'
    + r"\s*</script>)?")
# The title YouTube's Embed code gives every video: no title at all.
GENERIC_TITLE = "YouTube video player"
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


@dataclass(frozen=True)
class EmbeddedVideo:
    """One video as a page shows it; `poster` is a path inside the site, or None;
    `anchor` the embed's id on its page ("video-2": the page's second video),
    which the Videos page links to."""
    id: str
    start: int
    title: str
    poster: str | None
    anchor: str = ""


def read_titles(data_file):
    """{id: title} from the data file `invoke videos` writes; {} when there is none."""
    try:
        with open(data_file, encoding="utf-8") as data:
            return {video_id: entry["title"] for video_id, entry in json.load(data).items()
                    if entry.get("title")}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, AttributeError, TypeError) as problem:
        report_problem(os.path.relpath(data_file), None,
                       f"The video titles could not be read ({problem}).",
                       "Run ./dev videos to fetch them again.")
        return {}


def add_markdown_extension(settings):
    add_once(settings, VideoExtension)


def poster_path(video_id, content_path, poster_dir):
    """The poster's path inside the site when `invoke videos` fetched one, else None."""
    path = f"{poster_dir}/{video_id}.jpg"
    return path if os.path.isfile(os.path.join(content_path, path)) else None


def video_title(video_id, link_text, post_title, titles):
    """The link text, else the fetched title (`titles`), else a default naming the post."""
    return link_text.strip() or titles.get(video_id) or f"Video from: {post_title}"



def attributes_of(markup):
    return {name: html.unescape(value) for name, value in ATTRIBUTE.findall(markup)}


def described(match):
    """(address, link text, what the coach wrote) of one VIDEO_MARKUP match."""
    if match["attributes"] is not None:
        attributes = attributes_of(match["attributes"])
        address = attributes.get("data-address", "")
        return address, attributes.get("data-title", ""), address
    if match["directive"] is not None:
        address = html.unescape(match["directive"])
        return address, "", ".. youtube:: " + address.rsplit("/embed/", 1)[-1]
    attributes = attributes_of(match["pasted"])
    title = attributes.get("title", "")
    return attributes.get("src", ""), "" if title == GENERIC_TITLE else title, attributes["src"]


# -- One build ----------------------------------------------------------------------


class Videos:
    """One build's settings and fetched titles, and the signal handlers that
    use them; register() makes one for each build."""

    def __init__(self):
        self.content_path = "content"
        self.poster_dir = DEFAULTS["VIDEO_POSTER_DIR"]
        self.titles = {}
        self.mark = ""

    def read_settings(self, pelican):
        settings = pelican.settings
        self.content_path = settings.get("PATH", "content")
        self.poster_dir = settings.get("VIDEO_POSTER_DIR", DEFAULTS["VIDEO_POSTER_DIR"])
        self.mark = settings.get("SITENAME", "")
        self.titles = read_titles(os.path.join(
            self.content_path, settings.get("VIDEO_DATA_FILE", DEFAULTS["VIDEO_DATA_FILE"])))
        add_markdown_extension(settings)

    def replace_video_sources(self, content):
        """Turn the videos of a post or page into embeds, in place, and list
        them in `content.videos`."""
        if not isinstance(content, (Article, Page)) or not content._content:
            return
        found = []
        taken_ids = set(ID_ATTRIBUTE.findall(content._content))  # a heading "Video 1" has one

        def embed(match):
            address, link_text, written = described(match)
            return self.embed_for(content, address, link_text, written, found, taken_ids) or (
                f'<p><a href="{html.escape(address)}">{html.escape(address)}</a></p>')

        content._content = VIDEO_MARKUP.sub(embed, content._content)
        content.videos = found

    def embed_for(self, content, address, link_text, written, found, taken_ids=()):
        """The embed for one video (recorded in `found`), or None when its address
        is malformed (reported, quoting what the coach `written`)."""
        try:
            video = video_from_url(address)
            if video is None:
                raise VideoAddressError(f"{address} is not a video address.",
                                        "Copy the address again from the video's Share button.")
        except VideoAddressError as malformed:
            what, fix = malformed.what, malformed.fix
            if written.startswith(".. youtube::"):
                what = f"“{written}” needs a video id: 11 letters, digits, - or _."
                fix = "Write the part of the video's address after watch?v=."
                written = written.split("::", 1)[1].strip()
            report_problem(os.path.relpath(content.source_path, os.path.dirname(self.content_path)),
                           line_of(content.source_path, written), what, fix)
            return None
        poster = poster_path(video.id, self.content_path, self.poster_dir)
        title = video_title(video.id, link_text, content.title or "", self.titles)
        anchor = unique_id(f"video-{len(found) + 1}", taken_ids)
        found.append(EmbeddedVideo(video.id, video.start, title, poster, anchor))
        return embed_html(video, title, poster and "{static}/" + poster, self.mark, anchor)

    def build_library(self, generator):
        """Every video of every published post (drafts are not in generator.articles)."""
        generator.context["video_library"] = [
            {"video": video, "article": article}
            for article in generator.articles
            for video in getattr(article, "videos", [])
        ]


def register():
    """A new Videos for each build (the warm preview builds many times)."""
    videos = Videos()
    signals.initialized.connect(videos.read_settings, weak=False)
    signals.content_object_init.connect(videos.replace_video_sources, weak=False)
    signals.article_generator_finalized.connect(videos.build_library, weak=False)
