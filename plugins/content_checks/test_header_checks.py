"""Every header held to the header schema: one in-process build of many bad
posts (each named with its file, line and fix), one of posts whose values
used to change on the way (each now shown as typed), and the schema's pure
parts."""

import datetime
import json
import os

import pytest

from plugins import header_schema as schema
from plugins.in_process import build_in_process
from site_tools.new_post import new_post_text

from .content_checks import ContentProblems
from .plain_words import describe

PLUGINS = ["build_speed", "pelican.plugins.yaml_metadata", "content_checks"]
# What the theme needs to write pages, for the build that succeeds (and
# post_body, which finds the files its posts link to).
THEME_PLUGINS = [*PLUGINS, "page_meta", "reading_aids", "videos", "post_body"]
DATED = "date: 2026-11-20\ncategory: Running\n"
NOW = datetime.datetime(2026, 11, 25, 9, 0)


def post(header, body="The text.\n"):
    return f"---\n{header}---\n\n{body}"


# {file in content/: (text, line, what the message says, what its fix says)}
BAD = {
    "articles/unclosed-draft.md": (
        "---\ntitle: Glutes\ndate: 2026-11-20\ncategory: Running\nsummary: Not ready yet.\n"
        "status: draft\n\nThe text.\n", 1, "has no closing --- line",
        "Add a line of three hyphens, ---, under the header's last field (line 6)"),
    "articles/em-dash-fences.md": (
        f"—\ntitle: Em\n{DATED}—\n\nThe text.\n", 1,
        'The header\'s opening line "—" is typed with dashes that are not hyphens',
        "three hyphens: ---"),
    "articles/dash-typed-close.md": (
        f"---\ntitle: Close\n{DATED}—-\n\nThe text.\n", 5,
        'The header\'s closing line "—-" is typed with dashes', "three hyphens: ---"),
    "articles/hidden-post.md": (
        post(f"title: Hidden\n{DATED}status: hidden\n"), 5,
        '"Status: hidden" is not a status the site knows for a post.',
        "Use Status: published or draft."),
    "articles/cut-title.md": (
        post(f"title: Why I run 5k a day #runner life\n{DATED}"), 2,
        'The title stops at " #"', """title: "Why I run 5k a day #runner life\""""),
    "articles/summary-list.md": (
        post(f"title: Summary list\n{DATED}summary:\n- one\n- two\n"), 5,
        '"summary:" is written as a list', '"summary: one two"'),
    "articles/tags-mapping.md": (
        post(f"title: Tags mapping\n{DATED}tags:\n  hips: knees\n"), 5,
        '"tags:" holds "name: value" pairs', 'starting "- "'),
    "articles/category-list.md": (
        post("title: Category list\ndate: 2026-11-20\ncategory: [Running, Yoga]\n"), 4,
        '"category:" is written as a list (Running, Yoga)', '"category: Running"'),
    "articles/empty-category.md": (
        post("title: Empty category\ndate: 2026-11-20\ncategory:\n"), 4,
        '"category:" is empty.', '"category: Running"'),
    "articles/no-category.md": (
        post("title: No category\ndate: 2026-11-20\n"), 1,
        "The post has no category.", 'Add a line "category: Running"'),
    "articles/title-twice.md": (
        post(f"title: First\n{DATED}title: Second\n"), 5,
        '"title:" is written twice in the header (lines 2 and 5)', "Keep one"),
    "articles/misspelt-field.md": (
        post(f"title: Misspelt\n{DATED}sumary: Why.\n"), 5,
        'The header has "sumary:", a field the site does not know.',
        'Did you mean "summary:"?'),
    "articles/page-field.md": (
        post(f"title: Page field\n{DATED}order: 3\n"), 5,
        '"order:" is a field for pages, not for posts.', "Delete that line."),
    "articles/bad-slug.md": (
        post(f"title: Bad slug\n{DATED}slug: My Great Post!\n"), 5,
        'The slug "My Great Post!" is not lower-case words and hyphens',
        '"slug: my-great-post"'),
    "articles/not-a-boolean.md": (
        post(f"title: Featured\n{DATED}featured: maybe\n"), 5,
        '"featured: maybe" is neither true nor false.', '"featured: true"'),
    "articles/published-placeholder.md": (
        new_post_text("Placeholder", "Running", "", NOW).replace("status: draft",
                                                                 "status: published"),
        8, "The summary is still the new post's example", "a draft may keep the example"),
    "articles/admin.md": (
        post(f"title: Admin\n{DATED}"), 2,
        "Its address /admin/ is where the site puts the editor, which it would replace.",
        "Slug: another-address"),
    "articles/pagefind.md": (
        post(f"title: Search index\nslug: pagefind\n{DATED}"), 3,
        "Its address /pagefind/ is where the site puts the search index", "Slug:"),
    "articles/tab.md": (
        post(f"title:\tTab\n{DATED}"), 2, "Line 2 of the header has a tab",
        "Replace the tab with spaces"),
    "articles/non-breaking-space.md": (
        post(f"title:\u00a0Space\n{DATED}"), 2, "has a non-breaking space",
        "type them again with the space bar"),
    "articles/curly-quotes.md": (
        post(f"title: “Hips: why”\n{DATED}"), 2, "has its value in curly quotes",
        'Use straight quotes around the value'),
    "articles/colon.md": (
        post(f"title: Hips: why\n{DATED}"), 2,
        'The header between the --- lines cannot be read here ("title: Hips: why")',
        'summary: "Why: because"'),
    "articles/no-fields.md": (
        "---\nJust a line of text\n---\n\nThe text.\n", 1,
        'The header between the --- lines has no "name: value" lines.',
        'e.g. "title: Your title"'),
    "articles/saved-as.txt": (
        post(f"title: Text\n{DATED}"), None, "saved-as.txt ends in .txt, and the site reads "
        "only .md files, so it is left out.", "Rename it to saved-as.md"),
    "articles/twice-named.md.txt": (
        post(f"title: Text\n{DATED}"), None, "twice-named.md.txt ends in .txt",
        "Rename it to twice-named.md "),
    "articles/from-word.docx": (
        "PK\x03\x04 not really a zip", None, "from-word.docx is a Word document",
        "Save it as plain text, named with .md"),
    "articles/from-textedit.rtf": (
        "{\\rtf1\\ansi title: x}", None, "from-textedit.rtf is an RTF document",
        "Format › Make Plain Text"),
    "saved-at-top.odt": (  # where a post would be, not among the photos
        "PK\x03\x04 not really a zip", None, "saved-at-top.odt is an OpenDocument text",
        "Save it as plain text, named with .md"),
    "in-the-wrong-folder.md": (
        post(f"title: Wrong folder\n{DATED}"), None,
        "in-the-wrong-folder.md is in content/, where the site reads no posts",
        "Move it into content/articles/ (a post) or content/pages/ (a page)."),
    "images/a-post.md": (
        "Title: Among the photos\nDate: 2026-11-20\n\nText.\n", None,
        "a-post.md is in content/images/, where the site reads no posts",
        "Move it into content/articles/"),
}
UTF16 = "articles/notepad-unicode.md"
NOT_UTF8_NAME = b"articles/caf\xe9.md"


@pytest.fixture(scope="module")
def problems(tmp_path_factory):
    """The problems one build of every bad post finds: {file: [Problem dict]}."""
    content = tmp_path_factory.mktemp("bad_headers")
    for name, (text, *_) in BAD.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    (content / UTF16).write_bytes(post(f"title: Unicode\n{DATED}").encode("utf-16"))
    with open(os.path.join(os.fsencode(content), NOT_UTF8_NAME), "w") as latin1:
        latin1.write(post(f"title: Café\n{DATED}"))
    (content / "images" / "credits.txt").write_text("Photos by Tracy.\n")  # not a post
    # Handouts among the photos are published as they are, however they look.
    (content / "images" / "handout.docx").write_bytes(b"PK\x03\x04 a Word handout")
    (content / "images" / "handout.txt").write_text(post(f"title: Handout\n{DATED}"))
    report = content.parent / "problems.jsonl"
    with pytest.raises(ContentProblems):
        build_in_process(content, content.parent / "output", PLUGINS,
                         PROBLEM_REPORT=str(report))
    found = {}
    for line in report.read_text(encoding="utf-8").splitlines():
        problem = json.loads(line)
        found.setdefault(problem["file"], []).append(problem)
    return found


@pytest.mark.parametrize("name", BAD)
def test_each_bad_header_stops_the_build_naming_file_line_and_fix(problems, name):
    _, line, what, fix = BAD[name]
    file = next((f for f in problems if f and f.endswith("/" + name)), None)
    assert file is not None, f"nothing said of {name}: {sorted(problems)}"
    assert len(problems[file]) == 1, problems[file]
    problem = problems[file][0]
    assert what in problem["what"]
    assert fix in problem["fix"]
    assert problem["line"] == line


def test_notepads_unicode_is_named_with_notepads_fix(problems):
    [problem] = next(p for f, p in problems.items() if f and f.endswith(UTF16))
    assert problem["what"] == ('The file is saved as UTF-16 (Notepad calls it "Unicode"), '
                               "which the site cannot read.")
    assert "in Notepad, File › Save As, choose Encoding: UTF-8" in problem["fix"]
    assert "ÿ" not in problem["what"]


def test_a_file_name_that_is_not_utf8_is_named_not_a_crash(problems):
    [problem] = problems[None]
    assert problem["what"].startswith('The file name "')
    assert "/articles/caf\ufffd.md\" has a character that is not saved as UTF-8" \
        in problem["what"]


def test_nothing_else_is_said(problems):
    named = {file.split("/", 1)[1] for file in problems if file}
    assert named == set(BAD) | {UTF16}


# -- Values as typed ---------------------------------------------------------------

GOOD = {
    "articles/no.md": post(f"title: No\n{DATED}tags:\n- yes\n- 'off'\nsummary: 1.5\n"),
    "articles/commas.md": post(f"title: Commas\n{DATED}"
                               "tags: hamstrings, stretching, self massage\n"),
    "articles/key-value.md": ("Title: Key value\nDate: 2026-11-20\nCategory: Running\n"
                              "Tags: hips, knees\n\nText.\n"),
    "articles/hash-quoted.md": post(f"title: 'Why I run 5k a day #runner life'\n{DATED}"
                                    "slug: run-5k\nfeatured: yes\nseries: Strong hips\n"),
    "articles/a-draft.md": new_post_text("A draft", "Running", "", NOW),
    "pages/hidden-page.md": post("title: Hidden page\nslug: hidden-page\nstatus: hidden\n"
                                 "order: 10\n"),
    "articles/handout.md": post(f"title: Handout\n{DATED}",
                                "[Download the plan](images/training-plan.docx) or "
                                "[read it as text](images/training-plan.txt).\n"),
    "images/training-plan.docx": "PK\x03\x04 not really a zip",
    "images/training-plan.txt": post(f"title: Training plan\n{DATED}", "Week 1: run.\n"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = tmp_path_factory.mktemp("good_headers")
    for name, text in GOOD.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    return build_in_process(content, content.parent / "output", THEME_PLUGINS)


def tags_of(page):
    return [a.get_text(strip=True) for a in page.select("article a[href*='tag/']")]


def test_a_title_no_and_a_tag_yes_stay_as_typed(site):
    page = site.page("no/")
    assert page.h1.get_text(strip=True) == "No"
    assert tags_of(page) == ["yes", "off"]
    assert page.find("meta", attrs={"name": "description"})["content"] == "1.5"
    assert not (site.output / "false").exists()


def test_comma_separated_tags_are_tags_in_both_header_forms(site):
    assert tags_of(site.page("commas/")) == ["hamstrings", "stretching", "self massage"]
    assert tags_of(site.page("key-value/")) == ["hips", "knees"]
    assert not (site.output / "tag" / "hamstrings-stretching-self-massage").exists()


def test_a_quoted_hash_is_kept_and_featured_and_series_are_fields(site):
    assert site.page("run-5k/").h1.get_text(strip=True) == "Why I run 5k a day #runner life"


def test_a_post_links_a_word_handout_among_the_photos_which_is_published(site):
    links = site.page("handout/").select("article a[href*='training-plan']")
    assert [a.get_text() for a in links] == ["Download the plan", "read it as text"]
    for link in links:
        published = site.output / "handout" / link["href"]  # relative to the post's page
        assert published.read_bytes().startswith(b"PK" if "docx" in link["href"] else b"---")


def test_a_new_post_draft_may_keep_the_placeholder_and_a_page_may_be_hidden(site):
    assert (site.output / "drafts" / "a-draft" / "index.html").exists()
    assert (site.output / "hidden-page" / "index.html").exists()
    assert "Hidden page" not in site.page("").header.get_text()


# -- The schema's pure parts -------------------------------------------------------


def test_the_schema_says_what_each_field_is():
    assert schema.required("post") == ["title", "date", "category"]
    assert schema.required("page") == ["title"]
    assert schema.allowed("status", "post") == ("published", "draft")
    assert schema.allowed("status", "page") == ("published", "draft", "hidden")
    assert schema.allowed("Title") == ()
    assert schema.field("Featured").kind == schema.BOOLEAN
    assert schema.field("series").used_by == ("post",)
    assert schema.closest("sumary", "post") == "summary"
    assert schema.closest("xyz", "post") is None
    assert "order" in schema.names("page") and "order" not in schema.names("post")


def test_front_matter_is_read_as_typed_then_typed_by_the_schema():
    header = schema.load_front_matter("title: No\ntags: yes, off\norder: '3'\nfeatured: No\n"
                                      "summary: 2026-11-20\n")
    assert header == {"title": "No", "tags": ["yes", "off"], "order": 3, "featured": False,
                      "summary": "2026-11-20"}


def test_the_header_is_read_with_the_line_of_each_field():
    header = schema.read_header("\n---\ntitle: Hips # why\ntags:\n- a\nTitle: again\n---\n"
                                "Text: not a field\n")
    assert header.form == "front matter" and header.fence is None
    assert [(f.name, f.value, f.line) for f in header.fields] == [
        ("title", "Hips", 3), ("tags", ["a"], 4), ("Title", "again", 6)]
    assert header.fields[0].cut_at_hash and not header.fields[2].cut_at_hash
    key_value = schema.read_header("Title: Hips\nSummary: one\n    two\n\nWarning: x\n")
    assert [(f.name, f.value, f.line) for f in key_value.fields] == [
        ("Title", "Hips", 1), ("Summary", "one two", 2)]
    assert schema.read_header("Just text.\n").form is None


@pytest.mark.parametrize("text, line", [
    ("---\ntitle: Hips\n\nText.\n", 1),
    ("–––\ntitle: Hips\n–––\n\nText.\n", 1),
    ("---\ntitle: Hips\n———\n\nText.\n", 3),
    ("---\ntitle: Hips\n--- \n\nText.\n", 3),
])
def test_a_header_without_two_hyphen_fences_is_not_read(text, line):
    header = schema.read_header(text)
    assert header.fence[0] == line and header.fields == []


def test_pelicans_missing_title_for_a_dash_fence_is_said_as_the_fence():
    text = "—\ntitle: Em\n—\n\nText.\n"
    problem = describe("Skipping articles/em.md: could not find information about 'title'",
                       lambda path: ("content/articles/em.md", text))
    assert problem.line == 1 and "typed with dashes that are not hyphens" in problem.what


def test_pelicans_duplicate_warning_is_left_to_the_header_checks():
    assert describe("Duplicate definition of 'category' for '/x/articles/a.md' "
                    "('['a', 'b']') - using the first one ('a')", lambda p: (p, "")) is None
