"""prefix_root_links: which links it changes, and which it must leave alone."""

import pytest

from root_links.root_links import prefix_root_links

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
