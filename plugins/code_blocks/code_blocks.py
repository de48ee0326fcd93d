"""Code blocks: a fenced code block reads on a phone.

Adds a Python-Markdown postprocessor: every <pre> (a fenced or indented code
block, which Pygments colours through codehilite, or one written as HTML) can
be focused with the keyboard (tabindex="0"), so a line wider than the phone
scrolls sideways inside its box with the arrow keys, as the tables do,
instead of widening the page. The look, both schemes, is main.css's Code
section.

Settings read: none. Signals: initialized (add the Markdown extension).
"""

import re

import markdown
from markdown.postprocessors import Postprocessor
from pelican import signals

from plugins.markdown_extensions import add_once

PRE_WITHOUT_TABINDEX = re.compile(r"<pre(?![^>]*\btabindex=)(?=[\s>])", re.I)


def focusable_code_blocks(html):
    """`html` with tabindex="0" on each <pre> that has none."""
    return PRE_WITHOUT_TABINDEX.sub('<pre tabindex="0"', html)


class FocusableCodeBlocks(Postprocessor):
    def run(self, text):
        return focusable_code_blocks(text)


class CodeBlocksExtension(markdown.Extension):
    def extendMarkdown(self, md):
        # After the raw HTML postprocessor (30), which puts codehilite's blocks back.
        md.postprocessors.register(FocusableCodeBlocks(md), "focusable_code_blocks", 5)


def add_markdown_extension(pelican):
    add_once(pelican.settings, CodeBlocksExtension)


def register():
    signals.initialized.connect(add_markdown_extension)
