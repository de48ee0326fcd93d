"""Tasks for the One Body Coach site. Run them through `./dev TASK`;
`./dev --list` shows them, `./dev --help TASK` shows a task's flags."""

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).parent.resolve()

CONFIG = {
    "content": ROOT / "content",
    "articles": ROOT / "content" / "articles",
    "settings_base": ROOT / "pelicanconf.py",
    "settings_publish": ROOT / "publishconf.py",
    "deploy_path": ROOT / "output",
    # What the preview reloads on when saved.
    "watched": ["content", "theme", "plugins", "pelicanconf.py", "publishconf.py"],
    "host": "localhost",
    "port": 8000,
    "chromium": "/usr/bin/chromium",
}


# -- Helpers shared by the tasks ------------------------------------------------


def pelican_run(settings, output, *extra):
    """Build the site strictly (any warning fails it); True when it succeeded."""
    command = [sys.executable, "-m", "pelican", str(CONFIG["content"]),
               "-s", str(settings), "-o", str(output),
               "--fatal", "warnings", "--log-handler", "plain", *extra]
    return subprocess.run(command, cwd=ROOT).returncode == 0


def build_site(settings, output=None):
    """Build into a fresh folder, and only once that succeeded put it in place
    of `output`: a failed build never leaves a half-written site."""
    output = Path(output or CONFIG["deploy_path"])
    staging = output.with_name(output.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    if not pelican_run(settings, staging):
        shutil.rmtree(staging, ignore_errors=True)
        raise Exit(f"\nThe build failed: see the messages above. "
                   f"{output.name}/ was left as it was.", code=1)
    replace_folder(output, staging)
    print(f"Built the site into {output.name}/.")


def replace_folder(target, replacement):
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    replacement.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def run_checks(output, siteurl=""):
    """The checks over a built site; raises Exit naming every problem."""
    from checks.links import broken_internal_links

    problems = broken_internal_links(output, siteurl)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        raise Exit(f"\nThe check failed: {len(problems)} broken internal link(s).", code=1)
    print("Internal links: all resolve.")


def new_post_text(title, category, tags, now):
    """The Markdown a new post starts from: a header filled in, status draft."""
    return (
        f"Title: {title}\n"
        f"Date: {now:%Y-%m-%d %H:%M}\n"
        f"Category: {category}\n"
        f"Tags: {tags}\n"
        "Summary: One or two sentences for the home page and search results.\n"
        "Status: draft\n"
        "\n"
        "Write your post here. When it is ready, change `Status: draft` to\n"
        "`Status: published` above.\n"
    )


# -- Tasks -------------------------------------------------------------------------


@task
def clean(c):
    """Remove the generated site (output/)."""
    shutil.rmtree(CONFIG["deploy_path"], ignore_errors=True)


@task
def build(c):
    """Build the site into output/ (development settings); a failed build keeps the old one."""
    build_site(CONFIG["settings_base"])


@task(pre=[clean, build])
def rebuild(c):
    """Remove output/, then build the site afresh."""


@task(help={"port": "port to serve on (default 8000)"})
def serve(c, port=CONFIG["port"]):
    """Build the site and serve it on http://localhost:8000 (Ctrl+C stops)."""
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    build_site(CONFIG["settings_base"])
    handler = partial(SimpleHTTPRequestHandler, directory=str(CONFIG["deploy_path"]))
    server = ThreadingHTTPServer((CONFIG["host"], int(port)), handler)
    print(f"Serving the site on http://{CONFIG['host']}:{port}/ (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task(help={"port": "port to serve on (default 8000)"})
def livereload(c, port=CONFIG["port"]):
    """Build, serve on http://localhost:8000 and rebuild and reload the page on every save."""
    from livereload import Server

    def rebuild_quietly():
        try:
            build_site(CONFIG["settings_base"])
        except Exit as failed:
            print(failed.message, file=sys.stderr)  # keep serving the last good site

    rebuild_quietly()
    server = Server()
    for path in CONFIG["watched"]:
        server.watch(str(ROOT / path), rebuild_quietly)
    server.serve(host=CONFIG["host"], port=int(port), root=str(CONFIG["deploy_path"]))


@task
def preview(c):
    """Build the production site (publishconf.py) into output/."""
    build_site(CONFIG["settings_publish"])


@task(help={"title": "the post's title, in quotes",
            "category": "its category (default: Running)",
            "tags": "comma-separated tags"})
def new_post(c, title, category="Running", tags=""):
    """Start a new draft post: ./dev new-post "Why stretching isn't working"."""
    from pelican.utils import slugify

    slug = slugify(title)
    path = CONFIG["articles"] / f"{slug}.md"
    if path.exists():
        raise Exit(f"There is already a post at {path.relative_to(ROOT)}: "
                   "nothing was written. Choose another title, or open that file.", code=1)
    path.write_text(new_post_text(title, category, tags, datetime.datetime.now()),
                    encoding="utf-8")
    print(f"Wrote {path.relative_to(ROOT)} (a draft). Open it and start writing.")


@task
def check(c):
    """Build the site strictly, for development and production, and check its links."""
    builds = [(CONFIG["settings_base"], ""), (CONFIG["settings_publish"], production_siteurl())]
    with tempfile.TemporaryDirectory() as scratch:
        for settings, siteurl in builds:
            output = Path(scratch) / settings.stem
            if not pelican_run(settings, output):
                raise Exit(f"\nThe strict build with {settings.name} failed: "
                           "see the messages above.", code=1)
            run_checks(output, siteurl)


def production_siteurl():
    """The SITEURL publishconf.py builds for (it reads the environment)."""
    sys.path.insert(0, str(ROOT))
    import publishconf

    return publishconf.SITEURL


@task(help={"pytest_args": "extra arguments for pytest, e.g. \"-k glute -x\""})
def test(c, pytest_args=""):
    """Lint with ruff, then run every test (browser tests included)."""
    ensure_chromium()
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    c.run(f"{sys.executable} -m pytest {pytest_args}", pty=False)


def ensure_chromium():
    """Install Debian's Chromium for the browser tests when it is missing and
    this machine can (root with apt-get); otherwise those tests skip locally."""
    if Path(CONFIG["chromium"]).exists():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Chromium for the browser tests (first run only)...")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    else:
        print(f"No Chromium at {CONFIG['chromium']}: browser tests will skip. "
              "Install it with: sudo apt-get install chromium")


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
