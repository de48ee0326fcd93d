"""The pure parts of the content checks, without building a site."""

from .content_checks import misspelt_categories
from .plain_words import describe, header_line

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
    assert (status.line, status.fix) == (3, "Use Status: published, draft or hidden.")


def test_pelicans_repeat_of_a_broken_link_is_dropped_and_other_messages_pass_through():
    assert describe("Unable to find 'x.md', skipping url replacement.", read_source) is None
    assert describe('There are 2 items "with slug "x"" with lang en: ', read_source) is None
    assert describe("Something new", read_source).what == "Something new"
