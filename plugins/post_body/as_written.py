"""Markdown as the coach sees it in her editor: a Python-Markdown preprocessor.

Python-Markdown follows the original Markdown, which most editors (and
people) do not: a nested list needs 4 spaces, a list or a table needs a
blank line above it, and only `1.` numbers a list. This rewrites the lines
before Python-Markdown reads them, so that:

- a list nested by 2, 3 or 4 spaces (or a tab) nests, one level for each
  step in, as in GitHub, VS Code or Obsidian (each level becomes 4 spaces);
- `1)` numbers a list as `1.` does;
- bullets pasted from Word or a web page become `- `: `•`, `◦`, `▪`, `●`,
  `○`, `■`, `‣`, `⁃` followed by a space or a tab; and `–` (en dash), `o`
  or `§` followed by a tab, as Word pastes its own list levels (an en dash
  and a space stays text: it is how a quote's author is written);
- a list or a table right under a line of text starts after it, as if there
  were a blank line between them.

Code is left as written: an indented code block (4 spaces in, with no list
open), and code under an item (4 spaces past the item's text, after a blank
line), which keeps its place in the item. A `-` right under a line of text
underlines a heading, as it does in Markdown, and starts no list.

It runs after the fenced-code and raw-HTML preprocessors (priority 19), so
code and HTML blocks are already set aside and are never changed.
"""

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

# A list item as written: its indent, its marker (-, *, +, 1. or 1)) and a space.
ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}[.)])(?: +|$)")
# A horizontal rule (`- - -`, `***`) looks like an item but is not one.
RULE = re.compile(r"^ {0,3}([-*_])( *\1){2,} *$")
# Bullets pasted from elsewhere: with a space or a tab (expanded to spaces by
# now), and Word's own list levels, which paste with a tab (2 spaces or more).
PASTED_BULLET = re.compile(r"^(?P<indent> *)(?:[•◦▪●○■‣⁃] +|[–o§] {2,})(?=\S)")
# A table's second line: |---|:--:| (a pipe and dashes, colons and spaces only).
# A setext heading's underline (`-`, `--`, `---`) right under a line of text.
HEADING_UNDERLINE = re.compile(r"^ {0,3}-+ *$")
TABLE_RULE = re.compile(r"^ {0,3}\|?(?: *:?-+:? *\|)+(?: *:?-+:? *)?$|^ {0,3}\|? *:?-+:? *\|$")
NESTING_STEP = 2  # spaces in from the item above that make a nested item
LEVEL = 4  # spaces per level, as Python-Markdown reads them


def pasted_bullets_as_dashes(line):
    return PASTED_BULLET.sub(lambda match: match["indent"] + "- ", line)


def numbers_with_dots(line):
    """`1)` numbers a list as `1.` does."""
    match = ITEM.match(line)
    if match and match["marker"].endswith(")"):
        end = match.end("marker")
        return line[:end - 1] + "." + line[end:]
    return line


def content_column(line):
    """Where an item's text starts, as written: past its marker and the
    spaces after it (one space only when it is followed by 5 or more, which
    make code)."""
    match = ITEM.match(line)
    marker_end = match.end("marker")
    spaces = match.end() - marker_end
    return marker_end + (spaces if 1 <= spaces <= 4 else 1)


def list_item(line):
    """The indent of a list item, or None for any other line."""
    match = ITEM.match(line)
    if match is None or RULE.match(line):
        return None
    return len(match["indent"])


def starts_table(lines, index):
    """Whether lines[index] is a table's heading row: it has a pipe and the
    next line is the row of dashes under it."""
    return ("|" in lines[index] and index + 1 < len(lines)
            and TABLE_RULE.match(lines[index + 1]) is not None)


def starts_list_under_text(item):
    """Whether an item right under a line of text starts a list: a bullet
    does, a number only when it is 1 (as in CommonMark), so a sentence that
    wraps onto "2020. was the year" stays a sentence."""
    marker = ITEM.match(item)["marker"]
    return not marker[0].isdigit() or marker[:-1] == "1"


class ListLevels:
    """The indents of the list items open above the current line, to put each
    item, and each line that carries on an item, at 4 spaces a level."""

    def __init__(self):
        self.open = []  # the indent as written of each open item, outermost first
        self.text_at = []  # where the text of each open item starts, as written
        self.numbered = None  # whether the outermost list is numbered

    def item_level(self, indent):
        """The level an item written at `indent` would be at."""
        return sum(1 for opened in self.open if indent >= opened + NESTING_STEP)

    def item(self, indent, text_at):
        """The new indent of an item written at `indent`, its text at `text_at`."""
        while self.open and indent < self.open[-1] + NESTING_STEP:
            self.open.pop()
            self.text_at.pop()
        level = len(self.open)
        self.open.append(indent)
        self.text_at.append(text_at)
        return level * LEVEL

    def close(self):
        self.open, self.text_at = [], []

    def code(self, indent):
        """The new indent of a line of code under an item (4 spaces or more
        past the text of the deepest item it is in, as in CommonMark), or
        None for a line that is not code there. Python-Markdown reads code
        in an item 4 spaces past the item's level: what is past that stays."""
        level = sum(1 for opened in self.open if opened < indent)
        if level == 0 or indent < self.text_at[level - 1] + LEVEL:
            return None
        return (level + 1) * LEVEL + indent - self.text_at[level - 1] - LEVEL

    def continuation(self, indent):
        """The new indent of an indented line under an item: inside the
        deepest open item it is indented past."""
        level = sum(1 for opened in self.open if opened < indent)
        return level * LEVEL


def as_written(lines):
    """The lines, rewritten so that Python-Markdown reads them as an editor shows them."""
    out = []
    levels = ListLevels()
    previous_blank = True
    previous_code = False
    for index, line in enumerate(lines):
        if not line.strip():
            out.append(line)
            previous_blank = True
            continue
        stripped = line.lstrip(" ")
        written_indent = len(line) - len(stripped)
        code_indent = code_at(levels, written_indent, previous_blank or previous_code)
        previous_code = code_indent is not None
        if previous_code:  # code is kept as written, only put at its item's level
            out.append(" " * code_indent + stripped)
            previous_blank = False
            continue
        line = numbers_with_dots(pasted_bullets_as_dashes(line))
        stripped = line.lstrip(" ")
        indent = list_item(line)
        if indent is not None and not levels.open and not previous_blank \
                and HEADING_UNDERLINE.match(line):
            indent = None  # "Title" over "-" is a heading
        if indent is not None and (levels.open or indent <= 3):
            numbered = stripped[0].isdigit()
            if levels.open and levels.item_level(indent) == 0 and numbered != levels.numbered:
                out.append("")  # bullets then numbers, or the other way: two lists
                levels.close()
            if not levels.open:
                levels.numbered = numbered
            if not levels.open and not previous_blank and out and out[-1]:
                if not starts_list_under_text(stripped):
                    out.append(line)
                    continue
                out.append("")  # a list right under text starts a list
            out.append(" " * levels.item(indent, content_column(line)) + stripped)
        elif levels.open and written_indent > 0:
            out.append(" " * levels.continuation(written_indent) + stripped)
        else:
            if levels.open and previous_blank:
                levels.close()  # text back at the margin after a blank line: the list ended
            if not levels.open and not previous_blank and starts_table(lines, index):
                out.append("")  # a table right under text starts a table
            out.append(line)
        previous_blank = False
    return out


def code_at(levels, indent, may_start):
    """The new indent of a line that is code, or None: with no list open, a
    line 4 spaces in (an indented code block, or a paragraph's line carried
    on, which is not rewritten either); in a list, code under an item, which
    starts only after a blank line (code cannot break into a paragraph)."""
    if not levels.open:
        return indent if indent >= LEVEL else None
    return levels.code(indent) if may_start else None


class AsWritten(Preprocessor):
    def run(self, lines):
        return as_written(lines)


class AsWrittenExtension(Extension):
    def extendMarkdown(self, md):
        # After fenced code (25) and raw HTML blocks (20) are set aside.
        md.preprocessors.register(AsWritten(md), "as_written", 19)
