"""without_comments on its own, then a post with notes in comments built
in-process from test_data/: the notes reach neither the page nor the feeds,
and `<!--` shown as code stays."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from plugins.in_process import build_in_process

from . import html_comments
from .html_comments import without_comments

NOTES = ["an inline note to self", "Examples to copy", "VIDEO_ID"]
SHOWN_AS_CODE = ["<!-- a note the reader must see as code -->", "<!-- inline code -->"]


@pytest.mark.parametrize("html, expected", [
    ("<p>A <!-- note --> B</p>", "<p>A  B</p>"),
    ("<!--\nExamples\n-->\n<p>Text</p>", "\n<p>Text</p>"),
    ("<p>1</p><!-- a --><p>2</p><!-- b -->", "<p>1</p><p>2</p>"),
])
def test_comments_go(html, expected):
    assert without_comments(html) == expected


@pytest.mark.parametrize("html", ["<pre><code>&lt;!-- shown --&gt;</code></pre>",
                                  "<p>&lt;!-- never closed</p>"])
def test_comments_shown_as_text_stay(html):
    assert without_comments(html) == html


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # page_meta: the theme's head needs its absolute_url.
    return build_in_process(Path(__file__).parent / "test_data",
                            tmp_path_factory.mktemp("notes"), [html_comments, "page_meta"])


def assert_notes_gone_and_code_kept(html):
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find_all(string=lambda text: isinstance(text, Comment)) == []
    for note in NOTES:
        assert note not in html
    text = soup.get_text()
    for code in SHOWN_AS_CODE:
        assert code in text
    assert "Before the note.  After the note." in text


def test_the_page_has_no_notes_and_shows_code_as_written(site):
    body = site.page("notes/").select_one(".post-body")
    assert_notes_gone_and_code_kept(str(body))
    assert "<!--" not in (site.output / "notes" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("feed, content", [
    ("all.atom.xml", "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}content"),
    ("all.rss.xml", "channel/item/description"),
])
def test_the_feeds_have_no_notes(site, feed, content):
    [entry] = ET.parse(site.output / "feeds" / feed).getroot().findall(content)
    assert_notes_gone_and_code_kept(entry.text)
