"""The site's frame and its small pages, built: the current section marked
in the menu, archives by year, tags and categories as pills with counts, the
Subscribe page (with and without a newsletter), the 404 page, and the 404
page served by `./dev serve` and `./dev livereload` for an unknown address."""

import asyncio
import contextlib
import re
import threading
import urllib.error
import urllib.request

import pytest

from benchmarks.build import free_port
from checks.browser import serving
from conftest import copy_project, run_pelican
from site_tools.serve import SiteHandler, site_server

NEWSLETTER = "https://newsletter-fixture.test/onebody"
# Posts in three years (the real post is 2026); "glutes" then tags two posts.
OLDER_POSTS = {
    "hips-2024.md": "Title: Hips & <knees>\nDate: 2024-03-02 09:00\nCategory: Running\n"
                    "Tags: hips\n\nHips.\n",
    "calves-2025.md": "Title: Calves\nDate: 2025-06-01 09:00\nCategory: Mobility\n"
                      "Tags: glutes, calves\n\nCalves.\n",
    "feet-2025.md": "Title: Feet\nDate: 2025-01-15 09:00\nCategory: Mobility\n\nFeet.\n",
    **{f"later-{n}.md": f"Title: Later {n}\nDate: 2026-11-2{n} 08:00\nCategory: Running\n\nLater.\n"
       for n in range(6, 10)},
}


@pytest.fixture(scope="module")
def more(tmp_path_factory):
    """A copy of the site with posts in three years and NEWSLETTER_URL set."""
    project = copy_project(tmp_path_factory.mktemp("chrome"))
    settings = project / "pelicanconf.py"
    text, count = re.subn(r'^NEWSLETTER_URL = .*$', f'NEWSLETTER_URL = "{NEWSLETTER}"',
                          settings.read_text(encoding="utf-8"), flags=re.M)
    assert count == 1
    settings.write_text(text, encoding="utf-8")
    for name, post in OLDER_POSTS.items():
        (project / "content" / "articles" / name).write_text(post, encoding="utf-8")
    build = run_pelican(project, project / "output")
    assert build.returncode == 0, build.log
    return build


def current(page):
    """The menu's links marked current: [(label, aria-current)], per menu."""
    return [[(a.get_text(), a["aria-current"]) for a in nav.select("a[aria-current]")]
            for nav in page.select("header nav")]


def test_the_menu_marks_the_current_section_on_posts_lists_and_pages(site):
    assert current(site.page("")) == [[("Posts", "page")]] * 2
    for path in ["cant-fire-my-glutes/", "category/running/", "tag/glutes/", "archives/"]:
        assert current(site.page(path)) == [[("Posts", "true")]] * 2, path
    assert current(site.page("contact/")) == [[("Contact", "page")]] * 2
    assert current(site.page("search/")) == [[("Search", "page")]] * 2


def test_the_header_has_one_button_book_and_a_menu_named_menu(site):
    header = site.page("about/").header
    assert [(a.get_text(), a["href"]) for a in header.select(".button")] == [
        ("Book", "mailto:bookings@example.com?subject=Online%20assessment")]
    assert header.select_one("details > summary").get_text(strip=True) == "Menu"


def test_the_contact_page_has_the_name_the_menu_gives_it(site):
    page = site.page("contact/")
    assert page.h1.get_text() == "Contact"
    assert page.title.get_text() == "Contact · One Body Coach"
    assert "Contact" in [a.get_text() for a in page.select("header nav a[href$='contact/']")]


def test_the_archives_have_a_heading_a_year_newest_first_each_year_newest_first(more):
    archives = more.page("archives/").main
    assert [h.get_text() for h in archives.select("h2")] == ["2026", "2025", "2024"]
    titles = [[a.get_text() for a in h.find_next("ul").select("a")]
              for h in archives.select("h2")]
    assert titles == [["Later 9", "Later 8", "Later 7", "Later 6", "“I can’t fire my glutes”"],
                      ["Calves", "Feet"], ["Hips & <knees>"]]
    assert archives.find("time", string="2 March")["datetime"].startswith("2024-03-02")


def test_tags_and_categories_are_pills_with_their_number_of_posts(more):
    def pills(path):
        return {a.contents[0].strip(): a.select_one(".pill-count").get_text()
                for a in more.page(path).select("main ul.pills a")}
    tags = pills("tags/")
    assert tags["glutes"] == "2 posts" and tags["hips"] == "1 post"
    assert pills("categories/") == {"Mobility": "2 posts", "Running": "6 posts"}
    for path in ["tags/", "categories/"]:
        assert "(1)" not in more.page(path).main.get_text()
        # The number shows; the word "posts" is for screen readers.
        assert more.page(path).select_one(".pill-count .visually-hidden")


def test_the_footer_says_subscribe_in_plain_words_and_leads_to_the_subscribe_page(site):
    for path in ["", "cant-fire-my-glutes/", "404.html"]:
        footer = site.page(path).select_one(".site-footer")
        text = footer.get_text()
        assert "Atom" not in text and "RSS" not in text and "feed" not in text, path
        [link] = footer.find_all("a", string="Subscribe")
        assert link["href"].endswith("subscribe/"), path


def test_the_subscribe_page_explains_feed_readers_and_links_both_feeds(site):
    page = site.page("subscribe/")
    assert page.h1.get_text() == "Subscribe"
    text = page.main.get_text(" ", strip=True)
    assert "feed reader" in text
    links = {a.get_text(): a["href"] for a in page.main.select("a")}
    assert links == {"http://localhost:8000/feeds/all.atom.xml": "../feeds/all.atom.xml",
                     "http://localhost:8000/feeds/all.rss.xml": "../feeds/all.rss.xml"}
    # No newsletter set (NEWSLETTER_URL empty): nothing offers one.
    assert "newsletter" not in text.lower() and not page.main.select("a.button")


def test_the_subscribe_page_offers_the_newsletter_when_it_is_set(more):
    page = more.page("subscribe/")
    [button] = page.main.select("a.button")
    assert button["href"] == NEWSLETTER and button.get_text() == "Sign up by email"
    assert page.main.find("a", href="../feeds/all.atom.xml")


def test_the_404_page_offers_a_search_box_and_the_five_latest_posts(more):
    page = more.page("404.html")
    form = page.main.select_one("form[role='search']")
    assert form["action"] == "./search/" and form.get("method") == "get"
    assert form.select_one("input[type='search']")["name"] == "q"  # what the Search page reads
    latest = [a.get_text() for a in page.main.select("ul.latest a")]
    assert latest == ["Later 9", "Later 8", "Later 7", "Later 6", "“I can’t fire my glutes”"]
    # Served at any depth, its links resolve from the site's root.
    assert page.select_one("head base")["href"] == "/"


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


class QuietSiteHandler(SiteHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def dev_serve(output):
    """`./dev serve`'s server (site_tools.serve) on 127.0.0.1."""
    with serving(site_server(output, "127.0.0.1", 0, QuietSiteHandler)) as address:
        yield address


@contextlib.contextmanager
def dev_livereload(output):
    """`./dev livereload`'s web application (preview.make_app) on 127.0.0.1."""
    from tornado.ioloop import IOLoop

    from preview import make_app

    port, started = free_port(), {}

    def run():
        asyncio.set_event_loop(asyncio.new_event_loop())
        started["loop"] = IOLoop.current()
        started["server"] = make_app(output, port).listen(port, address="127.0.0.1")
        started["ready"] = True
        started["loop"].start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    while "ready" not in started and thread.is_alive():
        thread.join(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        started["loop"].add_callback(started["server"].stop)
        started["loop"].add_callback(started["loop"].stop)
        thread.join(5)


@pytest.mark.parametrize("server", [dev_serve, dev_livereload], ids=["serve", "livereload"])
def test_the_dev_servers_answer_an_unknown_address_with_the_sites_404_page(site, server):
    with server(site.output) as address:
        assert get(f"{address}/about/")[0] == 200
        for path in ["/no-such-post/", "/deep/down/missing.html", "/missing.png"]:
            status, body = get(address + path)
            assert status == 404, path
            assert "<h1>Page not found</h1>" in body, path
            assert 'role="search"' in body and "cant-fire-my-glutes/" in body, path
