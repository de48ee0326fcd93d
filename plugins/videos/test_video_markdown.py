"""The Markdown extension of plugins/videos, run on its own: which paragraphs
become videos and which stay links."""

import markdown
from bs4 import BeautifulSoup

from .fetch import videos_in_markdown, videos_in_restructuredtext
from .videos import VideoExtension

ID = "dQw4w9WgXcQ"


def render(text):
    return BeautifulSoup(markdown.markdown(text, extensions=[VideoExtension()]), "html.parser")


def sources(soup):
    return [(div["data-address"], div["data-title"]) for div in soup.select("div.video-source")]


def test_an_address_alone_on_its_line_becomes_a_video():
    soup = render(f"Intro.\n\nhttps://youtu.be/{ID}?t=5\n\nAfter.")
    assert sources(soup) == [(f"https://youtu.be/{ID}?t=5", "")]
    assert [p.text for p in soup.find_all("p")] == ["Intro.", "After."]


def test_an_address_on_its_own_line_inside_a_paragraph_splits_it():
    soup = render(f"Here is my video:\nhttps://www.youtube.com/watch?v={ID}\nTry it.")
    assert sources(soup) == [(f"https://www.youtube.com/watch?v={ID}", "")]
    assert [p.text for p in soup.find_all("p")] == ["Here is my video:", "Try it."]


def test_a_paragraph_that_is_only_a_link_becomes_a_video_titled_with_the_link_text():
    soup = render(f"[Glute release](https://www.youtube.com/shorts/{ID})")
    assert sources(soup) == [(f"https://www.youtube.com/shorts/{ID}", "Glute release")]
    assert not soup.find("a")


def test_the_title_is_the_link_text_as_a_reader_sees_it():
    soup = render(f"[Glutes \\& hamstrings \\*twice\\*](https://youtu.be/{ID})")
    assert sources(soup) == [(f"https://youtu.be/{ID}", "Glutes & hamstrings *twice*")]


def test_a_youtube_link_inside_a_sentence_stays_a_link():
    soup = render(f"Watch [my video](https://youtu.be/{ID}) before you start.")
    assert sources(soup) == []
    assert soup.find("a")["href"] == f"https://youtu.be/{ID}"


def test_other_links_and_channel_pages_stay_links():
    soup = render("[My channel](https://www.youtube.com/@onebodycoach)\n\n"
                  "https://example.com/watch?v=dQw4w9WgXcQ")
    assert sources(soup) == []
    assert soup.find("a")["href"] == "https://www.youtube.com/@onebodycoach"


def test_an_address_in_a_code_block_stays_code():
    soup = render(f"    https://youtu.be/{ID}\n")
    assert sources(soup) == []
    assert soup.find("code").text.strip() == f"https://youtu.be/{ID}"


def test_invoke_videos_finds_the_same_videos_as_the_build():
    text = (f"Title: x\n\nhttps://youtu.be/{ID}\n\n[A](https://youtu.be/aaaaaaaaaaa)\n\n"
            "See [this](https://youtu.be/bbbbbbbbbbb) too.\n\nhttps://youtu.be/bad\n\n"
            "https://vimeo.com/76979871\n\nhttps://www.youtube.com/playlist?list=PL0123456789\n")
    assert videos_in_markdown(text) == [ID, "aaaaaaaaaaa"]
    assert videos_in_restructuredtext(f"Hi\n\n.. youtube:: {ID}\n\n.. youtube:: bad\n") == [ID]
