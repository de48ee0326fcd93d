"""A post's header held to the header schema (plugins/header_schema.py), and
the files in content/ the site would leave out. Pure functions: each takes
what was written and yields Problems, with the file and line."""

import os
import re

from plugins import header_schema as schema
from plugins.problems import Problem

from .plain_words import ambiguous_date

# Documents a word processor or a plain-text editor saves, which the site
# cannot read, or reads only once renamed to .md.
WORD_DOCUMENTS = {".rtf": "an RTF document", ".docx": "a Word document",
                  ".doc": "a Word document", ".odt": "an OpenDocument text",
                  ".pages": "a Pages document"}
PLAIN_TEXT = {".txt", ".text"}
RENAME_HOW = ("(on a Mac: select it in the Finder, File › Get Info, Name & Extension; in "
              "Windows: tick View › File name extensions in Explorer first, then rename it)")


def header_problems(header, path, kind):
    """Problems of a post's ("post") or page's ("page") header as written."""
    if header.fence:
        line, what, fix = header.fence
        yield Problem(what, fix, path, line)
        return
    seen = {}
    for written in header.fields:
        name = written.name.lower()
        if name in seen:
            yield Problem(f'"{name}:" is written twice in the header (lines {seen[name]} and '
                          f"{written.line}), and only one of them can count.",
                          "Keep one of the two lines and delete the other.", path, written.line)
            continue
        seen[name] = written.line
        yield from field_problems(written, header.form, path, kind)
    if header.form is None or not header.readable:
        return  # no header at all (Pelican says the title is missing), or no YAML
    for name in schema.required(kind):
        # Pelican itself refuses a post without a title or a date, and says so.
        if name not in seen and name not in ("title", "date"):
            known = schema.field(name)
            yield Problem(f"The {kind} has no {name}.",
                          f'Add a line "{name}: {known.example}" to its header.', path,
                          header.first_line)
    yield from placeholder_summary(header, path, kind)


def field_problems(written, form, path, kind):
    name, value, line = written.name.lower(), written.value, written.line
    known = schema.field(name)
    if known is None:
        yield unknown_field(written, form, path, kind)
        return
    if kind not in known.used_by:
        yield Problem(f'"{name}:" is a field for {other(kind)}s, not for {kind}s.',
                      "Delete that line.", path, line)
        return
    if isinstance(value, (list, dict)):
        yield from shape_problems(known, value, path, line)
        return
    if isinstance(value, str) and value.strip() == "":
        yield from empty_field(known, path, line, kind)
        return
    if written.cut_at_hash:
        yield cut_at_hash(written, path)
    yield from value_problems(known, str(value).strip(), path, line, kind)


def other(kind):
    return schema.PAGE if kind == schema.POST else schema.POST


def unknown_field(written, form, path, kind):
    name = written.name.lower()
    known = ", ".join(schema.names(kind))
    guess = schema.closest(name, kind)
    if guess:
        return Problem(f'The header has "{written.name}:", a field the site does not know.',
                       f'Did you mean "{guess}:"? Correct the name (the fields are: {known}).',
                       path, written.line)
    if form == "key-value":  # most often the text's first line, no blank line above it
        return Problem(f'The line "{written.written.strip()}" is read as a header field '
                       f'"{name}", which the site does not know.',
                       "Leave one blank line between the header and the text. A header field "
                       f"is one of: {known}.", path, written.line)
    return Problem(f'The header has "{written.name}:", a field the site does not know.',
                   f"Delete that line, or correct its name (the fields are: {known}).",
                   path, written.line)


def shape_problems(known, value, path, line):
    """A list or a mapping where text belongs, a mapping where a list belongs,
    a tag that is itself a list."""
    name = known.name
    if known.kind == schema.LIST:
        if isinstance(value, dict) or any(not isinstance(item, str) for item in value):
            yield Problem(f'"{name}:" holds "name: value" pairs or lists, not one {name[:-1]} '
                          "a line.", f'Write each {name[:-1]} on a line of its own under '
                          f'"{name}:", starting "- ", e.g. "- hamstrings"; a {name[:-1]} '
                          'with a colon goes in quotes: - "hips: why".', path, line)
        return
    if isinstance(value, list):
        items = [str(item) for item in value]
        if name == "category":
            yield Problem(f'"category:" is written as a list ({", ".join(items)}), and a post '
                          "has one category.", f'Write one: "category: {items[0]}" (the '
                          "others can be tags).", path, line)
        else:
            yield Problem(f'"{name}:" is written as a list (lines starting "- ", or [ ]), '
                          "but it is one piece of text.",
                          f'Write it on the same line: "{name}: {" ".join(items)}".', path, line)
        return
    yield Problem(f'"{name}:" is read as "name: value" pairs, not as one piece of text: a '
                  "colon and a space in it, or lines indented under it.",
                  f'Write it on one line, in quotes: {name}: "…".', path, line)


def empty_field(known, path, line, kind):
    if known.name == "status":
        yield Problem('"Status:" is empty.', "Write Status: published (or draft, to build it "
                      "into drafts/ only).", path, line)
    elif kind in known.required_for:
        yield Problem(f'"{known.name}:" is empty.', f"Write the {known.name} after it, e.g. "
                      f'"{known.name}: {known.example}".', path, line)


def cut_at_hash(written, path):
    full = written.written.split(":", 1)[1].strip()
    quote = "'" if '"' in full else '"'
    return Problem(f'The {written.name.lower()} stops at " #": in the header, a space and # '
                   f'start a note that is left out, so it would read "{written.value}".',
                   f"Put the whole value in quotes: {written.name.lower()}: "
                   f"{quote}{full}{quote} (or delete from the # on, if it is a note).",
                   path, written.line)


def value_problems(known, value, path, line, kind):
    name, allowed = known.name, known.allowed(kind)
    if allowed and value.lower() not in allowed:
        shown = ", ".join(allowed[:-1]) + " or " + allowed[-1]
        yield Problem(f'"{name.title()}: {value}" is not a {name} the site knows for a {kind}.',
                      f"Use {name.title()}: {shown}.", path, line)
    elif known.kind == schema.BOOLEAN and value.lower() not in schema.TRUE + schema.FALSE:
        yield Problem(f'"{name}: {value}" is neither true nor false.',
                      f'Write "{name}: true" or "{name}: false".', path, line)
    elif known.kind == schema.NUMBER and not re.fullmatch(r"-?\d+", value):
        yield Problem(f'"{name}: {value}" is not a whole number.',
                      f'Write a number: "{name}: 3".', path, line)
    elif name == "slug" and not schema.SLUG.fullmatch(value):
        yield Problem(f'The slug "{value}" is not lower-case words and hyphens, so the '
                      "address would hold spaces, capitals or signs.",
                      f'Write "slug: {slug_like(value)}".', path, line)
    elif known.kind == schema.DATE and (problem := ambiguous_date(path, line, value)):
        yield problem


def slug_like(value):
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "a-few-words"


def placeholder_summary(header, path, kind):
    summary, status = header.get("summary"), header.get("status")
    published = status is None or str(status.value).strip().lower() == "published"
    if kind == schema.POST and published and summary is not None \
            and str(summary.value).strip() == schema.PLACEHOLDER_SUMMARY:
        yield Problem("The summary is still the new post's example (“"
                      f"{schema.PLACEHOLDER_SUMMARY}”), and the post is published.",
                      'Write one or two sentences of your own after "summary:" (a draft may '
                      "keep the example).", path, summary.line)


# -- Files the site would leave out ------------------------------------------------


def looks_like_a_post(path):
    """Whether a text file starts with a header (`---`, or `Title: …`)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as source:
            start = source.read(2000)
    except OSError:
        return False
    return schema.read_header(start).form is not None


def stray_file_problem(relative, full, shown, in_content_folders, published_as_is,
                       read_extensions):
    """A Problem for a file in content/ the site would leave out in silence:
    a post saved as a document or as .txt, or a post outside the folders of
    posts and pages; None for a file the site uses (or a photo, a data file,
    a handout in a folder published as it is, which a post may link to)."""
    name = os.path.basename(relative)
    stem, extension = os.path.splitext(name)
    extension = extension.lower()
    # Where a post would be: a document there is a post saved the wrong way.
    where_a_post_would_be = (in_content_folders or "/" not in relative) and not published_as_is
    if extension in WORD_DOCUMENTS and where_a_post_would_be:
        return Problem(f"{name} is {WORD_DOCUMENTS[extension]}, which the site cannot read, "
                       "so it is left out.",
                       "Save it as plain text, named with .md, in content/articles/: in Word, "
                       "File › Save As, Plain Text, encoding Unicode (UTF-8); in TextEdit, "
                       "Format › Make Plain Text, then Save with encoding Unicode (UTF-8). "
                       "Then rename it to end in .md " + RENAME_HOW + ".", shown)
    if extension in PLAIN_TEXT and not published_as_is \
            and (where_a_post_would_be or looks_like_a_post(full)):
        right = stem if os.path.splitext(stem)[1].lower() == ".md" else f"{stem}.md"
        return Problem(f"{name} ends in {extension}, and the site reads only .md files, so it "
                       "is left out.", f"Rename it to {right} {RENAME_HOW}.", shown)
    if extension.lstrip(".") in read_extensions and not in_content_folders \
            and looks_like_a_post(full):
        return Problem(f"{name} is in content/{os.path.dirname(relative) or ''}"
                       f"{'/' if os.path.dirname(relative) else ''}, where the site reads no "
                       "posts, so it is left out.",
                       "Move it into content/articles/ (a post) or content/pages/ (a page).",
                       shown)
    return None


def unreadable_file_name(shown):
    """A Problem for a file name that is not UTF-8 (a zip made on an old
    Windows, a copy from an old disk): the site cannot name its page."""
    shown = os.fsencode(shown).decode("utf-8", errors="replace")
    return Problem(f'The file name "{shown}" has a character that is not saved as '
                   "UTF-8 (shown as �), so the site cannot use it.",
                   "Rename the file, typing its name again (letters, digits and dashes are "
                   "safest).", None)


def stray_files(content_path, shown_path, in_content_folders, published_as_is,
                read_extensions):
    """Problems of the files under content_path the site would leave out;
    `shown_path(path)`: a path as the coach finds it ("content/x.md");
    `in_content_folders(relative path)`: whether posts or pages are read there;
    `published_as_is(relative path)`: whether it is published as it is (STATIC_PATHS)."""
    for folder, folders, files in os.walk(content_path):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = os.path.join(folder, name)
            relative = os.path.relpath(full, content_path).replace("\\", "/")
            try:
                relative.encode("utf-8")
            except UnicodeEncodeError:
                yield unreadable_file_name(shown_path(full))
                continue
            problem = stray_file_problem(relative, full, shown_path(full),
                                         in_content_folders(relative),
                                         published_as_is(relative), read_extensions)
            if problem:
                yield problem
