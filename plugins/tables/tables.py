"""Tables: a Markdown table reads on a phone.

Adds a Python-Markdown tree processor: every table is wrapped in a box that
scrolls sideways on its own (never the page), which keyboard users can
focus and scroll, and which a screen reader names by the table's column
headings ("Table: Exercise, Sets, Reps"). A column aligned in Markdown
(`|:-:|`, `|--:|`) gets a class (align-center, align-right) instead of the
style attribute Python-Markdown writes, which the Content-Security-Policy
would block. The look is theme/static/css/main.css's Tables section.

Settings read: none. Signals: initialized (add the Markdown extension).
"""

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor
from pelican import signals

from plugins.markdown_extensions import add_once

ALIGNMENT = re.compile(r"text-align:\s*(left|center|right)")


def table_label(table):
    """The scroll box's name: "Table: " and the column headings."""
    headings = [" ".join("".join(th.itertext()).split()) for th in table.iter("th")]
    return "Table: " + ", ".join(heading for heading in headings if heading) if any(
        headings) else "Table"


def class_for_alignment(cell):
    """Python-Markdown's style="text-align: X" becomes class="align-X"."""
    match = ALIGNMENT.search(cell.attrib.pop("style", ""))
    if match and match[1] != "left":  # left is the default
        cell.set("class", f"align-{match[1]}")


class ScrollingTables(Treeprocessor):
    """Wraps each table in a focusable, labelled scroll box."""

    def run(self, root):
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "table":
                    continue
                for cell in child.iter():
                    if cell.tag in ("th", "td"):
                        class_for_alignment(cell)
                box = etree.Element("div", {"class": "table-scroll", "tabindex": "0",
                                            "role": "region", "aria-label": table_label(child)})
                parent.remove(child)
                box.append(child)
                parent.insert(index, box)


class TablesExtension(markdown.Extension):
    def extendMarkdown(self, md):
        # After the inline processor (20), so headings are their final text.
        md.treeprocessors.register(ScrollingTables(md), "scrolling_tables", 5)


def add_markdown_extension(pelican):
    add_once(pelican.settings, TablesExtension)


def register():
    signals.initialized.connect(add_markdown_extension)
