"""Markdown as the coach sees it in her editor, rendered with the site's own
Markdown settings, without building a site."""

import functools

import markdown
import pytest
from bs4 import BeautifulSoup

from pelicanconf import MARKDOWN

from .as_written import AsWrittenExtension


@functools.cache
def site_markdown():
    """The site's Markdown (pelicanconf.py's extensions) with this one, made once."""
    return markdown.Markdown(**MARKDOWN, extensions=[*MARKDOWN["extension_configs"],
                                                     AsWrittenExtension()])


def rendered(text):
    md = site_markdown()
    md.reset()
    return BeautifulSoup(md.convert(text), "html.parser")


def outline(soup):
    """A list as nested tuples of its items' own text: ("a", [("b", [])])."""
    def items(list_tag):
        return [(li.find(string=True, recursive=False).strip(),
                 [items(sub) for sub in li.find_all(["ul", "ol"], recursive=False)])
                for li in list_tag.find_all("li", recursive=False)]
    return items(soup.find(["ul", "ol"]))


NESTED = [("a", [[("b", [[("c", [])]])]]), ("d", [])]


@pytest.mark.parametrize("indent", ["  ", "   ", "    ", "\t"])
def test_a_list_nested_by_2_3_or_4_spaces_or_a_tab_nests(indent):
    soup = rendered(f"- a\n{indent}- b\n{indent * 2}- c\n- d\n")
    assert outline(soup) == NESTED


def test_numbered_lists_nest_under_each_other_and_under_bullets():
    soup = rendered("1. one\n  - sub\n2. two\n   1. two-one\n")
    assert outline(soup) == [("one", [[("sub", [])]]), ("two", [[("two-one", [])]])]
    assert soup.ol.find("ul") and soup.ol.find("ol")


def test_a_list_numbered_with_brackets_is_a_numbered_list():
    soup = rendered("1) Lie on your back\n2) Lift your hips\n   1) Squeeze\n")
    assert soup.find("ol") and outline(soup) == [
        ("Lie on your back", []), ("Lift your hips", [[("Squeeze", [])]])]


def test_bullets_pasted_from_word_are_a_list_with_its_levels():
    soup = rendered("Do this:\n•\tone\n\to\tone-a\n\t\t§\tone-a-i\n• two\n◦ three\n")
    assert soup.p.text == "Do this:"
    assert outline(soup) == [("one", [[("one-a", [[("one-a-i", [])]])]]), ("two", []),
                             ("three", [])]


def test_an_en_dash_and_a_space_stays_text():
    assert rendered("A quote.\n\n– Eliud Kipchoge\n").find_all("p")[1].text == "– Eliud Kipchoge"


def test_a_list_right_under_a_line_of_text_is_a_list():
    soup = rendered("You need\n- a mat\n- a band\n\nThen start.\n")
    assert [p.text for p in soup.find_all("p")] == ["You need", "Then start."]
    assert outline(soup) == [("a mat", []), ("a band", [])]


def test_a_sentence_that_wraps_onto_a_number_stays_a_sentence():
    assert rendered("That was in\n2020. A good year.\n").find("ol") is None


def test_a_table_right_under_a_line_of_text_is_a_table():
    soup = rendered("My week:\n| Day | Run |\n|-----|----:|\n| Mon | 5k |\n")
    assert soup.p.text == "My week:"
    assert [td.text for td in soup.select("table td")] == ["Mon", "5k"]


def test_a_paragraph_inside_an_item_stays_inside_it():
    soup = rendered("- a\n\n  more about a\n\n- b\n")
    assert [li.get_text(" ", strip=True) for li in soup.find_all("li")] == ["a more about a", "b"]


def test_code_and_rules_are_left_as_written():
    soup = rendered("```\n- a\n  - b\n1) x\n```\n\ntext\n\n- - -\n\n    - indented code\n")
    assert [code.text for code in soup.find_all("code")] == ["- a\n  - b\n1) x\n",
                                                             "- indented code\n"]
    assert soup.find("hr") and not soup.find("li")


def test_bullets_then_numbers_are_two_lists():
    soup = rendered("- Warm up\n  - leg swings\n- Stretch\n1) Lie down\n2) Lift\n")
    assert [tag.name for tag in soup.find_all(["ul", "ol"], recursive=False)] == ["ul", "ol"]
    assert [li.text for li in soup.ol.find_all("li")] == ["Lie down", "Lift"]


def test_a_numbered_list_starts_at_the_number_written():
    assert rendered("3. Third\n4. Fourth\n").ol["start"] == "3"


def test_code_under_a_list_item_stays_code_in_that_item():
    soup = rendered("1. Run this:\n\n        pip install x\n\n2. Then this\n")
    # 4 spaces past the item's text (column 3) is code, as in CommonMark: one more is kept.
    assert soup.find("li").find("pre").text == " pip install x\n"
    assert len(soup.find_all("li")) == 2
    nested = rendered("- Warm up\n  - Run this:\n\n        pip install x\n          --user\n")
    assert outline(nested) == [("Warm up", [[("Run this:", [])]])]
    assert nested.ul.ul.li.pre.text == "pip install x\n  --user\n"


def test_an_indented_code_block_is_not_rewritten():
    soup = rendered("Press these:\n\n    1) press\n    • start\n\nDone.\n")
    assert soup.pre.text == "1) press\n• start\n"
    assert not soup.find("li")


def test_a_single_dash_under_text_underlines_a_heading():
    for underline in ["-", "--", "---"]:
        soup = rendered(f"Why it matters\n{underline}\n\nBecause.\n")
        assert soup.h2 and soup.h2.text == "Why it matters", underline
        assert not soup.find("li") and not soup.find("hr"), underline
