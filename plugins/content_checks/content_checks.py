"""Content checks: every problem in the coach's posts, in plain words, with
the file and line, before anything is written.

Adds:
- a collector of every warning and error logged during a build, each said
  in plain words (plain_words.py) with the file and line and how to fix it,
  and written as one JSON line to PROBLEM_REPORT when that is set (the
  tasks print them as a summary, without Pelican's traceback);
- checks Pelican lacks: two posts or pages at the same address, and a
  category spelt like an existing one but not quite ("Runing" beside "Running");
- checks of each post's header and text as the coach wrote it: a file not
  saved as UTF-8 (named with the line of its first bad character; UTF-16,
  Notepad's "Unicode", with Notepad's fix), a date with day and month in
  numbers ("05/11/2026" reads two ways), a header with no text under it, and
  the header held to the header schema (plugins/header_schema.py, the
  checks in header_checks.py): `---` lines missing or typed as dashes, a
  field the site does not know (with the one it looks like; in a `Key:
  value` header, most often a first line of text with a colon and no blank
  line before it) or written twice, a list or mapping where text belongs,
  an empty required field, a value cut at ` #`, a status or other value not
  allowed, a slug that is not lower-case words and hyphens, the new-post
  placeholder summary on a published post; a title, tag or category that
  gives no address, or one the site keeps for its own pages (tags/,
  archives/, feeds/, the editor, the search index...), named with what is
  there;
- files in content/ the site would leave out in silence: a post saved as
  .txt, .md.txt, .rtf or a Word document, a post outside the folders of
  posts and pages, a file name that is not UTF-8;
- a stop before writing when any problem was found, so a broken post never
  reaches output/.

Settings read: PROBLEM_REPORT (default None: keep the problems in memory only),
PATH, ARTICLE_PATHS and PAGE_PATHS (where posts and pages are read), and the
*_SAVE_AS, *_URL, FEED_*, STATIC_PATHS, THEME_STATIC_DIR, DIRECT_TEMPLATES
and ADMIN_DIR (default "admin") settings, from which the addresses the site
keeps come.
Signals: initialized (start collecting), content_object_init (check each
post's header), all_generators_finalized (check the files of content/ and
across posts, stop).
"""

import difflib
import json
import logging
import os
import re
import sys
from collections import Counter, defaultdict

from pelican import signals
from pelican.contents import Article, Page

from plugins import header_schema as schema
from plugins.problems import Problem, report_problem

from .header_checks import header_problems, stray_files
from .plain_words import describe, header_line

# An address segment the site itself uses: "tags" in "tags/index.html".
SITE_FOLDER = re.compile(r"[a-z0-9][a-z0-9_-]*")
# Critical records that only announce the stop: the problems are reported already.
STOP_MESSAGES = re.compile(r"(ContentProblems|RuntimeError: Warning or error encountered)")
CLOSE_SPELLING = 0.8  # difflib ratio from which two category names look like one
# Where plugins/search has Pagefind write the search index: /pagefind/.
SEARCH_INDEX_DIR = "pagefind"


class ContentProblems(Exception):
    """Raised to stop the build before writing, once problems are reported."""


class ProblemCollector(logging.Handler):
    """Keeps every warning and error of the build as a Problem in plain words."""

    def __init__(self, content_path, report_path, reserved=None):
        super().__init__(level=logging.WARNING)
        self.reserved = reserved or {"slugs": {}, "categories": set()}
        self.content_path = content_path
        self.project_path = os.path.dirname(content_path)
        self.report_path = report_path
        self.problems = []

    def read_source(self, path):
        full = path if os.path.isabs(path) else os.path.join(self.content_path, path)
        try:
            with open(full, "rb") as source:
                # Not UTF-8 (Word's Windows-1252): U+FFFD marks the first bad character.
                text = source.read().decode("utf-8-sig", errors="replace")
        except OSError:
            text = ""
        return self.shown_path(full), text

    def shown_path(self, path):
        return os.path.relpath(path, self.project_path).replace("\\", "/")

    def already_reported(self, file):
        return file is not None and any(p.file == file for p in self.problems)

    def emit(self, record):
        message = record.getMessage()
        if record.levelno >= logging.CRITICAL and STOP_MESSAGES.search(message):
            return
        problem = getattr(record, "problem", None)
        if problem is None:
            error = sys.exc_info()[1]  # set when Pelican logs from an except block
            problem = describe(message, self.read_source, str(error or ""))
            if problem is None or self.already_reported(problem.file):
                return  # Pelican tells of one mistake in several ways: keep the first
        self.problems.append(problem)
        if self.report_path:
            with open(self.report_path, "a", encoding="utf-8") as report:
                report.write(json.dumps(problem.as_dict()) + "\n")


class ContentChecks:
    """One build's checks: the collector of its problems, made from its
    settings when the build starts, and the signal handlers that check."""

    def __init__(self):
        self.collector = None
        self.read_here = None  # whether posts or pages are read at a path in content/
        self.published_here = None  # whether a path in content/ is published as it is

    def start_collecting(self, pelican):
        settings = pelican.settings
        self.collector = ProblemCollector(settings["PATH"], settings.get("PROBLEM_REPORT"),
                                          reserved_addresses(settings))
        self.read_here = in_content_folders(settings)
        self.published_here = in_static_folders(settings)
        root = logging.getLogger()
        earlier = [h for h in root.handlers if isinstance(h, ProblemCollector)]
        for handler in earlier:  # a build before in this process (the warm preview)
            root.removeHandler(handler)
        if not root.handlers and not earlier:
            # `--log-handler plain` leaves Pelican's messages to logging's last
            # resort, which stops printing once any handler exists: keep them shown.
            plain = logging.StreamHandler()
            plain.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
            root.addHandler(plain)
        root.addHandler(self.collector)

    def check_post(self, content):
        """The header and text of one post or page, as the coach wrote them."""
        if isinstance(content, (Article, Page)):
            check_post(content, self.collector)

    def check_all_content(self, generators):
        """Checks across posts; then stop before writing if anything was found."""
        context = generators[0].context
        # A post Pelican could not read stays in the list as None.
        contents = [c for c in context["generated_content"].values() if c is not None]
        check_stray_files(self.read_here, self.published_here, generators[0].readers.extensions,
                          self.collector)
        check_addresses(contents, self.collector)
        check_categories([c for c in contents if c.__class__.__name__ == "Article"],
                         self.collector)
        if self.collector.problems:
            raise ContentProblems(f"{len(self.collector.problems)} problem(s) in the content")


def reserved_addresses(settings):
    """{"slugs": {the first folder of an address the site makes itself (tags,
    archives, feeds, drafts, images, theme, the editor, the search index...):
    what is there}, "categories": slugs whose category feed would take the
    place of a site-wide feed ("all")}, read from the settings, so a new page
    type reserves its address too."""
    fixed = {key: value for key, value in settings.items() if isinstance(value, str)
             and (key.endswith(("_SAVE_AS", "_URL")) or "FEED" in key)}
    folders = {}
    for key, value in sorted(fixed.items()):
        if "/" in value:
            folders.setdefault(value.lstrip("/").split("/")[0], what_is_at(key))
    for path in settings.get("STATIC_PATHS", []):
        folders[path.split("/")[0]] = f"the files of content/{path}/"
    for name in settings.get("DIRECT_TEMPLATES", []):
        folders.setdefault(name, f"the {name} page")
    folders[settings.get("THEME_STATIC_DIR", "theme")] = "the theme's files"
    folders[settings.get("ADMIN_DIR", "admin")] = "the editor"
    folders[SEARCH_INDEX_DIR] = "the search index"
    categories = set()
    for pattern in (settings.get("CATEGORY_FEED_ATOM"), settings.get("CATEGORY_FEED_RSS")):
        if pattern and "{slug}" in pattern:
            before, after = pattern.split("{slug}", 1)
            categories |= {value[len(before):len(value) - len(after)]
                           for value in fixed.values()
                           if "{" not in value and value.startswith(before)
                           and value.endswith(after)}
    return {"slugs": {f: what for f, what in folders.items() if SITE_FOLDER.fullmatch(f)},
            "categories": categories}


def what_is_at(setting):
    """What a *_SAVE_AS, *_URL or FEED_* setting puts at its address, in words."""
    if "FEED" in setting:
        return "the feeds"
    word = setting.split("_")[0].lower()  # TAGS_SAVE_AS: the list; TAG_URL: each tag's page
    return f"the list of {word}" if word.endswith("s") else f"the {word} pages"


def in_content_folders(settings):
    """Whether a path under the content folder is where posts or pages are read."""
    folders = [folder.strip("/") for folder in
               settings.get("ARTICLE_PATHS", []) + settings.get("PAGE_PATHS", [])]
    return lambda relative: any(folder == "" or relative.startswith(folder + "/")
                                for folder in folders)


def in_static_folders(settings):
    """Whether a path under the content folder is published as it is (STATIC_PATHS):
    a photo, or a handout a post links to."""
    paths = [path.strip("/") for path in settings.get("STATIC_PATHS", [])]
    return lambda relative: any(path in ("", relative) or relative.startswith(path + "/")
                                for path in paths)


def check_stray_files(read_here, published_here, read_extensions, collector):
    """Files the coach put in content/ that the site would leave out in silence."""
    for problem in stray_files(collector.content_path, collector.shown_path, read_here,
                               published_here, set(read_extensions)):
        report_problem(**problem.as_dict())


# -- Each post, as it is read -------------------------------------------------------


def check_post(content, collector):
    path, text = collector.read_source(content.source_path)
    kind = schema.PAGE if isinstance(content, Page) else schema.POST
    for problem in header_problems(schema.read_header(text), path, kind):
        report_problem(**problem.as_dict())
    if not (content._content or "").strip() and "template" not in content.metadata:
        report_problem(path, None, "The post has a header but no text under it.",
                       "Write the post under the header, after one blank line.")
    for problem in address_problems(content, text, path, collector.reserved):
        report_problem(**problem.as_dict())


def address_line(text):
    """The line a post's address comes from: its slug, else its title. Looked
    for only when there is a problem to show it with, not for every post."""
    return header_line(text, "slug")[0] or header_line(text, "title")[0]


def address_problems(content, text, path, reserved):
    """A title, slug, tag or category that gives no address, or one the site
    keeps for its own pages."""
    if not hasattr(content, "title"):
        return  # Pelican says the title is missing
    if not getattr(content, "slug", None):
        yield Problem(f'The title "{content.title}" gives the post no address: it has no '
                      "letters or digits.", 'Add a line "Slug: a-few-words" under the title '
                      "(letters, digits and dashes).", path, address_line(text))
    elif content.slug in reserved["slugs"]:
        yield Problem(f"Its address /{content.slug}/ is where the site puts "
                      f"{reserved['slugs'][content.slug]}, which it would replace.",
                      'Add a line "Slug: another-address" under the title (letters, digits '
                      "and dashes), or change the title.", path, address_line(text))
    for tag in getattr(content, "tags", None) or []:
        if not tag.slug:
            yield Problem(f'The tag "{tag.name}" has no letters or digits, so it cannot have '
                          "a page.", "Write each tag with letters or digits, on a line of its own "
                          'under "tags:", starting "- ": - hamstrings.', path,
                          header_line(text, "tags")[0])
    category = getattr(content, "category", None)
    if category is not None and (not category.slug or category.slug in reserved["categories"]):
        yield Problem(f'The category "{category.name}" cannot have a page and a feed of its '
                      "own (it has no letters or digits, or its address is the site's).",
                      "Choose another category name.", path, header_line(text, "category")[0])


# -- Addresses ---------------------------------------------------------------------


def check_addresses(contents, collector):
    by_address = defaultdict(list)
    for content in contents:
        if content.save_as:  # a draft in production (DRAFT_SAVE_AS = "") is not written
            by_address[content.save_as].append(content)
    for address, sharing in by_address.items():
        first, *others = sorted(sharing, key=lambda c: c.source_path)
        for other in others:
            path, text = collector.read_source(other.source_path)
            report_problem(
                path, address_line(text),
                f"It has the same address (/{address.removesuffix('index.html')}) as "
                f"{collector.shown_path(first.source_path)}, so one would hide the other.",
                'Give one of them another title, or a line "Slug: another-address".')


# -- Categories --------------------------------------------------------------------


def misspelt_categories(names_in_order):
    """{name: the established name it looks like} for categories that differ
    from a more used one only by case or a small typo. names_in_order: one
    name per post, oldest post first; ties go to the older spelling."""
    counts = Counter(names_in_order)
    first_seen = {name: names_in_order.index(name) for name in counts}
    standing = {name: (counts[name], -first_seen[name]) for name in counts}
    misspelt = {}
    for name in counts:
        for other in counts:
            if other == name or standing[other] <= standing[name]:
                continue
            alike = difflib.SequenceMatcher(None, name.lower(), other.lower()).ratio()
            if name.lower() == other.lower() or alike >= CLOSE_SPELLING:
                misspelt[name] = other
                break
    return misspelt


def check_categories(articles, collector):
    articles = sorted(articles, key=lambda a: a.date)
    misspelt = misspelt_categories([a.category.name for a in articles])
    for article in articles:
        established = misspelt.get(article.category.name)
        if established:
            path, text = collector.read_source(article.source_path)
            report_problem(
                path, header_line(text, "category")[0],
                f'The category "{article.category.name}" looks like "{established}", '
                "which other posts use.",
                f'Write "Category: {established}" (or, for a new category, a name less '
                "like an existing one).")


def register():
    """A new ContentChecks for each build (the warm preview builds many times)."""
    checks = ContentChecks()
    signals.initialized.connect(checks.start_collecting, weak=False)
    signals.content_object_init.connect(checks.check_post, weak=False)
    signals.all_generators_finalized.connect(checks.check_all_content, weak=False)
