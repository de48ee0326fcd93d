"""Reading aids: a reading time for every post and a table of contents for
long ones.

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
Signals: initialized (enable heading ids), content_object_init (measure).
"""

import math
from html.parser import HTMLParser

from pelican import signals

settings = {"words_per_minute": 200, "toc_min_headings": 3}


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


def read_settings(pelican):
    settings["words_per_minute"] = pelican.settings.get("READING_WORDS_PER_MINUTE", 200)
    settings["toc_min_headings"] = pelican.settings.get("TOC_MIN_HEADINGS", 3)
    extensions = pelican.settings.setdefault("MARKDOWN", {}).setdefault("extension_configs", {})
    extensions.setdefault("markdown.extensions.toc", {"permalink": False})


def measure(content):
    parser = TextAndHeadings()
    parser.feed(content._content or "")
    content.reading_minutes = reading_minutes(parser.words, settings["words_per_minute"])
    content.toc = table_of_contents(parser.headings, settings["toc_min_headings"])


def register():
    signals.initialized.connect(read_settings)
    signals.content_object_init.connect(measure)
