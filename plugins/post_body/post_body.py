"""Post body: the Markdown under a post's header renders as the coach sees it
in her editor, its links and images reach the files she meant, and nothing
in it is published that the browser would block.

Adds:
- a Markdown extension (as_written.py): lists nested by 2, 3 or 4 spaces
  nest, `1)` numbers a list, bullets pasted from Word (•, ◦, ▪...) make a
  list, and a list or a table right under a line of text starts there;
- links and images that reach the file meant (links.py): an address written
  from the post's folder, from the content folder, with `./` or `content/`
  in front, a bare file name found once in the content folder, another
  letter case or Unicode form of the name (as a Mac stores it), a `#` or
  `?` in the file's name: each becomes the `{filename}` or `{static}` form
  Pelican resolves. An address that cannot work stops the build at its line
  with the form to write: a file on her computer (`/Users/...`, `C:\\...`,
  `file:///...`), a file not in the content folder, or in a folder the site
  does not publish;
- a video file shown as an image, `![Title](images/drill.mp4)`, becomes the
  browser's own player (`<video controls>`, served by the site itself); a
  .mov (often not playable outside Safari) is refused with the fix;
- a link `{filename}`/`{static}`/`{attach}` to a file that does not exist
  stops the build, naming the post and the line (and the closest file name);
- markup the Content-Security-Policy blocks stops the build (markup.py): a
  <script>, <style>, an on...= handler, a style=, a `javascript:` link in
  any spelling, embed code from a site other than YouTube and Vimeo.

Listed before content_checks in PLUGINS: its links are rewritten before the
images plugin reads them, and its problems are reported before
content_checks stops the build.

Settings read: PATH, ARTICLE_PATHS, PAGE_PATHS, STATIC_PATHS, MARKDOWN (the
extension is added to it). Signals: initialized (settings, extension, the
content folder's files), content_object_init (rewrite each post's links and
videos), all_generators_finalized (the link and markup checks).
"""

import html
import os
import re
from urllib.parse import unquote, urlparse

from pelican import signals
from pelican.contents import Article, Page

from plugins.problems import line_of, report_problem

from .as_written import AsWrittenExtension
from .links import (
    UNPLAYABLE_VIDEO_EXTENSIONS,
    VIDEO_EXTENSIONS,
    ContentFiles,
    Refused,
    Resolved,
    resolve,
)
from .markup import blocked_markup, blocked_problem, lines_of_blocked

# A start tag that links to a file: <a>, <img>, a video's or audio's.
LINKING_TAG = re.compile(r"<(?P<tag>a|img|video|audio|source)\b[^<>]*>", re.I)
# One quoted href, src or poster inside it.
ADDRESS = re.compile(
    r"""(?P<lead>\s(?P<name>href|src|poster)\s*=\s*)(?P<q>["'])(?P<value>.*?)(?P=q)""", re.I | re.S)
ALT = re.compile(r"""\salt\s*=\s*(?P<q>["'])(?P<value>.*?)(?P=q)""", re.I | re.S)
# Pelican's own pattern for an internal link, e.g. href="{filename}/pages/x.md".
INTERNAL_LINK = re.compile(
    r"""(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*
        (?P<quote>["'])\{(?P<what>filename|static|attach)\}(?P<value>.*?)(?P=quote)""",
    re.X,
)


class PostBody:
    """One build's state: the content folder's files, read when it starts."""

    def __init__(self):
        self.files = None
        self.project_path = ""

    def read_settings(self, pelican):
        settings = pelican.settings
        extensions = settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
        if not any(isinstance(extension, AsWrittenExtension) for extension in extensions):
            extensions.append(AsWrittenExtension())
        self.project_path = os.path.dirname(settings["PATH"])
        self.files = ContentFiles.under(
            settings["PATH"], settings.get("ARTICLE_PATHS", [""]) + settings.get(
                "PAGE_PATHS", ["pages"]), settings.get("STATIC_PATHS", ["images"]))

    def shown_path(self, path):
        return os.path.relpath(path, self.project_path).replace("\\", "/")

    def rewrite_body(self, content):
        """Each link and image of a post, pointed at the file meant."""
        if not isinstance(content, (Article, Page)) or not content._content:
            return
        content._content = LINKING_TAG.sub(lambda tag: self.rewrite_tag(tag, content),
                                           content._content)

    def rewrite_tag(self, match, content):
        tag = match.group(0)
        is_image = match["tag"].lower() == "img"
        refused = []

        def one_address(attribute):
            written = html.unescape(attribute["value"])
            outcome = resolve(written, content.relative_dir, self.files, is_image)
            if isinstance(outcome, Refused):
                self.report(content, written, outcome.what, outcome.fix)
                refused.append(outcome)
            if isinstance(outcome, Resolved):
                return f'{attribute["lead"]}"{html.escape(outcome.address)}"'
            return attribute.group(0)

        tag = ADDRESS.sub(one_address, tag)
        if is_image:
            tag = self.video_for_image(tag, content, refused)
        # The build stops on a refused image: the images plugin need not name it again.
        return "" if is_image and refused else tag

    def video_for_image(self, tag, content, refused):
        """An image that is a video file becomes the browser's own player."""
        src = ADDRESS.search(tag)
        address = html.unescape(src["value"]) if src else ""
        extension = os.path.splitext(unquote(urlparse(address).path))[1].lower()
        if extension in UNPLAYABLE_VIDEO_EXTENSIONS:
            written = address.removeprefix("{static}/")
            self.report(content, written,
                        f"The video {written} is a {extension} file, which most browsers "
                        "other than Safari cannot play.",
                        "Export it as MP4 (on a Mac, in QuickTime: File › Export As, then "
                        "rename it .mp4; or share it from Photos to iMovie and export a "
                        "file), or put it on YouTube and paste its address on its own line.")
            refused.append(extension)
            return tag
        if extension not in VIDEO_EXTENSIONS:
            return tag
        alt = ALT.search(tag)
        title = alt["value"] if alt else ""
        source = html.escape(address)
        return (f'<video class="video-file" controls preload="metadata" playsinline '
                f'src="{source}" aria-label="{title}"><a href="{source}">'
                f'{title or "Watch the video"}</a></video>')

    def report(self, content, written, what, fix):
        line = line_of(content.source_path, written) or line_of(
            content.source_path, re.split(r"[\\/]", unquote(written))[-1])
        report_problem(self.shown_path(content.source_path), line, what, fix)

    def check_all_content(self, generators):
        """Checks that need every post read: links between them, and markup."""
        context = generators[0].context
        contents = [c for c in context["generated_content"].values() if c is not None]
        check_links(contents, context, self)
        check_markup(contents, self)


# -- Links Pelican resolves --------------------------------------------------------


def internal_links(rendered):
    """Yield (kind, target path) for each internal link in rendered HTML."""
    for match in INTERNAL_LINK.finditer(rendered or ""):
        yield match.group("what"), unquote(urlparse(html.unescape(match.group("value"))).path)


def target_source_path(content, target):
    """The source path, relative to the content folder, that a link points to."""
    if target.startswith("/"):
        return target.lstrip("/")
    return os.path.normpath(os.path.join(content.relative_dir, target)).replace("\\", "/")


def check_links(contents, context, body):
    known = {
        "filename": context["generated_content"].keys() | context["static_content"].keys(),
        "static": context["static_content"].keys(),
        "attach": context["static_content"].keys(),
    }
    for content in contents:
        for kind, target in internal_links(content._content):
            if target_source_path(content, target) in known[kind]:
                continue
            close = body.files.close_to(os.path.basename(target)) if body.files else None
            fix = (f"Did you mean content/{close}? Write {{{kind}}}/{close}." if close else
                   "Check the spelling of the file name, or remove the link.")
            report_problem(body.shown_path(content.source_path),
                           line_of(content.source_path, target),
                           f"The link {{{kind}}}{target} points to a file that does not exist.",
                           fix)


# -- Markup the browser would block -------------------------------------------------


def check_markup(contents, body):
    for content in contents:
        found = blocked_markup(content._content)
        if not found:
            continue
        try:
            with open(content.source_path, encoding="utf-8", errors="replace") as source:
                text = source.read()
        except OSError:
            text = ""
        path = body.shown_path(content.source_path)
        for blocked, line in zip(found, lines_of_blocked(found, text), strict=True):
            report_problem(**blocked_problem(blocked, path, line).as_dict())


def register():
    """A new PostBody for each build (the warm preview builds many times)."""
    body = PostBody()
    signals.initialized.connect(body.read_settings, weak=False)
    signals.content_object_init.connect(body.rewrite_body, weak=False)
    signals.all_generators_finalized.connect(body.check_all_content, weak=False)
