"""Tasks for the One Body Coach site. Run them through `./dev TASK`;
`./dev --list` shows them, `./dev --help TASK` shows a task's flags."""

import datetime
import shutil
import sys
import tempfile
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

# The modules behind checking, publishing and new posts are imported by their
# tasks: every `./dev build` would otherwise load them (and the browser check's
# HTTP server) for nothing.
from site_tools import build as site_build

ROOT = Path(__file__).parent.resolve()

CONFIG = {
    "articles": ROOT / "content" / "articles",
    "settings_base": ROOT / "pelicanconf.py",
    "settings_publish": ROOT / "publishconf.py",
    "deploy_path": ROOT / "output",
    # What the preview reloads on when saved; and what it restarts on (code it
    # loaded once: plugins and settings).
    "watched": ["content", "theme", "plugins", "pelicanconf.py", "publishconf.py"],
    "restart_on": ["plugins", "pelicanconf.py", "publishconf.py"],
    "host": "localhost",
    "port": 8000,
    # The pages Lighthouse audits (site paths): home, an article with two videos, Videos.
    "lighthouse_pages": ["", "cant-fire-my-glutes/", "videos/"],
    # Publishing: where `./dev publish` pushes, and what must be committed first.
    "publish_remote": "origin",
    "publish_branch": "gh-pages",
    "published_sources": ["content", "theme", "plugins", "pelicanconf.py", "publishconf.py"],
}


# -- Helpers shared by the tasks ------------------------------------------------


def build_site(settings, verbose=False):
    """Build into output/ (site_tools.build: staged, so a failure keeps the old site)."""
    site_build.build_site(ROOT, settings, CONFIG["deploy_path"], verbose)


# -- Tasks -------------------------------------------------------------------------


@task
def clean(c):
    """Remove the generated site (output/)."""
    shutil.rmtree(CONFIG["deploy_path"], ignore_errors=True)


VERBOSE_HELP = {"verbose": "also show Pelican's own messages and tracebacks"}


@task(help=VERBOSE_HELP)
def build(c, verbose=False):
    """Build the site into output/ (development settings); a failed build keeps the old one."""
    build_site(CONFIG["settings_base"], verbose=verbose)


@task(pre=[clean, build])
def rebuild(c):
    """Remove output/, then build the site afresh."""


@task(help={"port": "port to serve on (default 8000)"})
def serve(c, port=CONFIG["port"]):
    """Build the site and serve it on http://localhost:8000 (Ctrl+C stops)."""
    from site_tools.serve import site_server

    build_site(CONFIG["settings_base"])
    server = site_server(CONFIG["deploy_path"], CONFIG["host"], port)
    print(f"Serving the site on http://{CONFIG['host']}:{port}/ (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task(help={"port": "port to serve on (default 8000)", **VERBOSE_HELP})
def livereload(c, port=CONFIG["port"], verbose=False):
    """Build, serve on http://localhost:8000 and rebuild and reload the page on every save."""
    from preview import serve_preview

    serve_preview(ROOT, CONFIG["settings_base"], CONFIG["deploy_path"],
                  [ROOT / path for path in CONFIG["watched"]],
                  [ROOT / path for path in CONFIG["restart_on"]],
                  CONFIG["host"], int(port), verbose)


@task(help=VERBOSE_HELP)
def preview(c, verbose=False):
    """Build the production site (publishconf.py) into output/."""
    build_site(CONFIG["settings_publish"], verbose=verbose)


@task(help={"title": "the post's title, in quotes",
            "category": "its category (default: Running)",
            "tags": "comma-separated tags"})
def new_post(c, title, category="Running", tags=""):
    """Start a new draft post: ./dev new-post "Why stretching isn't working"."""
    from site_tools import new_post as site_new_post

    path = site_new_post.write_new_post(ROOT, CONFIG["articles"], title, category, tags,
                                        datetime.datetime.now())
    print(f"Wrote {path.relative_to(ROOT)} (a draft). Open it and start writing.")


@task(help=VERBOSE_HELP)
def check(c, verbose=False):
    """Build the site strictly for production and development and run every check on it."""
    from site_tools import gates

    siteurl = site_build.production_setting(ROOT, "SITEURL")
    with tempfile.TemporaryDirectory() as scratch:
        gates.build_and_check(ROOT, CONFIG["settings_publish"], CONFIG["settings_base"],
                              Path(scratch) / "site", siteurl, CONFIG["lighthouse_pages"],
                              verbose)


@task(help={"pytest_args": "extra arguments for pytest, e.g. \"-k glute -x\""})
def test(c, pytest_args=""):
    """Lint with ruff, then run every test (browser tests included) on every core."""
    from site_tools import gates

    gates.quality_tools_ready(ROOT, install=True)
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    # One worker a core (pytest-xdist), each test file whole on one worker: a
    # file's tests share its builds and, in the workflow's, four runs in turn.
    # Files start in collection order, the longest first (tests/conftest.py).
    c.run(f"{sys.executable} -m pytest -n auto --dist loadfile --no-loadscope-reorder "
          f"{pytest_args}", pty=False)


@task(help={"sizes": "post counts, comma-separated (default 100,1000)",
            "repeats": "builds of each variant per size (default 3)",
            "edits": "saves timed in the preview per size (default 5; 0: none)",
            "against": "also measure the project at this git ref, e.g. main"})
def bench(c, sizes="100,1000", repeats=3, edits=5, against=""):
    """Time our build against a matched bare Pelican, and the preview's edit-to-page latency."""
    extra = f" --against {against}" if against else ""
    c.run(f"{sys.executable} {ROOT / 'benchmarks' / 'build.py'} --sizes {sizes} "
          f"--repeats {repeats} --edits {edits}{extra}", pty=False)


# -- Videos (plugins/videos) ----------------------------------------------------------


@task
def videos(c):
    """Fetch, once, the poster and title of every video the posts embed, into content/."""
    from pelican.settings import read_settings

    from plugins.videos.fetch import fetch_missing

    failures = fetch_missing(read_settings(str(CONFIG["settings_base"])))
    if failures:
        raise Exit(f"\n{failures} video(s) could not be fetched: see above. "
                   "Check the internet connection and run ./dev videos again.", code=1)
    print("Video posters and titles are up to date.")


# -- Publishing (site_tools/publish.py) ------------------------------------------------


@task(help={"remote": "the git remote to push to (default: origin)",
            "branch": "the branch GitHub Pages serves (default: gh-pages)",
            "dry_run": "build and check only: commit nothing, push nothing",
            "force": "publish even with uncommitted changes to the site's files",
            "build_only": "first half only (the workflow's): build into this folder and "
                          "compare with the live site",
            "from_build": "second half only: check and publish the site --build-only built "
                          "in this folder"})
def publish(c, remote=CONFIG["publish_remote"], branch=CONFIG["publish_branch"],
            dry_run=False, force=False, build_only="", from_build=""):
    """Build the production site, check it, and publish it to GitHub Pages."""
    from site_tools import publish as site_publish

    site_publish.publish({**CONFIG, "root": ROOT}, remote, branch, dry_run, force,
                         build_only or None, from_build or None)
