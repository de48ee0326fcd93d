"""Reading aids: a reading time for every post and a table of contents for
long ones.

A first heading that repeats the title (`# Same as the title`, as Word and
other editors start a document) is dropped: the page shows the title once,
as its one h1, which is what the coach meant; a different first heading stays.

Adds to every article and page:
- `reading_minutes`: minutes to read the text at READING_WORDS_PER_MINUTE,
  rounded up, at least 1 (words of the text only: tags, attributes and
  video addresses are not words a reader reads);
- `toc`: [(level, id, text)] of its h2 and h3 headings when it has at least
  TOC_MIN_HEADINGS h2s, else []. Heading ids come from Python-Markdown's
  `toc` extension, enabled here.

pelican-readtime was the candidate from PyPI; it counts the words of the
HTML source, markup included, and rounds down to "0 minutes" for short posts.

Settings read (defaults): READING_WORDS_PER_MINUTE (200), TOC_MIN_HEADINGS (3).
Signals: initialized (settings; heading ids), content_object_init (drop a repeated
title, measure).
"""

import html
import math
import re
from html.parser import HTMLParser

from pelican import signals


class TextAndHeadings(HTMLParser):
    """The words of an HTML fragment's text, and its h2/h3 headings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words = 0
        self.headings = []
        self._heading = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3"):
            self._heading = [int(tag[1]), dict(attrs).get("id"), ""]

    def handle_endtag(self, tag):
        if tag in ("h2", "h3") and self._heading:
            level, anchor, text = self._heading
            if anchor:
                self.headings.append((level, anchor, text.strip()))
            self._heading = None

    def handle_data(self, data):
        self.words += len(data.split())
        if self._heading:
            self._heading[2] += data


def reading_minutes(words, words_per_minute):
    return max(1, math.ceil(words / words_per_minute))


def table_of_contents(headings, min_headings):
    """The headings worth a table of contents, or [] for a short post."""
    return headings if sum(level == 2 for level, _, _ in headings) >= min_headings else []


LEADING_H1 = re.compile(r"\s*<h1\b[^>]*>(?P<text>.*?)</h1>\s*", re.S)


def plain_text(markup):
    """Text of an HTML fragment, for comparing: no tags, entities, case or extra space."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split()).casefold()


def without_title_heading(body, title):
    """The body without a first <h1> that only repeats the title."""
    match = LEADING_H1.match(body)
    if match and plain_text(match["text"]) == plain_text(title):
        return body[match.end():]
    return body


class ReadingAids:
    """One build's settings, read when it starts, and the handler that measures
    each post; register() makes one for each build."""

    def __init__(self):
        self.words_per_minute = 200
        self.toc_min_headings = 3

    def read_settings(self, pelican):
        self.words_per_minute = pelican.settings.get("READING_WORDS_PER_MINUTE", 200)
        self.toc_min_headings = pelican.settings.get("TOC_MIN_HEADINGS", 3)
        extensions = pelican.settings.setdefault("MARKDOWN", {}).setdefault(
            "extension_configs", {})
        extensions.setdefault("markdown.extensions.toc", {"permalink": False})

    def measure(self, content):
        if content._content and getattr(content, "title", None):
            content._content = without_title_heading(content._content, content.title)
        parser = TextAndHeadings()
        parser.feed(content._content or "")
        content.reading_minutes = reading_minutes(parser.words, self.words_per_minute)
        content.toc = table_of_contents(parser.headings, self.toc_min_headings)


def register():
    """A new ReadingAids for each build (the warm preview builds many times)."""
    aids = ReadingAids()
    signals.initialized.connect(aids.read_settings, weak=False)
    signals.content_object_init.connect(aids.measure, weak=False)
