"""The real site, built strictly: the glute post, the pages and the home page
exist, carry what a reader needs, and link to each other (the feeds:
test_feeds_and_sitemap.py)."""

from pelican.settings import read_settings

from checks.links import broken_internal_links
from conftest import ROOT

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
GLUTE_POST = "cant-fire-my-glutes/"


def test_strict_build_of_the_real_content_passes_without_a_warning(site):
    """The fixture's build is strict (a warning fails it). Here: what the coach
    sees in the terminal is Pelican's Done line and nothing else, no stray
    line from a plugin."""
    assert "WARNING" not in site.log and "ERROR" not in site.log, site.log
    assert site.log.strip().startswith("Done: Processed"), site.log


def test_the_glute_post_shows_its_title_date_category_and_tags(site):
    page = site.page(GLUTE_POST)
    assert page.h1.get_text(strip=True) == "“I can’t fire my glutes”"
    assert page.title.get_text() == "“I can’t fire my glutes” · One Body Coach"
    meta = page.select_one(".post-meta")
    assert meta.time["datetime"].startswith("2026-11-25")
    assert " ".join(meta.get_text().split()) == "25 November 2026 · 2 min read · 2 videos"
    topics = page.select_one("article.post .post-topics")  # at the end of the post
    assert [a.get_text() for a in topics.select("a[href*='category/']")] == ["Running"]
    tags = [a.get_text() for a in topics.select(".pill[href*='tag/']")]
    assert "glutes" in tags and "hamstrings" in tags


def test_the_glute_post_carries_the_coachs_words_and_no_invented_addresses(site):
    body = site.page(GLUTE_POST).select_one(".post-body")
    text = body.get_text(" ", strip=True)
    assert "This is something that clients often tell me." in text
    assert "The glute exercise Kipchoge swears by" in text
    hosts = {a["href"].split("/")[2] for a in body.select("a[href^='http']")}
    assert hosts <= {"www.youtube.com"}  # only her two (placeholder) videos
    assert "PLACEHOLDR1" in str(body) and "PLACEHOLDR2" in str(body)


def test_the_glute_post_links_to_the_assessment_and_contact_pages(site):
    """Her own closing words, as she wrote them (the seed article)."""
    body = site.page(GLUTE_POST).select_one(".post-body")
    links = {a.get_text(" ", strip=True): a["href"] for a in body.select("a")}
    assert links["book in for an online assessment"] == "../online-assessment/"
    assert links["arrange a chat"] == "../contact/"


def test_the_theme_adds_one_booking_and_one_chat_button_under_the_post(site):
    """Around her words, the call to action comes once: not a box and a footer too."""
    main = site.page(GLUTE_POST).main
    added = [a for a in main.select("a[href]") if not a.find_parent(class_="post-body")]
    booking = [a for a in added
               if a["href"] in (SETTINGS["BOOKING_URL"], "../online-assessment/")]
    assert [(a.get_text(), a.find_parent(class_="cta") is not None) for a in booking] == [
        ("Book an online assessment", True)]
    chat = [a for a in added if a["href"] in (SETTINGS["CONTACT_URL"], "../contact/")]
    assert [a.get_text() for a in chat] == ["Arrange a chat"]


def test_the_author_box_under_the_post_holds_her_photo_the_bio_and_a_link_to_about(site):
    box = site.page(GLUTE_POST).select_one(".author-box")
    assert [p.get_text() for p in box.select("p")][:-1] == SETTINGS["AUTHOR_BIO"]
    assert box.select_one(".author-photo")["aria-label"] == SETTINGS["AUTHOR"]  # initials
    assert box.select("p")[-1].a["href"] == "../about/"


def test_the_about_page_shows_the_bio_her_photo_and_a_booking_button_under_one_heading(site):
    page = site.page("about/")
    assert [h.get_text() for h in page.main.select("h1, h2")] == ["About Tracy"]
    assert "former GB international marathon runner" in page.main.get_text()
    assert page.main.select_one(".about-head .author-photo")["aria-label"] == "Tracy Swindell"
    buttons = page.main.select("a.button")
    assert [b["href"] for b in buttons][:1] == [SETTINGS["BOOKING_URL"]]


def test_the_assessment_page_books_through_the_booking_url_setting(site):
    buttons = site.page("online-assessment/").select("main a.button")
    assert [b["href"] for b in buttons] == [SETTINGS["BOOKING_URL"]]


def test_the_contact_page_arranges_a_chat_through_the_contact_url_setting(site):
    buttons = site.page("contact/").select("main a.button")
    assert [b["href"] for b in buttons] == [SETTINGS["CONTACT_URL"]]


def test_every_page_links_the_home_page_and_the_pages_in_its_navigation(site):
    for path in ["", GLUTE_POST, "about/", "tags/", "category/running/"]:
        nav = site.page(path).select_one("nav[aria-label='Main']")
        labels = [a.get_text() for a in nav.select("a")]
        assert labels == ["Posts", "Videos", "About", "Online assessment", "Contact",
                          "Search"], path


def test_the_home_page_lists_the_glute_post_with_its_summary(site):
    cards = site.page("").select(".post-card")
    assert len(cards) == 1
    assert cards[0].h2.a["href"] == "./" + GLUTE_POST
    summary = cards[0].select_one(".summary").get_text()
    assert summary.startswith("Strengthening your glutes for months")


def test_the_404_page_explains_and_links_home(site):
    page = site.page("404.html")
    assert page.h1.get_text() == "Page not found"
    assert any(a.get_text() == "home page" for a in page.main.select("a"))


def test_every_internal_link_of_the_site_resolves(site):
    assert broken_internal_links(site.output) == []
