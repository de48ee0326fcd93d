"""Run Pelican strictly, read its problems, and put a build in place only once
it succeeded."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from invoke.exceptions import Exit


class Failed(Exit):
    """A build or a check failed: the message for the console, and the
    problems themselves ({"what", and "file", "line", "fix" when known}) for
    whoever reports them elsewhere, such as the GitHub run's summary."""

    def __init__(self, message, problems=()):
        super().__init__(message, code=1)
        self.problems = list(problems)


@dataclass
class BuildResult:
    succeeded: bool
    problems: list = field(default_factory=list)  # from content_checks' report


def pelican_command(project, settings, output, fatal=False, overrides=None):
    """The command line that runs Pelican on `project`'s content: the one the
    tasks, the checks and the tests share. Plain log lines (no terminal
    boxes to wrap a message); with `fatal`, Pelican stops at the first
    warning; `overrides` ({setting: value}) are given as JSON with -e."""
    command = [sys.executable, "-m", "pelican", str(Path(project) / "content"),
               "-s", str(settings), "-o", str(output), "--log-handler", "plain",
               *(["--fatal", "warnings"] if fatal else [])]
    if overrides:
        command += ["-e", *(f"{name}={json.dumps(value)}" for name, value in overrides.items())]
    return command


def run_pelican(project, settings, output, fatal=False, overrides=None, extra_env=None):
    """Run Pelican (pelican_command) in `project`; the finished process, its
    output captured."""
    return subprocess.run(pelican_command(project, settings, output, fatal, overrides),
                          cwd=project, capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200", **(extra_env or {})})


def pelican_run(project, settings, output, verbose=False, fatal=False, out=None, err=None):
    """Build the site of `project`; any warning or error fails it. On failure,
    print every problem in plain words (and with verbose, Pelican's own
    output too), to `err` (standard error by default); Pelican's last line,
    on success, to `out` (standard output).

    Without `fatal` Pelican goes on after a problem, so the coach sees all of
    them at once (the build still fails); with it, Pelican stops at the first
    (`--fatal warnings`, as check and publish run it)."""
    with tempfile.TemporaryDirectory() as scratch:
        report, search = Path(scratch) / "problems.jsonl", Path(scratch) / "search.json"
        result = run_pelican(project, settings, output, fatal,
                             {"PROBLEM_REPORT": str(report), "SEARCH_INDEX_LATER": str(search)})
        problems = read_problems(report)
        if result.returncode == 0 and search.exists():
            # Pagefind once Pelican has exited (plugins/search): they never
            # hold their memory at the same time.
            indexed = subprocess.run(json.loads(search.read_text(encoding="utf-8")),
                                     capture_output=True, text=True)
            if indexed.returncode != 0:
                # Imported here: the plugin imports Pelican, which every ./dev
                # task would otherwise load at its start (0.2 s).
                from plugins.search.search import pagefind_failed

                problems.append(pagefind_failed(indexed))
    log = result.stdout + result.stderr
    # Anything on stderr is a warning the content checks did not see (say, from
    # the settings), or a crash: strict means it fails the build too.
    succeeded = result.returncode == 0 and not problems and not result.stderr.strip()
    if verbose or (not succeeded and not problems):
        print(log, file=err or sys.stderr)
    if succeeded:
        # Pelican's "Done: ..." line, after what the plugins tell the coach
        # without failing the build (the images plugin: photos no post uses).
        print(result.stdout.strip(), file=out or sys.stdout)
    else:
        print(format_problems(problems), file=err or sys.stderr)
    return BuildResult(succeeded, problems)


def production_setting(project, name, default=""):
    """A setting of `project`'s publishconf.py (which reads the environment)."""
    sys.path.insert(0, str(project))
    import publishconf

    return getattr(publishconf, name, default)


def read_problems(report):
    if not report.exists():
        return []
    return [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]


def format_problems(problems):
    """The problems of a failed build as the coach reads them: per file, what
    is wrong and how to fix it."""
    if not problems:
        return "\nThe site was not built: Pelican stopped (its messages are above)."
    lines = [f"\nThe site was not built: {count_of(problems)} to fix.", ""]
    for problem in problems:
        if problem.get("file"):
            line = f", line {problem['line']}" if problem.get("line") else ""
            lines.append(f"{problem['file']}{line}")
        lines.append(f"  {problem['what']}")
        if problem.get("fix"):
            lines.append(f"  Fix: {problem['fix']}")
        lines.append("")
    return "\n".join(lines)


def count_of(problems):
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"


def build_site(project, settings, output, verbose=False):
    """Build into a fresh folder, and only once that succeeded put it in place
    of `output`: a failed build never leaves a half-written site."""
    output = Path(output)
    staging = output.with_name(output.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    built = pelican_run(project, settings, staging, verbose)
    if not built.succeeded:
        shutil.rmtree(staging, ignore_errors=True)
        raise Failed(f"{output.name}/ was left as it was. "
                     "To see Pelican's own messages, add --verbose.", built.problems)
    replace_folder(output, staging)
    print(f"Built the site into {output.name}/.")


def replace_folder(target, replacement):
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    replacement.rename(target)
    shutil.rmtree(old, ignore_errors=True)
