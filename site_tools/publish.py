"""`./dev publish`, read top to bottom: refuse what must not go live (changes
not committed; placeholders, in one list: placeholders.py), build the
production site strictly, compare it with what is live, run every check,
commit it to the gh-pages branch with ghp-import and push it.

Nothing reaches gh-pages unless the build and the checks passed; a failed
push puts the local gh-pages back where it was; a site whose pages are the
same as the live ones (a daily run with no post due) is neither checked
again nor pushed. Under GitHub Actions, the run's summary says what happened
(summary.py).

The workflow runs it in two halves (`--build-only DIR`, then `--from-build
DIR`), so that what only the checks need (their npm packages, the browser,
Java) is set up only when the site changed: a daily run with nothing new,
or a post that does not build, stops before that. The site is built once;
the second half checks and publishes that same build. The first half also
makes the development build the checks load in browsers, beside it
(DIR-development), at the same time as the production build.
"""

import datetime
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from site_tools.build import Failed, production_setting
from site_tools.gates import build_with_development, check_built_site, quality_tools_ready
from site_tools.placeholders import SETTINGS, count_of, find_placeholders, listing
from site_tools.summary import (
    SiteChanges,
    compare_with_live,
    failure_lines,
    success_lines,
    write_run_summary,
    write_step_output,
)

NOT_PUBLISHED = "Nothing was published: the live site and the gh-pages branch are as they were."


@dataclass
class Publication:
    """What one publish did: "published", "unchanged" or "dry run"."""
    outcome: str
    siteurl: str
    changes: SiteChanges = field(default_factory=SiteChanges)
    built_here: bool = True  # False when it published a build made by --build-only


def publish(config, remote, branch, dry_run=False, force=False, build_only=None,
            from_build=None):
    """The whole publish, timed, and told to the GitHub run's summary when
    there is one (the console gets the same as it goes). With `build_only`
    (a folder), only its first half: build there and compare with what is
    live; with `from_build`, only its second: check that build and publish."""
    started = time.monotonic()
    try:
        if build_only:
            publication = build_and_compare(config, remote, branch, Path(build_only), force)
        elif from_build:
            publication = check_and_publish(config, remote, branch, Path(from_build),
                                            dry_run, force)
            publication.built_here = False
        else:
            publication = publish_site(config, remote, branch, dry_run, force)
    except Failed as failed:
        heading = failed.heading if isinstance(failed, PlaceholdersLeft) else None
        write_run_summary(failure_lines(failed.problems, failed.message, NOT_PUBLISHED,
                                        heading), "failed")
        raise Failed(f"{failed.message}\n{NOT_PUBLISHED}", failed.problems) from None
    if build_only:  # the first half: the workflow goes on when the site changed
        write_step_output("changed", "true" if publication.outcome == "changed" else "false")
    if publication.outcome == "changed":  # the second half tells the outcome
        write_step_output("outcome", "changed")
        return publication
    write_run_summary(success_lines(publication, time.monotonic() - started),
                      publication.outcome)
    return publication


def publish_site(config, remote, branch, dry_run, force):
    """Both halves in one go, as on a laptop, in a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="publish-") as scratch:
        output = Path(scratch) / "site"
        built = build_and_compare(config, remote, branch, output, force, dry_run)
        if built.outcome == "unchanged":
            return built
        return check_and_publish(config, remote, branch, output, dry_run, force)


def build_and_compare(config, remote, branch, output, force, dry_run=False):
    """Refuse what must not go live, build the production site into `output`
    and compare it with the live site: "unchanged" or "changed". Needs none
    of the checks' tools."""
    root = config["root"]
    git = Git(root)
    git.source_commit()
    refuse_uncommitted_changes(git, config["published_sources"], force, dry_run)
    refuse_placeholders(root, dry_run)
    siteurl, cname = production_setting(root, "SITEURL"), production_setting(root, "CNAME")
    if not dry_run:
        git.ensure_remote(remote)
        git.follow_published_branch(remote, branch)
    # The development build for the checks, beside it: made now, on the other core.
    build_with_development(root, config["settings_publish"], config["settings_base"], output)
    add_pages_files(output, cname)
    changes = compare_with_live(git, output, git.live_tip(remote, branch))
    if changes.live and not changes.pages and not dry_run:
        print(f"Nothing new to publish: every page of {siteurl} is as it is live.")
        return Publication("unchanged", siteurl, changes)
    print(f"The site for {siteurl} is built in {output}, and differs from what is live.")
    return Publication("changed", siteurl, changes)


def check_and_publish(config, remote, branch, output, dry_run, force):
    """Every check on the site built in `output` (build_and_compare), then
    commit it to `branch` and push."""
    root = config["root"]
    git = Git(root)
    source = git.source_commit()
    if not (output / "index.html").is_file():
        raise Failed(f"There is no built site in {output}: build it first with "
                     f"publish --build-only {output}.",
                     [{"what": f"There is no built site in {output}."}])
    tools_ready = quality_tools_ready(root)
    siteurl = production_setting(root, "SITEURL")
    changes = compare_with_live(git, output, git.live_tip(remote, branch))
    check_built_site(root, config["settings_base"], output, siteurl,
                     config["lighthouse_pages"], tools_ready)
    if dry_run:
        print(f"Dry run: the site for {siteurl} built and passed every check; "
              "nothing was committed or pushed.")
        return Publication("dry run", siteurl, changes)
    with_changes = force and bool(uncommitted_source_changes(git, config["published_sources"]))
    # The tree only when every tracked file is as committed: the live site is then HEAD's.
    tracked_changes = git.run("status", "--porcelain", "--untracked-files=no").stdout.strip()
    tree = None if tracked_changes else git.run("rev-parse", "HEAD^{tree}").stdout.strip()
    previous = git.commit_site(output, remote, branch,
                               publish_message(source, with_changes, tree))
    git.push_site(remote, branch, previous)
    print(f"Published {siteurl} ({branch} on {remote}); "
          "GitHub Pages shows it within a minute or two.")
    return Publication("published", siteurl, changes)


def add_pages_files(output, cname):
    """What GitHub Pages reads besides the site: .nojekyll (serve the files as
    they are) and, for a custom domain, CNAME. Written into the built site, so
    that the comparison with the live site sees them too."""
    (output / ".nojekyll").write_bytes(b"")
    if cname:
        (output / "CNAME").write_text(cname, encoding="utf-8")


# -- What must not be published -----------------------------------------------------


def uncommitted_source_changes(git, sources):
    """`git status` lines for the site's files that differ from the last commit."""
    status = git.run("status", "--porcelain", "--untracked-files=all", "--", *sources)
    return status.stdout.splitlines()


def refuse_uncommitted_changes(git, sources, force, dry_run):
    """What goes live must be in git: stop on uncommitted changes unless forced."""
    changes = uncommitted_source_changes(git, sources)
    if not changes:
        return
    listing = "\n".join(f"  {line}" for line in changes)
    if force or dry_run:
        print(f"Going on with uncommitted changes:\n{listing}", file=sys.stderr)
        return
    raise Failed(
        f"These files have changes that are not committed:\n{listing}\n"
        "Commit them first (git add, then git commit), so that what is live is kept in "
        "git. To publish them anyway, run publish with --force.",
        [{"what": "Some files have changes that are not committed.",
          "fix": "Commit them, or publish with --force."}])


class PlaceholdersLeft(Failed):
    """Placeholders that would go live: one list of what to fill in, and where."""

    def __init__(self, placeholders):
        super().__init__(
            f"{count_of(placeholders)} to fill in before the site can go live:\n\n"
            f"{listing(placeholders)}\nFill each in, commit, and run publish again.",
            placeholders)
        self.heading = f"## Not published: {count_of(placeholders)} to fill in"


def refuse_placeholders(root, dry_run):
    """Refuse, before anything is built, while a placeholder would go live; a
    dry run only lists them."""
    placeholders = find_placeholders(root, {name: production_setting(root, name, None)
                                            for name in SETTINGS})
    if placeholders and dry_run:
        print(f"Going on (dry run), but a publish would refuse these "
              f"{count_of(placeholders)}:\n\n{listing(placeholders)}", file=sys.stderr)
    elif placeholders:
        raise PlaceholdersLeft(placeholders)


def publish_message(source, with_uncommitted_changes, tree=None):
    """The gh-pages commit's message: when, and from which commit; and, when
    it is built from committed files only, their tree, by which the workflow
    knows a later run with the same files has nothing new (anything_new.py)."""
    branch, commit = source
    now = datetime.datetime.now(datetime.UTC)
    extra = " with uncommitted changes (--force)" if with_uncommitted_changes else ""
    same_files = f"\nSource tree: {tree}" if tree and not with_uncommitted_changes else ""
    return (f"Publish the site, {now:%Y-%m-%d %H:%M} UTC, from {branch} {commit[:12]}{extra}\n\n"
            f"Source commit: {commit}{same_files}")


# -- Git ---------------------------------------------------------------------------


class Git:
    """git in the project, with the few operations publishing needs."""

    def __init__(self, root):
        self.root = root

    def run(self, *args, check=True, input=None, text=True):
        """Run git; with check, a failure stops the publish with git's message
        (text=False: its output as bytes)."""
        result = subprocess.run(["git", *args], cwd=self.root, capture_output=True,
                                input=input, text=text)
        if check and result.returncode != 0:
            stderr = result.stderr if text else result.stderr.decode("utf-8", "replace")
            raise Failed(f"git {' '.join(args)} failed:\n{stderr.strip()}",
                         [{"what": f"git {args[0]} failed: {stderr.strip()}"}])
        return result

    def source_commit(self):
        """The branch name and commit being published; the project must be in git."""
        if self.run("rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode:
            raise Failed("This folder is not a git repository with a commit yet. "
                         "Publishing sends what is committed, so commit the site first.",
                         [{"what": "The project is not a git repository with a commit."}])
        branch = self.run("rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
        return branch, self.run("rev-parse", "HEAD").stdout.strip()

    def ensure_remote(self, remote):
        if self.run("remote", "get-url", remote, check=False).returncode != 0:
            raise Failed(f"There is no git remote named {remote!r}. `git remote -v` lists "
                         "the remotes; add GitHub's with `git remote add origin ADDRESS`.",
                         [{"what": f"There is no git remote named {remote!r}."}])

    def follow_published_branch(self, remote, branch):
        """Fetch the remote's published branch, so the new commit goes on top of
        what is live (ghp-import starts from REMOTE/BRANCH when that exists).
        Also proves the remote is reachable before a minute is spent building."""
        heads = self.run("ls-remote", "--heads", remote, branch, check=False)
        if heads.returncode != 0:
            raise Failed(f"Could not reach the remote {remote!r}:\n{heads.stderr.strip()}\n"
                         "Check the internet connection and try again.",
                         [{"what": f"Could not reach the remote {remote!r}."}])
        tracking = f"refs/remotes/{remote}/{branch}"
        if heads.stdout.strip():
            self.run("fetch", "--quiet", remote, f"+refs/heads/{branch}:{tracking}")
        else:  # first publish, or the branch was deleted on the remote
            self.run("update-ref", "-d", tracking, check=False)

    def tip(self, ref):
        result = self.run("rev-parse", "--verify", "--quiet", ref, check=False)
        return result.stdout.strip() or None

    def show(self, commit, path):
        """The bytes of `path` in `commit`."""
        return self.run("show", f"{commit}:{path}", text=False).stdout

    def live_tip(self, remote, branch):
        """The commit that is live: the remote's branch as last fetched, else ours."""
        return self.tip(f"refs/remotes/{remote}/{branch}") or self.tip(f"refs/heads/{branch}")

    def commit_site(self, output, remote, branch, message):
        """Commit the built site as the new tip of `branch`, on top of
        REMOTE/BRANCH when that exists; the checked-out branch and the working
        tree are not touched. Returns the branch's previous tip (None if it is
        new) to restore if the push fails."""
        previous = self.tip(f"refs/heads/{branch}")
        base = self.tip(f"refs/remotes/{remote}/{branch}") or previous
        result = subprocess.run(
            [sys.executable, "-m", "ghp_import", "--remote", remote, "--branch", branch,
             "--message", message, str(output)],
            cwd=self.root, env=self.committer_env(), capture_output=True, text=True)
        committed = self.tip(f"refs/heads/{branch}")
        # ghp-import exits 0 even when git fast-import failed: check the branch moved.
        if result.returncode != 0 or committed in (None, previous, base):
            self.restore_branch(branch, previous)
            raise Failed(f"Could not commit the site to {branch}:\n"
                         f"{(result.stderr + result.stdout).strip()}",
                         [{"what": f"Could not commit the site to {branch}."}])
        return previous

    def committer_env(self):
        """ghp-import signs its commit with git's user.name/email; on a machine
        without them, a plain name rather than an empty one git would refuse."""
        env = dict(os.environ)
        for key, setting, fallback in [
                ("GIT_COMMITTER_NAME", "user.name", "Site publisher"),
                ("GIT_COMMITTER_EMAIL", "user.email", "publish@localhost")]:
            if not env.get(key) and not self.run("config", setting, check=False).stdout.strip():
                env[key] = fallback
        return env

    def push_site(self, remote, branch, previous):
        """Push the new commit; if that fails, put the local branch back as it
        was so it always matches what is live, and the next publish starts clean."""
        pushed = subprocess.run(["git", "push", "--quiet", remote,
                                 f"refs/heads/{branch}:refs/heads/{branch}"], cwd=self.root)
        if pushed.returncode != 0:
            self.restore_branch(branch, previous)
            raise Failed(f"\nThe push to {remote!r} failed (git's message is above): the "
                         f"remote is unreachable or refused it. The local {branch} branch was "
                         "put back as it was. Run publish again once the remote is back.",
                         [{"what": f"The push to {remote!r} failed: the remote is "
                                   "unreachable or refused it.",
                           "fix": "Run the publish again once the remote is back."}])

    def restore_branch(self, branch, previous):
        if previous:
            self.run("update-ref", f"refs/heads/{branch}", previous)
        else:
            self.run("update-ref", "-d", f"refs/heads/{branch}", check=False)
