"""One way for every plugin to say what is wrong: the file, the line, what is
wrong and how to fix it. Not a plugin (it has no `register`): the plugins
import it as `plugins.problems`. Pelican puts the current folder on the path,
and every build runs in the project folder (site_tools.build, the preview,
the tests; pytest.ini's `pythonpath = .` for pytest itself).

`report_problem` logs an error through Pelican's logging, so a strict build
(`--fatal warnings`) fails on it as on Pelican's own errors; the record carries
the Problem itself, which content_checks' collector keeps as it is for the
build's summary (site_tools/build.py, and the publish step's summary).
"""

import logging
from dataclasses import asdict, dataclass

import pelican.log  # noqa: F401  Pelican's logger class first, so --fatal stops on ours

logger = logging.getLogger(__name__)


@dataclass
class Problem:
    what: str
    fix: str = ""
    file: str | None = None  # as the coach finds it: "content/articles/hips.md"
    line: int | None = None

    def as_dict(self):
        return asdict(self)


def report_problem(file, line, what, fix):
    """Log one problem: "FILE, line LINE: WHAT FIX" (file and line when known)."""
    problem = Problem(what, fix, file, line)
    where = f"{file}, line {line}: " if file and line else f"{file}: " if file else ""
    logger.error("%s%s", where, f"{what} {fix}".rstrip(), extra={"problem": problem})


def line_of(path, needle):
    """The number of the first line of the file at `path` that holds `needle`,
    or None (no such line, an empty needle, or no such file)."""
    if not needle:
        return None
    try:
        with open(path, encoding="utf-8", errors="replace") as source:
            for number, line in enumerate(source, start=1):
                if needle in line:
                    return number
    except OSError:
        pass
    return None
