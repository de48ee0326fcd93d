"""Content checks: problems in the coach's posts reported with the file name.

Adds: an error for every `{filename}`, `{static}` or `{attach}` link whose
target does not exist, naming the post that holds it and the line. Pelican's
own warning for such a link names only the target, not the post.

Settings read: none.
Signal: all_generators_finalized (every post and page has been read, none
written yet, so a strict build stops before it writes anything).
"""

import logging
import os
import re
from urllib.parse import unquote, urlparse

from pelican import signals

logger = logging.getLogger(__name__)

# Pelican's own pattern for an internal link, e.g. href="{filename}/pages/x.md".
INTERNAL_LINK = re.compile(
    r"""(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*
        (?P<quote>["'])\{(?P<what>filename|static|attach)\}(?P<value>.*?)(?P=quote)""",
    re.X,
)


def internal_links(html):
    """Yield (kind, target path) for each internal link in rendered HTML."""
    for match in INTERNAL_LINK.finditer(html or ""):
        yield match.group("what"), unquote(urlparse(match.group("value")).path)


def target_source_path(content, target):
    """The source path, relative to the content folder, that a link points to."""
    if target.startswith("/"):
        return target.lstrip("/")
    return os.path.normpath(os.path.join(content.relative_dir, target)).replace("\\", "/")


def line_of(source_path, text):
    """The first line number of source_path that contains text, or None."""
    try:
        with open(source_path, encoding="utf-8") as source:
            for number, line in enumerate(source, start=1):
                if text in line:
                    return number
    except OSError:
        return None
    return None


def report_missing_link_targets(content, context):
    known = {
        "filename": context["generated_content"].keys() | context["static_content"].keys(),
        "static": context["static_content"].keys(),
        "attach": context["static_content"].keys(),
    }
    for kind, target in internal_links(content._content):
        if target_source_path(content, target) in known[kind]:
            continue
        where = os.path.relpath(content.source_path)
        line = line_of(content.source_path, target)
        logger.error(
            "%s%s: the link {%s}%s points to a file that does not exist. "
            "Check the spelling of the file name, or remove the link.",
            where,
            f", line {line}" if line else "",
            kind,
            target,
        )


def check_all_content(generators):
    context = generators[0].context
    for content in list(context["generated_content"].values()):
        report_missing_link_targets(content, context)


def register():
    signals.all_generators_finalized.connect(check_all_content)
