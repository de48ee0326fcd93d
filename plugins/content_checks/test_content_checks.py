"""The pure parts of the content checks, without building a site."""

from .content_checks import misspelt_categories, reserved_addresses
from .plain_words import ambiguous_date, describe, header_line

POST = "Title: Hips\nDate: someday\nStatus: publishd\n\nBody with Date: in it.\n"


def read_source(path):
    return f"content/{path}", POST


def test_a_typo_or_other_case_of_a_more_used_category_is_misspelt():
    names = ["Running", "Running", "Runing", "running", "Yoga"]
    assert misspelt_categories(names) == {"Runing": "Running", "running": "Running"}


def test_on_a_tie_the_older_spelling_stands():
    assert misspelt_categories(["Pilates", "Pilatse"]) == {"Pilatse": "Pilates"}


def test_unlike_categories_are_left_alone():
    assert misspelt_categories(["Running", "Rowing", "Yoga", "Toga"]) == {}


def test_header_line_finds_a_field_only_in_the_header():
    assert header_line(POST, "date") == (2, "someday")
    assert header_line(POST, "summary") == (None, None)


def test_pelicans_messages_become_plain_problems_with_file_and_line():
    missing = describe("Skipping articles/x.md: could not find information about 'title'",
                       read_source)
    assert (missing.file, missing.what) == ("content/articles/x.md", "The post has no title.")
    date = describe("Could not process articles/x.md", read_source, "Unknown string format")
    assert (date.line, date.what) == (2, '"someday" is not a date.')
    status = describe("Unknown status 'publishd' for file articles/x.md, skipping it. "
                      "(Not in ('published',))", read_source)
    assert (status.line, status.fix) == (3, "Use Status: published or draft.")


def test_pelicans_repeat_of_a_broken_link_is_dropped_and_other_messages_pass_through():
    assert describe("Unable to find 'x.md', skipping url replacement.", read_source) is None
    assert describe('There are 2 items "with slug "x"" with lang en: ', read_source) is None
    assert describe("Something new", read_source).what == "Something new"


def test_a_date_with_day_and_month_in_numbers_is_refused_with_the_iso_date():
    both = ambiguous_date("p.md", 2, "05/11/2026 09:30")
    assert both.fix == ("Write the date year first: 2026-11-05 09:30 for 5 November, or "
                        "2026-05-11 09:30 for 11 May.")
    one = ambiguous_date("p.md", 2, "25.11.26")
    assert one.fix == "Write the date year first: 2026-11-25 for 25 November."
    assert ambiguous_date("p.md", 2, "31/31/2026").what == '"31/31/2026" is not a date.'
    for fine in ["2026-11-05", "2026-11-05 09:30", "5 November 2026"]:
        assert ambiguous_date("p.md", 2, fine) is None


def test_the_addresses_the_site_keeps_come_from_its_settings():
    settings = {"TAGS_SAVE_AS": "tags/index.html", "ARCHIVES_SAVE_AS": "archives/index.html",
                "CATEGORY_URL": "category/{slug}/", "ARTICLE_URL": "{slug}/",
                "FEED_ALL_ATOM": "feeds/all.atom.xml",
                "CATEGORY_FEED_ATOM": "feeds/{slug}.atom.xml",
                "BOOKING_URL": "mailto:x@example.com", "STATIC_PATHS": ["images"],
                "DIRECT_TEMPLATES": ["index", "tags"], "ADMIN_DIR": "editor"}
    reserved = reserved_addresses(settings)
    assert set(reserved["slugs"]) == {"tags", "archives", "category", "feeds", "images",
                                      "theme", "index", "editor", "pagefind"}
    assert reserved["slugs"]["editor"] == "the editor"
    assert reserved["slugs"]["pagefind"] == "the search index"
    assert reserved["slugs"]["feeds"] == "the feeds"
    assert reserved["slugs"]["images"] == "the files of content/images/"
    assert reserved["categories"] == {"all"}


FRONT_MATTER = ("---\ntitle: 'Hips: why'\ntags:\n- glutes\n- 'date: no'\ndate: \"05/11/2026\"\n"
                "status:\n---\nsummary: in the text, not the header\n")


def test_header_line_reads_yaml_front_matter_unquoted_and_skips_list_items():
    assert header_line(FRONT_MATTER, "title") == (2, "Hips: why")
    assert header_line(FRONT_MATTER, "date") == (6, "05/11/2026")
    assert header_line(FRONT_MATTER, "status") == (7, "")
    assert header_line(FRONT_MATTER, "summary") == (None, None)
    assert ambiguous_date("x.md", 6, header_line(FRONT_MATTER, "date")[1]) is not None


def test_front_matter_yaml_cannot_read_is_named_with_its_line():
    text = "---\ntitle: Hips\nsummary: Why: because\n---\n\nText.\n"
    error = ('mapping values are not allowed here\n  in "<unicode string>", line 3, column 13')
    problem = describe("Error parsing YAML for file '/site/content/articles/hips.md",
                       lambda path: ("content/articles/hips.md", text), error)
    assert (problem.file, problem.line) == ("content/articles/hips.md", 3)
    assert '("summary: Why: because")' in problem.what
    assert 'summary: "Why: because"' in problem.fix
