"""Pelican's log messages about a post, said again in plain words.

Pure functions: `describe` turns one log record's fields into a Problem (the
file, the line, what is wrong, how to fix it) or None for a record that only
repeats a problem already reported. Unknown messages pass through unchanged.
"""

import datetime
import re

from pelican.utils import get_date

from plugins import header_schema as schema
from plugins.problems import Problem

# A date with the day and the month both in numbers, in either order.
NUMERIC_DATE = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b(?P<time>.*)")
SAVE_AS_UTF8 = ("Save it as UTF-8 text: in Word, File › Save As, choose Plain Text, then "
                "Text encoding: Unicode (UTF-8); in TextEdit, Format › Make Plain Text, then "
                "Save with Plain Text Encoding: Unicode (UTF-8).")


def header_line(text, field):
    """(line number, value) of a header field in a post, else (None, None): a
    `Field: value` line of Pelican's header, or a `field: value` line of YAML
    front matter (between `---` lines; its quotes taken off, list items skipped)."""
    lines = text.splitlines()
    front_matter = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines, start=1):
        if front_matter and number == 1:
            continue
        if front_matter and line.strip() in ("---", "..."):
            break  # the front matter ends at its closing line
        if not front_matter and not line.strip():
            break  # the header ends at the first blank line
        if front_matter and (line[:1].isspace() or line.startswith("-")):
            continue  # an item of a list, or a value's next line
        name, _, value = line.partition(":")
        if name.strip().lower() == field:
            return number, unquoted(value.strip())
    return None, None


def unquoted(value):
    """A YAML value written in quotes ('05/11/2026' or "draft"), without them."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def fence_problem(path, text):
    """A Problem for a header whose `---` lines the site cannot find (one
    missing, or typed as dashes), which Pelican takes for a missing title or
    a header of text; else None."""
    fence = schema.read_header(text).fence
    return Problem(fence[1], fence[2], path, fence[0]) if fence else None


def missing_field(path, field, text):
    if problem := fence_problem(path, text):
        return problem
    if field == "title":
        return Problem("The post has no title.",
                       'Add a line "Title: Your title" at the top of the file.', path)
    if field == "date":
        return Problem("The post has no date.",
                       'Add a line "Date: 2026-11-25" (the day it is published) at the top.',
                       path)
    return Problem(f"The post has no {field}.",
                   f'Add a line "{field.title()}: ..." at the top of the file.', path)


def iso_date(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def ambiguous_date(path, line, value):
    """A Problem for a date written with day and month in numbers
    ("05/11/2026"), which reads two ways; None for any other form."""
    match = NUMERIC_DATE.fullmatch(value)
    if not match:
        return None
    first, second, year = (int(part) for part in match.groups()[:3])
    year += 2000 if year < 100 else 0
    time = match["time"].strip()
    readings = []  # day first (as the coach, in Britain, means it), then month first
    for day, month in ((first, second), (second, first)):
        date = iso_date(year, month, day)
        if date and date not in (reading for reading, _ in readings):
            readings.append((date, f"{day} {date:%B}"))
    if not readings:
        return Problem(f'"{value}" is not a date.',
                       "Write the date year first: 2026-11-25, or 2026-11-25 09:00 with a "
                       "time.", path, line)
    shown = [f"{date.isoformat()}{' ' + time if time else ''} for {said}"
             for date, said in readings]
    return Problem(f'"{value}" has the day and the month in numbers, which reads '
                   + (f"as {readings[0][1]} or as {readings[1][1]}." if len(readings) > 1
                      else "differently in Britain and in America."),
                   "Write the date year first: " + ", or ".join(shown) + ".", path, line)


def not_utf8(path, text, error):
    """A Problem for a file that is not UTF-8 (Word's Windows-1252, say):
    its first bad character's line, as read with U+FFFD in its place. A file
    of UTF-16 (Notepad's "Unicode") has a zero byte beside every letter."""
    if "\x00" in text:
        return Problem('The file is saved as UTF-16 (Notepad calls it "Unicode"), which the '
                       "site cannot read.", "Save it as UTF-8: in Notepad, File › Save As, "
                       "choose Encoding: UTF-8, then Save (in another editor, save it with "
                       "the encoding UTF-8).", path)
    line = next((number for number, text_line in enumerate(text.splitlines(), start=1)
                 if "\ufffd" in text_line), None)
    byte = re.search(r"byte 0x([0-9a-f]{2})", error)
    shown = ""
    if byte:
        character = bytes([int(byte[1], 16)]).decode("cp1252", errors="replace")
        shown = f" (a {character} saved the Windows way)" if character != "\ufffd" else ""
    return Problem(f"The file is not saved as UTF-8 text: line {line} has a character the "
                   f"site cannot read{shown}.", SAVE_AS_UTF8, path, line)


def unreadable_post(path, text, error):
    if "codec can't decode" in error:
        return not_utf8(path, text, error)
    if problem := fence_problem(path, text):
        return problem
    line, date = header_line(text, "date")
    if date is not None:
        if problem := ambiguous_date(path, line, date):
            return problem
        try:
            get_date(date.replace("_", " "))
        except (ValueError, OverflowError):
            return Problem(f'"{date}" is not a date.',
                           'Write the date as 2026-11-25, or 2026-11-25 09:00 with a time.',
                           path, line)
    detail = f" ({error})" if error else ""
    return Problem(f"The post could not be read{detail}.",
                   "Check the lines at the top of the file: each is \"Name: value\", "
                   "then one blank line before the text.", path)


def unknown_status(path, text, status):
    line, _ = header_line(text, "status")
    allowed = schema.allowed("status", "post")
    return Problem(f'"Status: {status}" is not a status the site knows for a post.',
                   f"Use Status: {', '.join(allowed[:-1])} or {allowed[-1]}.", path, line)


# Pelican's messages, as record.msg templates are formatted (record.getMessage()).
SKIPPED = re.compile(r"Skipping (?P<path>.+): could not find information about '(?P<field>\w+)'")
UNREADABLE = re.compile(r"Could not process (?P<path>\S+)")
OUTSIDE = re.compile(r"Skipping (?P<path>.+): file '.*' would be written outside output path")
YAML_ERROR = re.compile(r"Error parsing YAML for file '(?P<path>[^']+)")
NOT_FIELDS = re.compile(r"YAML header didn't parse as a dict for file '(?P<path>[^']+)'")
STATUS = re.compile(r"Unknown status '(?P<status>.*)' for file (?P<path>.+), skipping it")
# Messages our own checks say better: Pelican repeats a broken {filename}
# link when it writes the page, without the post; and it warns of posts that
# share a slug as if they were translations of each other.
REPEATED = re.compile(
    r"Unable to find '.*', skipping url replacement|Other resources were not"
    r"|There are \d+ (items|original \(not translated\) items) .*with slug"
    r"|All items \(.*\) .* are translations"
    r"|Unable to generate valid slug"  # said with the post's file by check_slugs
    # A header field written twice, or a list where one value belongs: said
    # with the line by the header checks.
    r"|Duplicate definition of"
)


def describe(message, read_source, error=""):
    """A Problem for a Pelican log message, or None when it repeats another.

    `read_source(path)` returns (shown path, file text) for a source path as
    Pelican wrote it (absolute, or relative to the content folder).
    """
    if REPEATED.match(message):
        return None
    if match := SKIPPED.match(message):
        path, text = read_source(match["path"])
        return missing_field(path, match["field"], text)
    if match := UNREADABLE.match(message):
        path, text = read_source(match["path"])
        return unreadable_post(path, text, error)
    if match := OUTSIDE.match(message):
        path, _ = read_source(match["path"])
        return Problem("Its address would be outside the site.",
                       'Check its "Slug:" line: letters, digits and dashes only.', path)
    if match := STATUS.match(message):
        path, text = read_source(match["path"])
        return unknown_status(path, text, match["status"])
    if match := YAML_ERROR.match(message):
        path, text = read_source(match["path"])
        return unreadable_front_matter(path, text, error)
    if match := NOT_FIELDS.match(message):
        path, text = read_source(match["path"])
        return Problem('The header between the --- lines has no "name: value" lines.',
                       'Write one field a line, e.g. "title: Your title", between the two '
                       "--- lines, and the text under the second.", path,
                       schema.read_header(text).first_line)
    return Problem(message)


def unreadable_front_matter(path, text, error):
    """YAML front matter PyYAML could not read: a tab, a non-breaking space,
    curly quotes around a value with a colon, or (most often) a value with a
    colon and a space in it, not in quotes. YAML's line 1 is the `---` line,
    so its line numbers are the file's."""
    numbers = [int(n) for n in re.findall(r"line (\d+)", error)]
    lines = text.splitlines()
    # The lines YAML names; then the one above: a non-breaking space after a
    # colon joins the line to the next, where YAML finds the mistake.
    for line in sorted(set(numbers), key=numbers.index) + [min(numbers, default=1) - 1]:
        if 0 < line <= len(lines) and (problem := unreadable_character(path, lines[line - 1],
                                                                    line)):
            return problem
    line = numbers[-1] if numbers else None
    written = f' ("{lines[line - 1].strip()}")' if line and line <= len(lines) else ""
    return Problem(f"The header between the --- lines cannot be read here{written}.",
                   'Put a value that holds a colon, a # or quotes in quotes: '
                   'summary: "Why: because".', path, line)


CURLY_QUOTES = re.compile(r":\s*[“‘„«]")
# A tab or a non-breaking space where YAML needs a space: after the colon, or
# before the text (inside a value in quotes, either is text).
MISPLACED = {character: re.compile(f"^\\s*{character}|:{character}") for character in "\t\xa0"}


def unreadable_character(path, written, line):
    """A Problem for a header line YAML cannot read because of one character
    that looks like another: a tab, a non-breaking space, a curly quote."""
    if MISPLACED["\t"].search(written):
        return Problem(f"Line {line} of the header has a tab, which a header cannot hold.",
                       "Replace the tab with spaces: one space after the colon, two before "
                       'a "- " under tags:.', path, line)
    if MISPLACED["\xa0"].search(written):
        return Problem(f'Line {line} of the header ("{written.strip()}") has a non-breaking '
                       "space (Option+Space on a Mac, or Word's), which looks like a space "
                       "but is not one to the header.", "Delete the spaces in that line and "
                       "type them again with the space bar.", path, line)
    if CURLY_QUOTES.search(written):
        return Problem(f'Line {line} of the header ("{written.strip()}") has its value in '
                       "curly quotes “ ”, which are not quotes to the header, so the colon "
                       "inside ends it.", "Use straight quotes around the value, typed in a "
                       'plain-text editor: title: "Hips: why" (curly quotes inside are '
                       "fine).", path, line)
    return None
