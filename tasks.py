"""Tasks for the One Body Coach site. Run them through `./dev TASK`;
`./dev --list` shows them, `./dev --help TASK` shows a task's flags."""

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).parent.resolve()

CONFIG = {
    "content": ROOT / "content",
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
    "chromium": "/usr/bin/chromium",
    # The pages Lighthouse audits (site paths): home, an article with two videos, Videos.
    "lighthouse_pages": ["", "cant-fire-my-glutes/", "videos/"],
    # Publishing: where `./dev publish` pushes, and what must be committed first.
    "publish_remote": "origin",
    "publish_branch": "gh-pages",
    "published_sources": ["content", "theme", "plugins", "pelicanconf.py", "publishconf.py"],
}


# -- Helpers shared by the tasks ------------------------------------------------


def pelican_run(settings, output, verbose=False, fatal=False):
    """Build the site; any warning or error fails it. On failure, print every
    problem in plain words (and with verbose, Pelican's own output too).
    True when the build succeeded.

    Without `fatal` Pelican goes on after a problem, so the coach sees all of
    them at once (the build still fails); with it, Pelican stops at the first
    (`--fatal warnings`, as check and publish run it)."""
    with tempfile.TemporaryDirectory() as scratch:
        report, search = Path(scratch) / "problems.jsonl", Path(scratch) / "search.json"
        command = [sys.executable, "-m", "pelican", str(CONFIG["content"]),
                   "-s", str(settings), "-o", str(output), "--log-handler", "plain",
                   *(["--fatal", "warnings"] if fatal else []),
                   "-e", f"PROBLEM_REPORT={json.dumps(str(report))}",
                   f"SEARCH_INDEX_LATER={json.dumps(str(search))}"]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                env={**os.environ, "COLUMNS": "200"})
        problems = read_problems(report)
        if result.returncode == 0 and search.exists():
            # Pagefind once Pelican has exited (plugins/search): they never
            # hold their memory at the same time.
            indexed = subprocess.run(json.loads(search.read_text(encoding="utf-8")),
                                     capture_output=True, text=True)
            if indexed.returncode != 0:
                result.stderr += ("Search: Pagefind could not index the site: "
                                  f"{(indexed.stderr or indexed.stdout).strip()}")
    # Anything on stderr is a warning the content checks did not see (say, from
    # the settings), or a crash: strict means it fails the build too.
    succeeded = result.returncode == 0 and not problems and not result.stderr.strip()
    if verbose or (not succeeded and not problems):
        print(result.stdout + result.stderr, file=sys.stderr)
    if succeeded:
        print(result.stdout.strip().splitlines()[-1])  # Pelican's "Done: ..." line
    else:
        print(format_problems(problems), file=sys.stderr)
    return succeeded


def read_problems(report):
    if not report.exists():
        return []
    return [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]


def format_problems(problems):
    """The problems of a failed build as the coach reads them: per file, what
    is wrong and how to fix it."""
    if not problems:
        return "\nThe site was not built: Pelican stopped (its messages are above)."
    count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
    lines = [f"\nThe site was not built: {count} to fix.", ""]
    for problem in problems:
        if problem["file"]:
            line = f", line {problem['line']}" if problem["line"] else ""
            lines.append(f"{problem['file']}{line}")
        lines.append(f"  {problem['what']}")
        if problem["fix"]:
            lines.append(f"  Fix: {problem['fix']}")
        lines.append("")
    return "\n".join(lines)


def build_site(settings, output=None, verbose=False):
    """Build into a fresh folder, and only once that succeeded put it in place
    of `output`: a failed build never leaves a half-written site."""
    output = Path(output or CONFIG["deploy_path"])
    staging = output.with_name(output.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    if not pelican_run(settings, staging, verbose):
        shutil.rmtree(staging, ignore_errors=True)
        raise Exit(f"{output.name}/ was left as it was. "
                   "To see Pelican's own messages, add --verbose.", code=1)
    replace_folder(output, staging)
    print(f"Built the site into {output.name}/.")


def replace_folder(target, replacement):
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    replacement.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def run_checks(output, siteurl="", in_browser=False):
    """The checks over a built site, each naming every problem it finds:
    internal links and valid HTML; with in_browser, also every page in a real
    Chromium (no outside or failed request, nothing render-blocking, no
    console or CSP error, no axe violation, the article byte budget) and
    Lighthouse's four scores. Raises Exit when any check fails."""
    from checks.html_valid import html_errors
    from checks.links import broken_internal_links

    gates = [("Internal links: all resolve.", lambda: broken_internal_links(output, siteurl))]
    tools_ready = quality_tools_ready()
    if tools_ready:
        gates.append(("HTML: every page is valid.", lambda: html_errors(output)))
    if in_browser and tools_ready:
        from checks.browser import browser_problems
        from checks.lighthouse import lighthouse_results

        gates += [("Browser: no outside request, no error, no axe violation, within budget.",
                   lambda: browser_problems(output)),
                  ("Lighthouse: 100 in all four categories.",
                   lambda: lighthouse_results(output, CONFIG["lighthouse_pages"])[1])]
    failed = 0
    for passed_message, gate in gates:
        problems = gate()
        for problem in problems:
            print(problem, file=sys.stderr)
        failed += bool(problems)
        if not problems:
            print(passed_message)
    if failed:
        raise Exit(f"\n{failed} check(s) failed: see the problems above.", code=1)


def quality_tools_ready():
    """Chromium, Java and the npm packages the HTML, browser and Lighthouse
    checks need are there. Under CI they must be; elsewhere those checks skip."""
    missing = [what for what, present in [
        ("Chromium", Path(CONFIG["chromium"]).exists()),
        ("Java", shutil.which("java") is not None),
        ("the npm packages (npm ci)", (ROOT / "node_modules").exists())] if not present]
    if missing and os.environ.get("CI") == "true":
        raise Exit(f"CI must run every check, but these are missing: {', '.join(missing)}",
                   code=1)
    if missing:
        print(f"Skipping the HTML, browser and Lighthouse checks: missing {', '.join(missing)}.")
    return not missing


def new_post_text(title, category, tags, now):
    """The Markdown a new post starts from: a header filled in, status draft,
    and examples of a video and a photo inside a comment readers never see."""
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
        "\n"
        "<!--\n"
        "Examples to copy (this note is not shown on the site):\n"
        "\n"
        "A video: paste its YouTube address on a line of its own, or give it a title:\n"
        "\n"
        "https://www.youtube.com/watch?v=VIDEO_ID\n"
        "\n"
        "[A muscle energy technique for the glutes](https://youtu.be/VIDEO_ID)\n"
        "\n"
        "A photo: put it in content/images/ and describe what it shows:\n"
        "\n"
        "![Glute bridge: lying on your back, hips lifted](images/glute-bridge.jpg)\n"
        "-->\n"
    )


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


@task(help={"port": "port to serve on (default 8000)", **VERBOSE_HELP})
def livereload(c, port=CONFIG["port"], verbose=False):
    """Build, serve on http://localhost:8000 and rebuild and reload the page on every save."""
    from preview import serve_preview

    def report(problems):
        print(format_problems(problems), file=sys.stderr, flush=True)
        print(f"{CONFIG['deploy_path'].name}/ was left as it was: the preview shows the "
              "last good site.", file=sys.stderr, flush=True)

    serve_preview(ROOT, CONFIG["settings_base"], CONFIG["deploy_path"],
                  [ROOT / path for path in CONFIG["watched"]],
                  [ROOT / path for path in CONFIG["restart_on"]],
                  CONFIG["host"], int(port), report, verbose)


@task(help=VERBOSE_HELP)
def preview(c, verbose=False):
    """Build the production site (publishconf.py) into output/."""
    build_site(CONFIG["settings_publish"], verbose=verbose)


@task(help={"title": "the post's title, in quotes",
            "category": "its category (default: Running)",
            "tags": "comma-separated tags"})
def new_post(c, title, category="Running", tags=""):
    """Start a new draft post: ./dev new-post "Why stretching isn't working"."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    # The same slug Pelican gives the post, so the file and its address match.
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    path = CONFIG["articles"] / f"{slug}.md"
    if path.exists():
        raise Exit(f"There is already a post at {path.relative_to(ROOT)}: "
                   "nothing was written. Choose another title, or open that file.", code=1)
    path.write_text(new_post_text(title, category, tags, datetime.datetime.now()),
                    encoding="utf-8")
    print(f"Wrote {path.relative_to(ROOT)} (a draft). Open it and start writing.")


@task(help=VERBOSE_HELP)
def check(c, verbose=False):
    """Build the site strictly for production and development and run every check on it."""
    with tempfile.TemporaryDirectory() as scratch:
        build_and_check(Path(scratch) / "site", production_siteurl(), verbose)


def production_siteurl():
    """The SITEURL publishconf.py builds for (it reads the environment)."""
    return production_setting("SITEURL")


@task(help={"pytest_args": "extra arguments for pytest, e.g. \"-k glute -x\""})
def test(c, pytest_args=""):
    """Lint with ruff, then run every test (browser tests included)."""
    ensure_chromium()
    ensure_npm_packages()
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    c.run(f"{sys.executable} -m pytest {pytest_args}", pty=False)


def ensure_npm_packages():
    """Install the npm packages of package-lock.json (the HTML checker, axe-core,
    Lighthouse) when node_modules is missing or older than the lock file."""
    installed = ROOT / "node_modules" / ".package-lock.json"
    lock = ROOT / "package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    if not shutil.which("npm"):
        print("No npm: the HTML, browser and Lighthouse checks cannot run. Install Node.js.")
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                   cwd=ROOT, check=True)


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


# -- Publishing ----------------------------------------------------------------------
# `./dev publish`: build with publishconf.py into a fresh folder, run every
# check, then commit the site to the gh-pages branch with ghp-import and push
# it. Nothing reaches gh-pages unless the build and the checks passed, and a
# failed push puts the local gh-pages back where it was.

NOT_PUBLISHED = "Nothing was published: the live site and the gh-pages branch are as they were."


@task(help={"remote": "the git remote to push to (default: origin)",
            "branch": "the branch GitHub Pages serves (default: gh-pages)",
            "dry_run": "build and check only: commit nothing, push nothing",
            "force": "publish even with uncommitted changes to the site's files"})
def publish(c, remote=CONFIG["publish_remote"], branch=CONFIG["publish_branch"],
            dry_run=False, force=False):
    """Build the production site, check it, and publish it to GitHub Pages."""
    source = source_commit()
    refuse_uncommitted_changes(force, dry_run)
    siteurl, cname = production_siteurl(), production_setting("CNAME")
    if not dry_run:
        refuse_placeholder_address(siteurl)
        ensure_remote(remote)
        follow_published_branch(remote, branch)
    with tempfile.TemporaryDirectory(prefix="publish-") as scratch:
        output = Path(scratch) / "site"
        try:
            build_and_check(output, siteurl)
        except Exit as failed:
            raise Exit(f"{failed.message}\n{NOT_PUBLISHED}", code=1) from None
        if dry_run:
            print(f"Dry run: the site for {siteurl} built and passed every check; "
                  "nothing was committed or pushed.")
            return
        message = publish_message(source, force and bool(uncommitted_source_changes()))
        previous = commit_site(output, remote, branch, message, cname)
    push_site(remote, branch, previous)
    print(f"Published {siteurl} ({branch} on {remote}); "
          "GitHub Pages shows it within a minute or two.")


def git(*args, check=True):
    """Run git in the project; with check, a failure stops the task with git's message."""
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise Exit(f"git {' '.join(args)} failed:\n{result.stderr.strip()}\n{NOT_PUBLISHED}",
                   code=1)
    return result


def source_commit():
    """The branch name and commit being published; the project must be in git."""
    if git("rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode != 0:
        raise Exit("Nothing was published: this folder is not a git repository with a "
                   "commit yet. Publishing sends what is committed, so commit the site first.",
                   code=1)
    branch = git("rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
    return branch, git("rev-parse", "HEAD").stdout.strip()


def uncommitted_source_changes():
    """`git status` lines for the site's files that differ from the last commit."""
    status = git("status", "--porcelain", "--untracked-files=all", "--",
                 *CONFIG["published_sources"])
    return status.stdout.splitlines()


def refuse_uncommitted_changes(force, dry_run):
    """What goes live must be in git: stop on uncommitted changes unless forced."""
    changes = uncommitted_source_changes()
    if not changes:
        return
    listing = "\n".join(f"  {line}" for line in changes)
    if force or dry_run:
        print(f"Going on with uncommitted changes:\n{listing}", file=sys.stderr)
        return
    raise Exit(
        f"Nothing was published: these files have changes that are not committed:\n"
        f"{listing}\n"
        "Commit them first (git add, then git commit), so that what is live is kept in "
        "git. To publish them anyway, run publish with --force.", code=1)


def refuse_placeholder_address(siteurl):
    """Domains ending .example, .invalid, .test or .localhost can never be live
    (RFC 2606): publishing for one would break every absolute link."""
    host = urlparse(siteurl).hostname or ""
    if host.rsplit(".", 1)[-1] in {"example", "invalid", "test", "localhost"}:
        raise Exit(f"Nothing was published: the site's address is still the placeholder "
                   f"{siteurl}. Set PUBLIC_SITEURL in publishconf.py (or the SITEURL "
                   "environment variable) to the real address: README.md, Publishing.",
                   code=1)


def ensure_remote(remote):
    if git("remote", "get-url", remote, check=False).returncode != 0:
        raise Exit(f"Nothing was published: there is no git remote named {remote!r}. "
                   "`git remote -v` lists the remotes; add GitHub's with "
                   "`git remote add origin ADDRESS`.", code=1)


def follow_published_branch(remote, branch):
    """Fetch the remote's published branch, so the new commit goes on top of what
    is live (ghp-import starts from REMOTE/BRANCH when that exists). Also proves
    the remote is reachable before a minute is spent building."""
    heads = git("ls-remote", "--heads", remote, branch, check=False)
    if heads.returncode != 0:
        raise Exit(f"Could not reach the remote {remote!r}:\n{heads.stderr.strip()}\n"
                   f"Check the internet connection and try again. {NOT_PUBLISHED}", code=1)
    tracking = f"refs/remotes/{remote}/{branch}"
    if heads.stdout.strip():
        git("fetch", "--quiet", remote, f"+refs/heads/{branch}:{tracking}")
    else:  # first publish, or the branch was deleted on the remote
        git("update-ref", "-d", tracking, check=False)


def build_and_check(output, siteurl, verbose=False):
    """The strict production build into `output` and every check: links and
    valid HTML on it; the browser checks and Lighthouse on a development build
    of the same sources, whose relative links can be served here. check and
    publish both run this, so a check added in run_checks guards both."""
    with tempfile.TemporaryDirectory() as scratch:
        development = Path(scratch) / "development"
        for settings, built, address, in_browser in [
                (CONFIG["settings_publish"], output, siteurl, False),
                (CONFIG["settings_base"], development, "", True)]:
            if not pelican_run(settings, built, verbose, fatal=True):
                raise Exit(f"The build with {settings.name} failed: nothing was checked "
                           "further. To see Pelican's own messages, add --verbose.", code=1)
            run_checks(built, address, in_browser)


def publish_message(source, with_uncommitted_changes):
    branch, commit = source
    now = datetime.datetime.now(datetime.UTC)
    extra = " with uncommitted changes (--force)" if with_uncommitted_changes else ""
    return (f"Publish the site, {now:%Y-%m-%d %H:%M} UTC, from {branch} {commit[:12]}{extra}\n\n"
            f"Source commit: {commit}")


def branch_tip(branch):
    result = git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False)
    return result.stdout.strip() or None


def commit_site(output, remote, branch, message, cname):
    """Commit the built site as the new tip of `branch` (.nojekyll, CNAME when
    set), on top of REMOTE/BRANCH when that exists; the checked-out branch and
    the working tree are not touched. Returns the branch's previous tip (None
    if it is new) to restore if the push fails. (Every publish commits: the
    search index and the sitemap's dates differ from build to build.)"""
    previous = branch_tip(branch)
    base = git("rev-parse", "--verify", "--quiet", f"refs/remotes/{remote}/{branch}",
               check=False).stdout.strip() or previous
    command = [sys.executable, "-m", "ghp_import", "--no-jekyll", "--remote", remote,
               "--branch", branch, "--message", message, str(output)]
    if cname:
        command[3:3] = ["--cname", cname]
    result = subprocess.run(command, cwd=ROOT, env=committer_env(),
                            capture_output=True, text=True)
    committed = branch_tip(branch)
    # ghp-import exits 0 even when git fast-import failed: check the branch moved.
    if result.returncode != 0 or committed in (None, previous, base):
        restore_branch(branch, previous)
        raise Exit(f"Could not commit the site to {branch}:\n"
                   f"{(result.stderr + result.stdout).strip()}\n{NOT_PUBLISHED}", code=1)
    return previous


def committer_env():
    """ghp-import signs its commit with git's user.name/email; on a machine
    without them, a plain name rather than an empty one git would refuse."""
    env = dict(os.environ)
    for key, setting, fallback in [("GIT_COMMITTER_NAME", "user.name", "Site publisher"),
                                   ("GIT_COMMITTER_EMAIL", "user.email", "publish@localhost")]:
        if not env.get(key) and not git("config", setting, check=False).stdout.strip():
            env[key] = fallback
    return env


def push_site(remote, branch, previous):
    """Push the new commit; if that fails, put the local branch back as it was so
    it always matches what is live, and the next publish starts clean."""
    pushed = subprocess.run(["git", "push", "--quiet", remote,
                             f"refs/heads/{branch}:refs/heads/{branch}"], cwd=ROOT)
    if pushed.returncode != 0:
        restore_branch(branch, previous)
        raise Exit(f"\nThe push to {remote!r} failed (git's message is above): the remote "
                   f"is unreachable or refused it. The local {branch} branch was put back "
                   f"as it was. {NOT_PUBLISHED} Run publish again once the remote is back.",
                   code=1)


def restore_branch(branch, previous):
    if previous:
        git("update-ref", f"refs/heads/{branch}", previous)
    else:
        git("update-ref", "-d", f"refs/heads/{branch}", check=False)


def production_setting(name, default=""):
    """A setting of publishconf.py (which reads the environment)."""
    sys.path.insert(0, str(ROOT))
    import publishconf

    return getattr(publishconf, name, default)
