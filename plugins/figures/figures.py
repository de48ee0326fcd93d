"""Figures: a photo with a caption.

Adds a Python-Markdown tree processor: an image alone in its paragraph whose
Markdown has a title, `![What it shows](images/x.jpg "The caption")`, becomes
a <figure> with the image and a <figcaption> holding the title as text (a
linked image, `[![...](x.jpg "Caption")](address)`, too). The alt text stays
the description for readers who cannot see the photo; the title attribute
goes, as the caption now shows it (a tooltip would repeat it). The images
plugin then makes the image responsive as any other. An image without a
title, or inside a sentence, stays as it is. The look is main.css's Article
section.

Settings read: none. Signals: initialized (add the Markdown extension).
"""

import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor
from pelican import signals

from plugins.markdown_extensions import add_once


def captioned_image(paragraph):
    """The image (or the link around it) a paragraph holds alone, if the image
    has a title; else None."""
    if (paragraph.text or "").strip() or len(paragraph) != 1:
        return None
    child = paragraph[0]
    if (child.tail or "").strip():
        return None
    image = child
    if child.tag == "a" and len(child) == 1 and not (child.text or "").strip() \
            and not (child[0].tail or "").strip():
        image = child[0]
    if image.tag != "img" or not (image.get("title") or "").strip():
        return None
    return child


def as_figure(paragraph, child):
    """Turn `paragraph` into a <figure> of `child` and its caption, in place."""
    image = child if child.tag == "img" else child[0]
    caption = etree.SubElement(paragraph, "figcaption")
    caption.text = " ".join(image.attrib.pop("title").split())
    child.tail = None
    paragraph.tag = "figure"


class Figures(Treeprocessor):
    """Each captioned image alone in its paragraph becomes a figure."""

    def run(self, root):
        for paragraph in root.iter("p"):
            child = captioned_image(paragraph)
            if child is not None:
                as_figure(paragraph, child)


class FiguresExtension(markdown.Extension):
    def extendMarkdown(self, md):
        # After the inline processor (20), which makes the <img> from its Markdown.
        md.treeprocessors.register(Figures(md), "figures", 6)


def add_markdown_extension(pelican):
    add_once(pelican.settings, FiguresExtension)


def register():
    signals.initialized.connect(add_markdown_extension)
