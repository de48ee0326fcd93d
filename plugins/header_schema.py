"""The header of a post or page, once: every field the site knows, its type,
whether it is required, the values it allows, what it is for, and a line of
help. Not a plugin (it has no `register`), like plugins/problems.py: the
content checks hold every header to it, build_speed reads front matter with
`load_front_matter`, `./dev new-post` writes its placeholder summary, the
README's table of fields is tested against it, and the editor at /admin/
can take its fields from it.

The API:
- FIELDS: {name: Field}, in the order a header lists them;
- field(name): the Field of a name (any letter case), else None;
- names(used_by): the fields a "post" or a "page" may carry;
- required(used_by): the fields a post or a page must carry;
- allowed(name, used_by="post"): the values a field allows, () for any;
- closest(name, used_by): the known field a misspelt name is most like;
- load_front_matter(text): YAML front matter read as she typed it: every
  value text, a list or a mapping (no YAML 1.1 guessing: `title: No` is
  "No", not False), then typed as the schema says (`typed`);
- read_header(text): the header's fields with their lines, as written, in
  either form (`---` front matter or Pelican's `Key: value` lines), and
  what is wrong with its fence, if anything.
"""

import difflib
import re
from dataclasses import dataclass

import yaml

TEXT, DATE, LIST, BOOLEAN, NUMBER = "text", "date", "list of text", "true or false", "number"
POST, PAGE = "post", "page"
BOTH = (POST, PAGE)

# The summary `./dev new-post` writes: a draft may keep it, a published post may not.
PLACEHOLDER_SUMMARY = "One or two sentences for the home page and search results."
# What a slug may be: lower-case words (letters, digits) joined by hyphens.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TRUE, FALSE = ("true", "yes", "on"), ("false", "no", "off")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = TEXT
    help: str = ""
    used_by: tuple = BOTH
    required_for: tuple = ()
    values: dict = None  # {"post": allowed values, "page": ...}; None: any
    example: str = ""  # a value to show in a message: "Running"

    def allowed(self, used_by=POST):
        return tuple((self.values or {}).get(used_by, ()))


FIELDS = {f.name: f for f in [
    Field("title", TEXT, "The heading, and the name in lists, search and links.",
          required_for=BOTH, example="Why stretching isn't working"),
    Field("date", DATE, "The day it is published, year first: 2026-11-25, or "
          "2026-11-25 09:00. A date to come schedules the post.", (POST,), (POST,),
          example="2026-11-25"),
    Field("modified", DATE, "The day it was last changed, shown as “updated”.", (POST,)),
    Field("category", TEXT, "One per post, e.g. Running.", (POST,), (POST,),
          example="Running"),
    Field("tags", LIST, "Any number: one a line under `tags:`, each starting `- `.",
          (POST,)),
    Field("summary", TEXT, "One or two sentences of plain text, for lists, search "
          "results and link previews."),
    Field("status", TEXT, "`draft`: previewed under `output/drafts/`, never on the live "
          "site; `published` (when left out); a page may be `hidden`: at its address, but "
          "not in the menu (the 404 page).",
          values={POST: ("published", "draft"), PAGE: ("published", "draft", "hidden")}),
    Field("slug", TEXT, "The address: lower-case words and hyphens "
          "(`why-stretching-fails`); without it, made from the title."),
    Field("featured", BOOLEAN, "`true`: a post for the home page's “Start here”, above "
          "the latest posts.", (POST,)),
    Field("series", TEXT, "The name of the series of posts it belongs to, the same in "
          "each part: each part shows a “Part 2 of 4” box, and the series gets a page.",
          (POST,)),
    Field("author", TEXT, "Who wrote it, when not the site's author."),
    Field("template", TEXT, "The page's layout (`about`, `search`, `videos`, `subscribe`, "
          "`404`).", (PAGE,)),
    Field("save_as", TEXT, "The file it is written to (the 404 page's `404.html`).",
          (PAGE,)),
    Field("url", TEXT, "Its address, when `save_as` is set.", (PAGE,)),
    Field("order", NUMBER, "Its place in the menu: 0 first.", (PAGE,)),
    Field("nav_label", TEXT, "Its name in the menu, when shorter than the title.",
          (PAGE,)),
    Field("action", TEXT, "Which button it ends with: booking or contact.", (PAGE,),
          values={PAGE: ("booking", "contact")}),
]}


def field(name):
    return FIELDS.get(str(name).strip().lower())


def names(used_by):
    return [name for name, f in FIELDS.items() if used_by in f.used_by]


def required(used_by):
    return [name for name, f in FIELDS.items() if used_by in f.required_for]


def allowed(name, used_by=POST):
    known = field(name)
    return known.allowed(used_by) if known else ()


def closest(name, used_by):
    """The field a misspelt name is most like ("sumary": "summary"), else None."""
    close = difflib.get_close_matches(str(name).lower(), names(used_by), n=1, cutoff=0.7)
    return close[0] if close else None


def as_list(value):
    """Tags as a list: a text of comma-separated tags ("hamstrings, stretching,
    self massage") is three tags, not one."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


def typed(name, value):
    """A value as read (text, a list or a mapping) as the schema types it: a
    list of tags from comma-separated text, a number, true or false. A value
    of the wrong shape is left as it is, for the checks to name."""
    known = field(name)
    if known is None or not isinstance(value, str):
        return value
    if known.kind == LIST:
        return as_list(value)
    if known.kind == NUMBER and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    if known.kind == BOOLEAN and value.strip().lower() in TRUE + FALSE:
        return value.strip().lower() in TRUE
    return value


# -- Reading front matter ----------------------------------------------------------

# PyYAML's BaseLoader resolves nothing: every scalar stays the text she typed.
TEXT_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def load_front_matter(text, loader=TEXT_LOADER):
    """The YAML between the `---` lines as {name: value}, every value as the
    schema types it; raises yaml.YAMLError for YAML that cannot be read. Not
    a mapping (a header of one line of text): returned as it is."""
    header = yaml.load(text, Loader=loader)
    if not isinstance(header, dict):
        return header
    return {name: typed(name, value) for name, value in header.items()}


# -- The header as written, for the checks -------------------------------------------

FENCE = "---"
# A line of dashes that is not three hyphens: Word's autocorrect makes -- an
# en or em dash (–, —), and a fence typed with one is not a fence.
DASH_LINE = re.compile(r"\s*[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]{1,6}\s*")
# Python-Markdown's meta extension's `Key: value` line.
KEY_VALUE_LINE = re.compile(r" {0,3}(?P<name>[A-Za-z0-9_-]+):\s*(?P<value>.*?)\s*")


@dataclass
class HeaderField:
    name: str
    value: object  # text, a list or a mapping, as written
    line: int  # in the file, from 1
    written: str  # the file's line
    cut_at_hash: bool = False  # text after ` #` was read as a YAML comment


@dataclass
class Header:
    form: str | None  # "front matter", "key-value", or None (no header)
    fields: list
    fence: tuple | None = None  # (line, what is wrong, fix) with the `---` lines
    first_line: int = 1  # the header's first line (the opening `---`)
    readable: bool = True  # False: YAML cannot read it (the reader says why)

    def get(self, name):
        return next((f for f in self.fields if f.name.lower() == name), None)


def is_dash_typed(line):
    return bool(DASH_LINE.fullmatch(line)) and line.strip() != FENCE and any(
        character != "-" for character in line.strip())


def read_header(text):
    """The header of a post's text as written; see Header."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return Header(None, [])
    opening = lines[start]
    if opening.strip() == FENCE or is_dash_typed(opening):
        return front_matter_header(lines, start)
    if KEY_VALUE_LINE.fullmatch(opening):
        return key_value_header(lines, start)
    return Header(None, [])


def fence_problem(number, written, closing):
    which = "closing" if closing else "opening"
    return (number, f'The header\'s {which} line "{written.strip()}" is typed with dashes '
            "that are not hyphens (Word and some editors turn -- into a dash), so the site "
            "cannot tell where the header is.",
            "Type that line again as three hyphens: --- (with autocorrect off, or in a "
            "plain-text editor).")


def front_matter_header(lines, start):
    opening = lines[start]
    if opening.strip() != FENCE:
        return Header("front matter", [], fence_problem(start + 1, opening, False), start + 1)
    end = None
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if line in (FENCE, "..."):
            end = number
            break
        if line.strip() in (FENCE, "..."):
            return Header("front matter", [], (
                number + 1, f'The header\'s closing line "{line}" has spaces beside the ---, '
                "so the site cannot tell where the header ends.",
                "Make the line three hyphens and nothing else: ---"), start + 1)
        if is_dash_typed(line) and line.strip():
            return Header("front matter", [], fence_problem(number + 1, line, True),
                          start + 1)
    if end is None:
        after = next((n for n in range(start + 1, len(lines)) if not lines[n].strip()),
                     len(lines))
        return Header("front matter", [], (
            start + 1, "The header starts with --- but has no closing --- line, so the site "
            "cannot tell where the header ends and the text begins (a draft could be "
            "published by it).",
            f"Add a line of three hyphens, ---, under the header's last field (line {after}), "
            "before the text."), start + 1)
    yaml_text = "\n".join(lines[start + 1:end])
    header = Header("front matter", [], None, start + 1)
    try:
        node = yaml.compose(yaml_text, Loader=TEXT_LOADER)
    except yaml.YAMLError:
        header.readable = False  # the reader says why, with its line (plain_words)
        return header
    if not isinstance(node, yaml.MappingNode):
        header.readable = False  # a line of text, not fields: the reader says so
        return header
    offset = start + 2  # the file's line of the YAML's first line
    for key, value in node.value:
        number = key.start_mark.line + offset
        header.fields.append(HeaderField(
            node_value(key), node_value(value), number, lines[number - 1],
            cut_at_hash(value, lines, offset)))
    return header


def node_value(node):
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [node_value(item) for item in node.value]
    return {str(node_value(k)): node_value(v) for k, v in node.value}


def cut_at_hash(node, lines, offset):
    """Whether a plain (unquoted) value's line goes on with ` #...` after it,
    which YAML drops as a comment: "Why I run 5k a day #runner life" would
    be read as "Why I run 5k a day"."""
    if not isinstance(node, yaml.ScalarNode) or node.style or not node.value:
        return False
    line = lines[node.end_mark.line + offset - 1]
    return "#" in line[node.end_mark.column:]


def key_value_header(lines, start):
    """Pelican's header: `Name: value` lines up to the first blank line (a
    line indented by four spaces goes on with the value above, as Python-
    Markdown's meta extension reads it)."""
    header = Header("key-value", [], None, start + 1)
    for number in range(start, len(lines)):
        line = lines[number]
        if not line.strip():
            break
        match = KEY_VALUE_LINE.fullmatch(line)
        if header.fields and line.startswith("    "):
            header.fields[-1].value += " " + line.strip()
        elif match:
            header.fields.append(HeaderField(match["name"], match["value"], number + 1, line))
        else:
            break
    return header
