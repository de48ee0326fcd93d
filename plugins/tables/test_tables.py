"""Markdown tables as the tables plugin renders them, without building a site."""

import markdown
from bs4 import BeautifulSoup

from .tables import TablesExtension

TABLE = """| Exercise | *Sets* | Reps |
|:--|:-:|--:|
| Bridge | 3 | 12 |
"""


def rendered(text):
    html = markdown.markdown(text, extensions=["markdown.extensions.extra", TablesExtension()])
    return BeautifulSoup(html, "html.parser")


def test_a_table_scrolls_in_a_focusable_box_named_by_its_headings():
    box = rendered(TABLE).select_one("div.table-scroll")
    assert box["tabindex"] == "0" and box["role"] == "region"
    assert box["aria-label"] == "Table: Exercise, Sets, Reps"
    assert box.table.select_one("th em").get_text() == "Sets"


def test_column_alignment_is_a_class_not_a_style():
    page = rendered(TABLE)
    assert page.select("[style]") == []
    assert [td.get("class") for td in page.select("td")] == [
        None, ["align-center"], ["align-right"]]
