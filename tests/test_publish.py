"""`./dev publish` against a real local bare git repository as the remote:
what reaches gh-pages, and that every failure leaves it exactly as it was."""

import datetime
import shutil

import pytest

from conftest import ROOT, fill_in_placeholders, git, run_task, tip
from plugins.problems import line_of
from site_tools.new_post import new_post_text

# The site's address and custom domain the fixtures publish for (made up).
SITE, DOMAIN = "https://blog.onebody-fixture.uk", "blog.onebody-fixture.uk"
IDENTITY = {"GIT_AUTHOR_NAME": "Test Coach", "GIT_AUTHOR_EMAIL": "coach@test.invalid",
            "GIT_COMMITTER_NAME": "Test Coach", "GIT_COMMITTER_EMAIL": "coach@test.invalid"}

NEW_POST = """Title: Why stretching isn't working
Date: 2026-11-26 09:00
Category: Running
Summary: When stretching your hamstrings does nothing.

Sometimes a muscle is long and weak, not short.
"""


def files_in(repo, ref):
    return set(git(repo, "ls-tree", "-r", "--name-only", ref).splitlines())


def commit_all(repo, message):
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", message)


@pytest.fixture
def remote(tmp_path):
    """An empty bare repository standing in for GitHub."""
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(bare))
    return bare


def as_repository(project, remote, monkeypatch):
    """The project copy as a git repository on `main`, with `remote` as origin,
    a custom domain set, and a git identity that needs no global config.

    These tests are about what reaches gh-pages, so they publish as on a laptop
    without the browser tools, where the HTML, browser and Lighthouse checks
    skip (each takes a minute); test_publish_runs_every_quality_check runs them."""
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("CI", raising=False)
    (project / "node_modules").unlink(missing_ok=True)
    monkeypatch.setenv("SITEURL", SITE)
    monkeypatch.setenv("CNAME", DOMAIN)
    shutil.copy2(ROOT / ".gitignore", project / ".gitignore")
    git(project, "init", "--quiet", "--initial-branch", "main")
    commit_all(project, "The site")
    git(project, "remote", "add", "origin", str(remote))
    return project


@pytest.fixture
def repo(project, remote, monkeypatch):
    """The project as a repository (as_repository), its placeholders filled in
    as the coach will have them (conftest.FILLED_IN)."""
    fill_in_placeholders(project)
    return as_repository(project, remote, monkeypatch)


@pytest.fixture
def repo_as_it_is(project, remote, monkeypatch):
    """The project as a repository, with the placeholders it has today."""
    return as_repository(project, remote, monkeypatch)


def publish(repo, *flags):
    return run_task(repo, "publish", *flags)


def assert_published(result):
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_first_half_builds_the_development_site_the_second_half_checks(repo, remote,
                                                                           tmp_path):
    """The workflow's halves: --build-only makes the development build the
    checks load in browsers at the same time as the production build, beside
    it; --from-build checks that one rather than building it again."""
    site = tmp_path / "site"
    built = publish(repo, "--build-only", str(site))
    assert built.returncode == 0, built.stdout + built.stderr
    assert built.stdout.count("Done: Processed") == 1  # the development build's is held back
    assert f'href="{SITE}/cant-fire-my-glutes/"' in (site / "index.html").read_text()
    development = (tmp_path / "site-development" / "index.html").read_text()
    assert SITE not in development
    assert 'href="./cant-fire-my-glutes/"' in development

    checked = publish(repo, "--from-build", str(site))
    assert_published(checked)
    assert "Done: Processed" not in checked.stdout
    assert "Internal links: all resolve." in checked.stdout
    assert "cant-fire-my-glutes/index.html" in files_in(remote, "gh-pages")


def test_publish_commits_the_site_with_nojekyll_and_cname(repo, remote):
    # A draft is never published, so its placeholders do not stop the site.
    draft = new_post_text("Next week", "Running", "", datetime.datetime(2026, 12, 1, 9, 0))
    (repo / "content/articles/next-week.md").write_text(
        draft + "\nhttps://youtu.be/PLACEHOLDR3\n", encoding="utf-8")
    commit_all(repo, "A draft")
    source = tip(repo, "HEAD")

    assert_published(publish(repo))

    published = files_in(remote, "gh-pages")
    assert {"index.html", ".nojekyll", "CNAME", "cant-fire-my-glutes/index.html",
            "feeds/all.atom.xml"} <= published
    assert not any("next-week" in path for path in published)
    assert git(remote, "show", "gh-pages:CNAME") == DOMAIN
    message = git(remote, "log", "-1", "--format=%B", "gh-pages")
    assert source in message
    assert f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d}" in message
    # The coach's branch and files are untouched; local gh-pages matches the live one.
    assert tip(repo, "HEAD") == source
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD") == "main"
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""
    assert tip(repo, "gh-pages") == tip(remote, "gh-pages")


def test_no_cname_file_without_a_custom_domain(repo, remote, monkeypatch):
    monkeypatch.setenv("CNAME", "")

    assert_published(publish(repo))

    assert "CNAME" not in files_in(remote, "gh-pages")
    assert ".nojekyll" in files_in(remote, "gh-pages")


def test_a_new_post_adds_one_commit_with_the_post(repo, remote):
    assert_published(publish(repo))
    first = tip(remote, "gh-pages")
    (repo / "content/articles/why-stretching-isn-t-working.md").write_text(NEW_POST)
    commit_all(repo, "New post")

    assert_published(publish(repo))

    assert git(remote, "rev-list", "--count", "gh-pages") == "2"
    assert tip(remote, "gh-pages^") == first
    assert "why-stretching-isn-t-working/index.html" in files_in(remote, "gh-pages")
    assert "why-stretching-isn-t-working/index.html" not in files_in(remote, first)
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""


BROKEN_POSTS = {
    # A link to a post that does not exist: the strict build stops.
    "broken build": ("Title: Broken\nDate: 2026-11-26\n\n"
                     "See [my other post]({filename}no-such-post.md).\n",
                     "broken.md"),
    # The build passes, the internal link check does not.
    "broken internal link": ("Title: Broken\nDate: 2026-11-26\nCategory: Running\n\n"
                             '<p><a href="/no-such-page/">a page</a></p>\n',
                             "no-such-page"),
}


@pytest.mark.parametrize("post, cause", BROKEN_POSTS.values(), ids=BROKEN_POSTS.keys())
def test_a_broken_post_changes_nothing_on_gh_pages(repo, remote, post, cause):
    assert_published(publish(repo))
    live, source = tip(remote, "gh-pages"), tip(repo, "HEAD")
    (repo / "content/articles/broken.md").write_text(post)
    commit_all(repo, "A broken post")

    result = publish(repo)

    assert result.returncode != 0
    assert cause in result.stderr + result.stdout
    assert "Nothing was published" in result.stderr
    assert tip(remote, "gh-pages") == live
    assert tip(repo, "gh-pages") == live
    assert tip(repo, "HEAD") != source  # the coach's commit is kept
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""


def test_uncommitted_changes_are_refused_unless_forced(repo, remote):
    (repo / "content/articles/why-stretching-isn-t-working.md").write_text(NEW_POST)

    refused = publish(repo)

    assert refused.returncode != 0
    assert "content/articles/why-stretching-isn-t-working.md" in refused.stderr
    assert "--force" in refused.stderr
    assert tip(remote, "gh-pages") is None and tip(repo, "gh-pages") is None

    assert_published(publish(repo, "--force"))
    assert "why-stretching-isn-t-working/index.html" in files_in(remote, "gh-pages")
    assert "uncommitted" in git(remote, "log", "-1", "--format=%B", "gh-pages")


def test_dry_run_builds_and_checks_but_commits_nothing(repo, remote):
    result = publish(repo, "--dry-run")

    assert_published(result)
    assert "passed every check" in result.stdout
    assert tip(repo, "gh-pages") is None
    assert tip(remote, "gh-pages") is None


def test_dry_run_still_fails_on_a_broken_post(repo, remote):
    (repo / "content/articles/broken.md").write_text(BROKEN_POSTS["broken build"][0])

    result = publish(repo, "--dry-run")

    assert result.returncode != 0
    assert "broken.md" in result.stderr + result.stdout


def test_options_choose_the_remote_and_the_branch(repo, tmp_path):
    other = tmp_path / "other.git"
    git(tmp_path, "init", "--quiet", "--bare", str(other))
    git(repo, "remote", "add", "mirror", str(other))

    assert_published(publish(repo, "--remote", "mirror", "--branch", "site"))

    assert "index.html" in files_in(other, "site")
    assert tip(repo, "site") == tip(other, "site")


def test_a_refused_push_keeps_gh_pages_and_the_next_publish_succeeds(repo, remote):
    assert_published(publish(repo))
    live = tip(remote, "gh-pages")
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'the remote says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    (repo / "content/articles/why-stretching-isn-t-working.md").write_text(NEW_POST)
    commit_all(repo, "New post")

    refused = publish(repo)

    assert refused.returncode != 0
    assert "the remote says no" in refused.stderr
    assert "The push to 'origin' failed" in refused.stderr
    assert tip(remote, "gh-pages") == live
    assert tip(repo, "gh-pages") == live  # local gh-pages put back: it matches what is live

    hook.unlink()
    assert_published(publish(repo))
    assert tip(remote, "gh-pages^") == live
    assert "why-stretching-isn-t-working/index.html" in files_in(remote, "gh-pages")


def test_an_unreachable_remote_fails_clearly_and_publishing_resumes(repo, remote):
    assert_published(publish(repo))
    live = tip(remote, "gh-pages")
    (repo / "content/articles/why-stretching-isn-t-working.md").write_text(NEW_POST)
    commit_all(repo, "New post")
    away = remote.with_name("away.git")
    remote.rename(away)

    unreachable = publish(repo)

    assert unreachable.returncode != 0
    assert "Could not reach the remote 'origin'" in unreachable.stderr
    assert tip(repo, "gh-pages") == live

    away.rename(remote)
    assert_published(publish(repo))
    assert tip(remote, "gh-pages^") == live


def test_a_fresh_clone_publishes_on_top_of_the_live_history(repo, remote, tmp_path):
    """Publishing from a second laptop: its first publish builds on what is live
    instead of being refused for starting a new history."""
    assert_published(publish(repo))
    git(repo, "push", "--quiet", "origin", "main")
    live = tip(remote, "gh-pages")
    laptop = tmp_path / "laptop"
    git(tmp_path, "clone", "--quiet", "--branch", "main", str(remote), str(laptop))
    (laptop / "content/articles/why-stretching-isn-t-working.md").write_text(NEW_POST)
    commit_all(laptop, "New post, written on the laptop")

    assert_published(publish(laptop))

    assert tip(remote, "gh-pages^") == live


def test_publish_outside_git_says_what_to_do(project):
    result = run_task(project, "publish")

    assert result.returncode != 0
    assert "not a git repository" in result.stderr


def test_the_placeholder_address_is_never_published(repo, remote, monkeypatch):
    monkeypatch.delenv("SITEURL")  # publishconf.py's own, still the placeholder

    result = publish(repo)

    assert result.returncode != 0
    assert "PUBLIC_SITEURL" in result.stderr
    assert tip(remote, "gh-pages") is None
    assert_published(publish(repo, "--dry-run"))  # checking it is fine


GLUTE_POST = "content/articles/cant-fire-my-glutes.md"


def where(project, file, text):
    """How the list names a place: "FILE, line N", N the line holding `text`."""
    return f"{file}, line {line_of(project / file, text)}"


def test_the_project_as_it_is_today_is_refused_with_one_list_of_what_to_fill_in(
        repo_as_it_is, remote, monkeypatch, tmp_path):
    """Its first publish, from the laptop or from GitHub, says what is still a
    placeholder and where, in one list, before anything is built."""
    repo = repo_as_it_is
    monkeypatch.delenv("SITEURL")  # publishconf.py's own, still the placeholder
    monkeypatch.setenv("CI", "true")  # publishing under CI ships the editor
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    result = publish(repo)

    assert result.returncode != 0
    places = [(where(repo, "publishconf.py", "PUBLIC_SITEURL ="), "PUBLIC_SITEURL"),
              (where(repo, "pelicanconf.py", "BOOKING_URL ="), "BOOKING_URL"),
              (where(repo, "pelicanconf.py", "CONTACT_URL ="), "CONTACT_URL"),
              (where(repo, "publishconf.py", "PUBLIC_REPO ="), "PUBLIC_REPO"),
              (where(repo, GLUTE_POST, "PLACEHOLDR1"), "PLACEHOLDR1"),
              (where(repo, GLUTE_POST, "PLACEHOLDR2"), "PLACEHOLDR2")]
    told = result.stderr
    assert told.startswith("6 placeholders to fill in before the site can go live:")
    entries = told.split("\n\n")[1:7]  # one list: a paragraph a placeholder
    for entry, (place, name) in zip(entries, places, strict=True):
        assert entry.startswith(f"{place}\n") and name in entry and "\n  Fix: " in entry
    assert "Nothing was published" in told
    assert "Done: Processed" not in result.stdout  # refused before the build
    lines = summary.read_text().splitlines()
    assert lines[:3] == ["## Not published: 6 placeholders to fill in", "",
                         "Nothing was published: the live site and the gh-pages branch "
                         "are as they were."]
    assert [line for line in lines if line.startswith("**")] == [
        f"**{place}**  " for place, _ in places]
    assert "Fix: Set BOOKING\\_URL in pelicanconf.py" in "\n".join(lines)
    assert tip(remote, "gh-pages") is None and tip(repo, "gh-pages") is None


def test_on_github_the_address_and_the_editor_are_filled_in_the_rest_is_refused(
        repo_as_it_is, remote, monkeypatch):
    """GitHub Actions gives the site's address (the workflow works it out) and
    the editor's repository; booking, contact and the videos are the coach's."""
    monkeypatch.setenv("SITEURL", "https://tracy.github.io/onebodycoach")
    monkeypatch.setenv("GITHUB_REPOSITORY", "Tracy/onebodycoach")
    monkeypatch.setenv("CI", "true")

    result = publish(repo_as_it_is)

    assert result.returncode != 0
    assert result.stderr.startswith("4 placeholders to fill in")
    for named in ["BOOKING_URL", "CONTACT_URL", "PLACEHOLDR1", "PLACEHOLDR2"]:
        assert named in result.stderr
    for filled in ["PUBLIC_SITEURL", "PUBLIC_REPO"]:
        assert filled not in result.stderr
    assert tip(remote, "gh-pages") is None


def test_republishing_an_unchanged_site_pushes_nothing(repo, remote):
    """Two builds of the same sources have the same pages (only the search
    index and the sitemap's dates differ, and they are made from the pages):
    nothing new, so no commit, no push, and no failure."""
    assert_published(publish(repo))
    live = tip(remote, "gh-pages")

    again = publish(repo)

    assert_published(again)
    assert "Nothing new to publish" in again.stdout
    assert tip(remote, "gh-pages") == live
    assert tip(repo, "gh-pages") == live


def test_publish_works_on_a_machine_without_a_git_identity(repo, remote, tmp_path,
                                                           monkeypatch):
    for key in IDENTITY:
        monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.gitconfig
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")

    assert_published(publish(repo))

    assert git(remote, "log", "-1", "--format=%cn <%ce>", "gh-pages") == \
        "Site publisher <publish@localhost>"


def test_publish_runs_the_checks_that_need_tools_and_a_failing_one_stops_it(repo, remote,
                                                                            monkeypatch):
    """Under CI publish runs the checks that need Java and Chromium too (none
    may skip), and a failing check stops it. Which check fails matters not:
    publish and check share check_sites, where each gate failing is tested
    (test_gates_side_by_side.py), and the workflow's publish passes all four
    on the real content (test_workflow.py). A broken link is the cheapest:
    it ends the run after the production site's HTML check."""
    (repo / "node_modules").symlink_to(ROOT / "node_modules")
    monkeypatch.setenv("CI", "true")  # every check must run, none may skip
    (repo / "content" / "articles" / "lost.md").write_text(
        "Title: Lost\nSlug: lost\nDate: 2026-11-26\nCategory: Running\n\n"
        "See [the old page](/no-such-page/).\n", encoding="utf-8")
    commit_all(repo, "A post with a link to a page that is gone")

    result = publish(repo)

    assert result.returncode != 0
    assert "lost/index.html: link " in result.stderr and "no-such-page/" in result.stderr
    assert "HTML: every page is valid." in result.stdout  # Java's checker ran
    assert "Nothing was published" in result.stderr
    assert tip(remote, "gh-pages") is None


SCHEDULED_POST = """Title: A warm-up for cold mornings
Date: 2026-12-02 09:00
Category: Running
Summary: Five minutes before you run.

Start slowly, and let your ankles wake up first.
"""


def test_a_scheduled_post_goes_live_on_the_first_publish_of_its_day(repo, remote,
                                                                     monkeypatch, tmp_path):
    """What the daily run does: the day before, the post is not on gh-pages;
    on its morning it is, and the run's summary names it as new; later that
    day, with nothing new, nothing is pushed."""
    (repo / "content/articles/warm-up.md").write_text(SCHEDULED_POST)
    commit_all(repo, "A post for 2 December")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    monkeypatch.setenv("SCHEDULE_NOW", "2026-12-01T05:00+00:00")
    assert_published(publish(repo))
    assert "a-warm-up-for-cold-mornings/index.html" not in files_in(remote, "gh-pages")
    day_before = tip(remote, "gh-pages")

    monkeypatch.setenv("SCHEDULE_NOW", "2026-12-02T05:00+00:00")
    summary.write_text("")
    assert_published(publish(repo))
    assert "a-warm-up-for-cold-mornings/index.html" in files_in(remote, "gh-pages")
    assert tip(remote, "gh-pages^") == day_before
    assert ("- [A warm-up for cold mornings]"
            f"({SITE}/a-warm-up-for-cold-mornings/)") in summary.read_text()

    monkeypatch.setenv("SCHEDULE_NOW", "2026-12-02T17:00+00:00")
    summary.write_text("")
    assert_published(publish(repo))
    assert tip(remote, "gh-pages^") == day_before
    assert summary.read_text().startswith("## Nothing new to publish")


def test_the_run_summary_says_what_to_fix_and_that_nothing_was_published(repo, remote,
                                                                        monkeypatch, tmp_path):
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    (repo / "content/articles/broken.md").write_text(
        "Title: Broken\nDate: next Tuesday\n\nText.\n")
    commit_all(repo, "A post with a date that is not one")

    assert publish(repo).returncode != 0

    assert summary.read_text().splitlines()[:7] == [
        "## Not published: 1 problem to fix", "",
        "Nothing was published: the live site and the gh-pages branch are as they were.", "",
        "**content/articles/broken.md, line 2**  ",
        "\"next Tuesday\" is not a date.  ",
        "Fix: Write the date as 2026-11-25, or 2026-11-25 09:00 with a time."]
    assert outputs.read_text() == "outcome=failed\n"
    assert tip(remote, "gh-pages") is None
