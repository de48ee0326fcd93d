"""Content checks: every problem in the coach's posts, in plain words, with
the file and line, before anything is written.

Adds:
- a collector of every warning and error logged during a build, each said
  in plain words (plain_words.py) with the file and line and how to fix it,
  and written as one JSON line to PROBLEM_REPORT when that is set (the
  tasks print them as a summary, without Pelican's traceback);
- checks Pelican lacks: a `{filename}`/`{static}`/`{attach}` link to a file
  that does not exist (naming the post that holds it), two posts or pages
  at the same address, and a category spelt like an existing one but not
  quite ("Runing" beside "Running");
- a stop before writing when any problem was found, so a broken post never
  reaches output/.

Settings read: PROBLEM_REPORT (default None: keep the problems in memory only).
Signals: initialized (start collecting), all_generators_finalized (check, stop).
"""

import difflib
import json
import logging
import os
import re
import sys
from collections import Counter, defaultdict
from urllib.parse import unquote, urlparse

from pelican import signals

from .plain_words import Problem, describe, header_line

logger = logging.getLogger(__name__)

# Pelican's own pattern for an internal link, e.g. href="{filename}/pages/x.md".
INTERNAL_LINK = re.compile(
    r"""(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*
        (?P<quote>["'])\{(?P<what>filename|static|attach)\}(?P<value>.*?)(?P=quote)""",
    re.X,
)
# Critical records that only announce the stop: the problems are reported already.
STOP_MESSAGES = re.compile(r"(ContentProblems|RuntimeError: Warning or error encountered)")
CLOSE_SPELLING = 0.8  # difflib ratio from which two category names look like one


class ContentProblems(Exception):
    """Raised to stop the build before writing, once problems are reported."""


class ProblemCollector(logging.Handler):
    """Keeps every warning and error of the build as a Problem in plain words."""

    def __init__(self, content_path, report_path):
        super().__init__(level=logging.WARNING)
        self.content_path = content_path
        self.project_path = os.path.dirname(content_path)
        self.report_path = report_path
        self.problems = []

    def read_source(self, path):
        full = path if os.path.isabs(path) else os.path.join(self.content_path, path)
        try:
            with open(full, encoding="utf-8") as source:
                text = source.read()
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


collector = None


def start_collecting(pelican):
    global collector
    root = logging.getLogger()
    if collector is not None:
        root.removeHandler(collector)
    elif not root.handlers:
        # `--log-handler plain` leaves Pelican's messages to logging's last
        # resort, which stops printing once any handler exists: keep them shown.
        plain = logging.StreamHandler()
        plain.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        root.addHandler(plain)
    collector = ProblemCollector(pelican.settings["PATH"],
                                 pelican.settings.get("PROBLEM_REPORT"))
    root.addHandler(collector)


def report(problem):
    """Log a Problem found by our own checks: the collector keeps it as it is,
    and a strict (--fatal) build fails on it like on Pelican's own errors."""
    where = problem.file + (f", line {problem.line}" if problem.line else "")
    logger.error("%s: %s %s", where, problem.what, problem.fix, extra={"problem": problem})


# -- Links -----------------------------------------------------------------------


def internal_links(html):
    """Yield (kind, target path) for each internal link in rendered HTML."""
    for match in INTERNAL_LINK.finditer(html or ""):
        yield match.group("what"), unquote(urlparse(match.group("value")).path)


def target_source_path(content, target):
    """The source path, relative to the content folder, that a link points to."""
    if target.startswith("/"):
        return target.lstrip("/")
    return os.path.normpath(os.path.join(content.relative_dir, target)).replace("\\", "/")


def line_of(text, needle):
    """The first line number of text that contains needle, or None."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


def check_links(contents, context):
    known = {
        "filename": context["generated_content"].keys() | context["static_content"].keys(),
        "static": context["static_content"].keys(),
        "attach": context["static_content"].keys(),
    }
    for content in contents:
        for kind, target in internal_links(content._content):
            if target_source_path(content, target) in known[kind]:
                continue
            path, text = collector.read_source(content.source_path)
            report(Problem(
                f"The link {{{kind}}}{target} points to a file that does not exist.",
                "Check the spelling of the file name, or remove the link.",
                path, line_of(text, target)))


# -- Addresses ---------------------------------------------------------------------


def check_addresses(contents):
    by_address = defaultdict(list)
    for content in contents:
        by_address[content.save_as].append(content)
    for address, sharing in by_address.items():
        first, *others = sorted(sharing, key=lambda c: c.source_path)
        for other in others:
            path, text = collector.read_source(other.source_path)
            report(Problem(
                f"It has the same address (/{address.removesuffix('index.html')}) as "
                f"{collector.shown_path(first.source_path)}, so one would hide the other.",
                'Give one of them another title, or a line "Slug: another-address".',
                path, header_line(text, "slug")[0] or header_line(text, "title")[0]))


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


def check_categories(articles):
    articles = sorted(articles, key=lambda a: a.date)
    misspelt = misspelt_categories([a.category.name for a in articles])
    for article in articles:
        established = misspelt.get(article.category.name)
        if established:
            path, text = collector.read_source(article.source_path)
            report(Problem(
                f'The category "{article.category.name}" looks like "{established}", '
                "which other posts use.",
                f'Write "Category: {established}" (or, for a new category, a name less '
                "like an existing one).", path, header_line(text, "category")[0]))


def check_all_content(generators):
    context = generators[0].context
    # A post Pelican could not read stays in the list as None.
    contents = [c for c in context["generated_content"].values() if c is not None]
    check_links(contents, context)
    check_addresses(contents)
    check_categories([c for c in contents if c.__class__.__name__ == "Article"])
    if collector.problems:
        raise ContentProblems(f"{len(collector.problems)} problem(s) in the content")


def register():
    signals.initialized.connect(start_collecting)
    signals.all_generators_finalized.connect(check_all_content)
