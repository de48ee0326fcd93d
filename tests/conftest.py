"""Shared fixtures: a strict build of the real site, copies of the project
for fixture content, pages parsed with BeautifulSoup, a local web server and
a real headless Chromium."""

import contextlib
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from checks.browser import CHROMIUM, chromium, served
from site_tools import build as site_build
from site_tools.gates import INSTALL_CHROMIUM, under_ci

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Build:
    output: Path
    returncode: int
    log: str

    def page(self, path):
        """The generated page at a site path ("", "about/", "404.html"), parsed."""
        file = self.output / path
        if file.is_dir() or path.endswith("/") or path == "":
            file = file / "index.html"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def run_pelican(project, output, settings="pelicanconf.py", env=None):
    """A strict Pelican build of `project`'s content, on the command line check
    and publish use (site_tools.build); Pagefind indexes within the build."""
    result = site_build.run_pelican(project, settings, output, fatal=True, extra_env=env)
    return Build(Path(output), result.returncode, result.stdout + result.stderr)


def run_task(project, *args):
    """Run an invoke task in `project` as the coach would (./dev TASK)."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=project, capture_output=True,
        text=True, env={**os.environ, "COLUMNS": "250"},
    )


def git(repo, *args):
    """Run git in `repo`; the test fails with git's message if git does."""
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def tip(repo, ref):
    """The commit `ref` points to in `repo`, or None when it does not exist."""
    result = subprocess.run(["git", "rev-parse", "--verify", "--quiet", ref], cwd=repo,
                            capture_output=True, text=True)
    return result.stdout.strip() or None


# -- Running beside other tests ----------------------------------------------------
# `./dev test` runs the test files on every core (pytest-xdist workers), each
# file whole on one worker (--dist loadfile), in collection order.

# The longest file (its four real workflow runs): first, so that the other
# worker shares the rest of the suite meanwhile rather than wait for it at the end.
LONGEST_FILE = "test_workflow.py"


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.path.name != LONGEST_FILE)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site, built once per test session with the development settings."""
    build = run_pelican(ROOT, tmp_path_factory.mktemp("site") / "output")
    assert build.returncode == 0, build.log
    return build


# Where the `production` build is built for: a GitHub project page.
PRODUCTION_SITEURL = "https://coach.github.io/site"


@pytest.fixture(scope="session")
def production(tmp_path_factory):
    """The real site, a draft and a post scheduled for later (neither is written:
    two posts with no address), built once per test session with the production
    settings for a GitHub project page (https://coach.github.io/site)."""
    draft = "Title: Not yet\nDate: 2026-11-01\nCategory: Running\nStatus: draft\n\nSoon.\n"
    later = "Title: Next year\nDate: 2099-01-01\nCategory: Running\n\nLater.\n"
    return build_with_posts(tmp_path_factory.mktemp("production"),
                            {"draft.md": draft, "next-year.md": later},
                            "publishconf.py", {"SITEURL": PRODUCTION_SITEURL})


def copy_files(destination):
    """The project's files as a checkout of it has them (tracked, and new ones
    git does not ignore), as they are now, into `destination`."""
    for name in git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard",
                    "-z").split("\0"):
        source = ROOT / name
        if name and source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)


def copy_project(folder):
    """A copy of the project in folder/project, to change content freely."""
    copy = folder / "project"
    copy_files(copy)
    if (ROOT / "node_modules").exists():  # the quality gates' tools, shared
        (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


# Real values for what the project still has as placeholders (site_tools/placeholders.py),
# made up for the tests: a fixture publishes as the coach will once she has filled them in.
FILLED_IN = {
    "pelicanconf.py": [(r'^BOOKING_URL = .*$', 'BOOKING_URL = "https://onebody-fixture.uk/book/"'),
                       (r'^CONTACT_URL = .*$', 'CONTACT_URL = "mailto:hello@onebody-fixture.uk"')],
    "publishconf.py": [(r'^PUBLIC_REPO = .*$', 'PUBLIC_REPO = "tracy/onebodycoach"')],
    "content/articles/cant-fire-my-glutes.md": [(r"PLACEHOLDR1", "fixtureVid1"),
                                                (r"PLACEHOLDR2", "fixtureVid2")],
}


def fill_in_placeholders(project):
    """Give `project`'s placeholders (but the site's address: the tests set
    SITEURL, and the workflow works it out) the values in FILLED_IN."""
    for name, replacements in FILLED_IN.items():
        path = project / name
        text = path.read_text(encoding="utf-8")
        for pattern, value in replacements:
            text, count = re.subn(pattern, value, text, flags=re.M)
            assert count == 1, f"{name} no longer has one {pattern}: update FILLED_IN"
        path.write_text(text, encoding="utf-8")


def build_with_posts(folder, posts, settings="pelicanconf.py", env=None):
    """A strict build of a copy of the project with `posts` ({file name: text})
    added to its articles; fails the test if the build fails."""
    copy = copy_project(folder)
    for name, text in posts.items():
        (copy / "content" / "articles" / name).write_text(text, encoding="utf-8")
    build = run_pelican(copy, copy / "output", settings, env)
    assert build.returncode == 0, build.log
    return build


def indexed_pages(output):
    """The page addresses in Pagefind's fragments (gzipped, after a signature)."""
    urls = set()
    for fragment in (output / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{"):])["url"])
    return urls


@pytest.fixture
def project(tmp_path):
    """A copy of the project in a temporary folder, to change content freely."""
    return copy_project(tmp_path)


# -- Serving and browsing ---------------------------------------------------------


@pytest.fixture
def serve():
    """serve(folder) -> the address of a web server on 127.0.0.1 serving it."""
    with contextlib.ExitStack() as servers:
        yield lambda folder: servers.enter_context(served(folder))


def chromium_or_skip():
    """Skip locally without Chromium; under CI=true a missing Chromium fails."""
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM} (sudo {INSTALL_CHROMIUM})"
        if under_ci():
            pytest.fail(f"CI must run the browser tests, but there is {message}")
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, with a fresh profile."""
    chromium_or_skip()
    with chromium() as context:
        yield context


@pytest.fixture
def browser_page(browser):
    """A fresh tab that records console errors and page errors in `.errors`."""
    page = browser.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    page.close()
