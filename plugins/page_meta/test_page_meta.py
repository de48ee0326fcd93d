"""Each page's head names the page itself: its own title, description and
canonical address (absolute, though development links relatively), in the
tags search engines and link previews read. Built in-process from test_data/."""

import json
from pathlib import Path

import pytest

from plugins.in_process import build_in_process

from . import page_meta

SITEURL = "https://coach.example"
PAGES = {  # site path: (title, description)
    "hip-hinge/": ("The hip hinge", "Bend from the hips, not the back."),
    "glute-bridge/": ("The glute bridge", "Lift the hips & squeeze."),
    "about/": ("About", "Who coaches here."),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_in_process(Path(__file__).parent / "test_data",
                            tmp_path_factory.mktemp("page_meta"), [page_meta],
                            SITEURL=SITEURL, RELATIVE_URLS=True)


@pytest.mark.parametrize("path", PAGES)
def test_each_page_has_its_own_title_description_and_canonical_address(site, path):
    head = site.page(path).head
    title, description = PAGES[path]
    assert head.title.text.startswith(title)
    assert head.find("meta", attrs={"name": "description"})["content"] == description
    assert head.find("link", rel="canonical")["href"] == f"{SITEURL}/{path}"
    assert head.find("meta", property="og:url")["content"] == f"{SITEURL}/{path}"
    assert head.find("meta", property="og:description")["content"] == description


def test_a_post_s_structured_data_is_the_post_s_own(site):
    data = json.loads(site.page("hip-hinge/").head.find(
        "script", type="application/ld+json").string)
    assert (data["@type"], data["headline"], data["url"]) == (
        "BlogPosting", "The hip hinge", f"{SITEURL}/hip-hinge/")
    assert data["author"]["url"] == f"{SITEURL}/about/"


def test_the_home_page_is_the_site_s_own_address(site):
    head = site.page("").head
    assert head.find("link", rel="canonical")["href"] == f"{SITEURL}/"
    assert head.find("meta", property="og:type")["content"] == "website"


def test_absolute_url_joins_the_site_address_and_a_path():
    assert page_meta.absolute_url("https://coach.example/", "/theme/x.png") == (
        "https://coach.example/theme/x.png")
    assert page_meta.absolute_url("https://coach.example") == "https://coach.example/"
