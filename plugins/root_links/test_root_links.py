"""prefix_root_links: which links it changes, and which it must leave alone;
then a post built in-process from test_data/, as a reader gets it under a
sub-path (production) and from the root (development)."""

from pathlib import Path

import pytest

from plugins.in_process import build_in_process

from . import root_links
from .root_links import prefix_root_links

SITEURL = "https://coach.github.io/onebodycoach"


@pytest.mark.parametrize("html, expected", [
    ('<a href="/about/">About</a>', f'<a href="{SITEURL}/about/">About</a>'),
    ("<img alt='Bridge' src='/images/bridge.jpg'>",
     f"<img alt='Bridge' src='{SITEURL}/images/bridge.jpg'>"),
    ('<video poster="/images/p.jpg" src="/v.mp4">',
     f'<video poster="{SITEURL}/images/p.jpg" src="{SITEURL}/v.mp4">'),
    ('<a href="/">Home</a>', f'<a href="{SITEURL}/">Home</a>'),
])
def test_root_links_get_the_site_address(html, expected):
    assert prefix_root_links(html, SITEURL) == expected


@pytest.mark.parametrize("html", [
    '<a href="//cdn.example/x.js">x</a>',             # another host
    '<a href="https://example.com/about/">x</a>',     # absolute already
    '<a href="../about/">x</a>',                      # relative
    '<a href="#top">x</a>',
    '<a href="mailto:hello@example.com">x</a>',
    '<p>Write <code>&lt;a href="/about/"&gt;</code> to link.</p>',  # shown as code
    '<p>href="/about/" as plain text</p>',
])
def test_other_links_and_text_stay_as_written(html):
    assert prefix_root_links(html, SITEURL) == html


def test_the_development_build_keeps_root_links():
    assert prefix_root_links('<a href="/about/">About</a>', "") == '<a href="/about/">About</a>'


# -- A post, built ----------------------------------------------------------------


def build(folder, **settings):
    # page_meta: the theme's head needs its absolute_url.
    return build_in_process(Path(__file__).parent / "test_data", folder,
                            [root_links, "page_meta"], **settings)


def post_links(site):
    body = site.page("links/").select_one(".post-body")  # the post as written
    return ([a["href"] for a in body.select("p a")], [img["src"] for img in body.select("img")],
            body.select_one("pre code").text.strip())


def test_under_a_sub_path_root_links_get_the_site_address_and_others_stay(tmp_path):
    links, images, code = post_links(build(tmp_path, SITEURL=SITEURL, RELATIVE_URLS=False))
    assert links == [f"{SITEURL}/about/", "../hip-hinge/", "https://example.org/guide/",
                     "//cdn.example.org/x.js"]
    assert images == [f"{SITEURL}/images/bridge.jpg"]
    assert code == '<a href="/about/">About</a>'  # shown as code, as written


def test_in_development_links_stay_as_written(tmp_path):
    links, images, _ = post_links(build(tmp_path, SITEURL="http://localhost:8000",
                                        RELATIVE_URLS=True))
    assert links[0] == "/about/"
    assert images == ["/images/bridge.jpg"]
