"""Whether a run of the Pages workflow has anything to publish, decided in a
second from git alone, before anything is installed (it needs only Python's
standard library): `python3 -m site_tools.anything_new`.

Something is new when nothing is live yet, when the project's files differ
from those the live site was built from (publish.py writes their tree,
"Source tree: ...", into each gh-pages commit it makes from committed
files), or when a post's date falls between the day the live site was
published and today: a scheduled post whose day has come. The dates are
read generously (a day either side, whatever the time zone), since a false
"something is new" costs only a build, which then compares page by page;
a false "nothing is new" would leave a post unpublished.

It sets the step output `changed` (true or false); when false, it writes the
run's summary: nothing new, and why.
"""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

from site_tools.summary import NOTHING_NEW, run_time_line, write_run_summary, write_step_output

SOURCE_TREE = re.compile(r"^Source tree: ([0-9a-f]{40,64})$", re.M)
DATE_LINE = re.compile(r"^:?date:\s*[\"']?(\d{4})-(\d{2})-(\d{2})", re.I | re.M)
POST_SUFFIXES = {".md", ".markdown", ".mdown", ".rst", ".html", ".htm"}
HEADER_BYTES = 4000  # a post's header is at its top


def git(root, *args):
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else None


def live_commit(root, remote, branch):
    """The live commit's message and day (UTC), fetched alone; None when
    nothing is live (or the remote cannot say)."""
    tracking = f"refs/remotes/{remote}/{branch}"
    if git(root, "fetch", "--quiet", "--depth=1", remote,
           f"+refs/heads/{branch}:{tracking}") is None:
        return None
    message = git(root, "log", "-1", "--format=%B", tracking)
    stamp = git(root, "log", "-1", "--format=%ct", tracking)
    if message is None or not stamp:
        return None
    return message, datetime.datetime.fromtimestamp(int(stamp), datetime.UTC).date()


def dates_between(root, first, last):
    """The posts (paths) whose header's date is from `first` to `last`."""
    found = []
    for path in sorted((Path(root) / "content").rglob("*")):
        if path.suffix.lower() not in POST_SUFFIXES or not path.is_file():
            continue
        header = path.read_bytes()[:HEADER_BYTES].decode("utf-8", "replace")
        for year, month, day in DATE_LINE.findall(header)[:1]:
            try:
                date = datetime.date(int(year), int(month), int(day))
            except ValueError:
                found.append(path)  # a date the build must judge
                continue
            if first <= date <= last:
                found.append(path)
    return [path.relative_to(root).as_posix() for path in found]


def schedule_today():
    """Today (UTC), or the day of SCHEDULE_NOW when set, as the build reads it
    (pelicanconf.py)."""
    now = os.environ.get("SCHEDULE_NOW")
    return (datetime.datetime.fromisoformat(now) if now
            else datetime.datetime.now(datetime.UTC)).date()


def why_something_is_new(root, remote="origin", branch="gh-pages", today=None):
    """Why this run must build, in plain words; None when nothing is new."""
    live = live_commit(root, remote, branch)
    if live is None:
        return f"nothing is live yet on {branch}"
    message, published = live
    tree = SOURCE_TREE.search(message)
    if not tree or tree.group(1) != git(root, "rev-parse", "HEAD^{tree}"):
        return "the project's files differ from those the live site was built from"
    one_day = datetime.timedelta(days=1)
    today = today or schedule_today()
    due = dates_between(root, published - one_day, today + one_day)
    if due:
        return "a post's day may have come: " + ", ".join(due)
    return None


def main(root="."):
    why = why_something_is_new(root)
    if why:
        print(f"Something may be new ({why}): building the site.")
        write_step_output("changed", "true")
        return
    print("Nothing new: the project's files are those of the live site, and no "
          "scheduled post's day has come.")
    write_step_output("changed", "false")
    write_run_summary([NOTHING_NEW, "",
                       "Nothing changed: the project's files are the ones the live site was "
                       "built from, and no scheduled post's day has come, so nothing was "
                       "built or pushed.", *run_time_line("the end")], "unchanged")


if __name__ == "__main__":
    main(*sys.argv[1:])
