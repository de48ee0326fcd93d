"""Photo captions as the figures plugin renders them, without building a site."""

import markdown
from bs4 import BeautifulSoup

from .figures import FiguresExtension


def rendered(text):
    html = markdown.markdown(text, extensions=["markdown.extensions.extra", FiguresExtension()])
    return BeautifulSoup(html, "html.parser")


def test_an_image_with_a_title_alone_in_its_paragraph_becomes_a_captioned_figure():
    page = rendered('Before.\n\n![A bridge, hips up](images/b.jpg "Hold for <3> & breathe")\n')
    figure = page.select_one("figure")
    assert figure.img["alt"] == "A bridge, hips up" and figure.img["src"] == "images/b.jpg"
    assert figure.figcaption.get_text() == "Hold for <3> & breathe"
    assert not figure.img.has_attr("title")
    assert page.select("p > figure, figure p") == []


def test_a_linked_image_with_a_title_keeps_its_link_inside_the_figure():
    figure = rendered('[![A bridge](b.jpg "The bridge")](https://example.org/)\n').figure
    assert figure.a["href"] == "https://example.org/" and figure.a.img["alt"] == "A bridge"
    assert figure.figcaption.get_text() == "The bridge"


def test_an_image_without_a_title_or_inside_a_sentence_stays_as_it_is():
    page = rendered('![A bridge](b.jpg)\n\nSee ![a bridge](b.jpg "The bridge") here.\n')
    assert page.select("figure") == []
    assert [img.get("title") for img in page.select("p > img")] == [None, "The bridge"]
