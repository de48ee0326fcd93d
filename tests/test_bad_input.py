"""The coach's mistakes: `./dev build` and `./dev check` stop with a plain
summary that names the file (and line), says how to fix it, prints no
traceback, exits non-zero, and leaves the last good site in place."""

import hashlib
import shutil

import pytest

from conftest import copy_project, run_task

HEADER = "Date: 2026-01-05\nCategory: Running\n"
BAD_POSTS = {
    "missing title": (
        "no-title.md", f"{HEADER}\nA post without a title.\n",
        "content/articles/no-title.md\n  The post has no title.\n"
        '  Fix: Add a line "Title: Your title" at the top of the file.',
    ),
    "a date that is not a date": (
        "bad-date.md", "Title: Hips\nDate: next Tuesday\nCategory: Running\n\nBody.\n",
        'content/articles/bad-date.md, line 2\n  "next Tuesday" is not a date.\n'
        "  Fix: Write the date as 2026-11-25, or 2026-11-25 09:00 with a time.",
    ),
    "an unknown status": (
        "bad-status.md", f"Title: Hips\n{HEADER}Status: publish\n\nBody.\n",
        'content/articles/bad-status.md, line 4\n  "Status: publish" is not a status '
        "the site knows for a post.\n  Fix: Use Status: published or draft.",
    ),
    "a link to a post that does not exist": (
        "broken-link.md",
        f"Title: Hips\n{HEADER}\nRead [my hamstring post]({{filename}}hamstrings-post.md).\n",
        "content/articles/broken-link.md, line 5\n  The link {filename}hamstrings-post.md "
        "points to a file that does not exist.\n"
        "  Fix: Check the spelling of the file name, or remove the link.",
    ),
    "two posts at the same address": (
        "z-copy.md", f"Title: Glutes\nSlug: cant-fire-my-glutes\n{HEADER}\nBody.\n",
        "content/articles/z-copy.md, line 2\n  It has the same address "
        "(/cant-fire-my-glutes/) as content/articles/cant-fire-my-glutes.md, so one "
        "would hide the other.",
    ),
    "a category misspelt": (
        "typo.md", "Title: Hips\nDate: 2026-12-01\nCategory: Runing\n\nBody.\n",
        'content/articles/typo.md, line 3\n  The category "Runing" looks like "Running", '
        'which other posts use.\n  Fix: Write "Category: Running"',
    ),
    "a malformed video address": (
        "bad-video.md", f"Title: Hips\n{HEADER}\nhttps://www.youtube.com/watch?v=abc123\n",
        "content/articles/bad-video.md, line 5\n  The YouTube address "
        "https://www.youtube.com/watch?v=abc123 has “abc123”, and a video id is 11 letters, "
        "digits, - or _.\n  Fix: Copy the address again from YouTube's Share button.",
    ),
    "a category in other letter case": (
        "case.md", "Title: Hips\nDate: 2026-12-01\nCategory: running\n\nBody.\n",
        'content/articles/case.md, line 3\n  The category "running" looks like "Running"',
    ),
}


def fingerprint(folder):
    """A digest of every file name and its bytes under folder."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def add_post(project, mistake):
    name, text, _ = BAD_POSTS[mistake]
    (project / "content" / "articles" / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def good_output(tmp_path_factory):
    """output/ as `./dev build` leaves it for the project as it is: built once
    for this file's tests, each of which starts from a copy."""
    project = copy_project(tmp_path_factory.mktemp("good"))
    built = run_task(project, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    return project / "output"


@pytest.mark.parametrize("mistake", BAD_POSTS)
def test_a_bad_post_fails_the_build_with_a_plain_message_and_keeps_the_last_good_site(
    project, good_output, mistake
):
    shutil.copytree(good_output, project / "output", symlinks=True)
    good_site = fingerprint(project / "output")

    add_post(project, mistake)
    result = run_task(project, "build")

    assert result.returncode != 0
    assert "The site was not built: 1 problem to fix." in result.stderr
    assert BAD_POSTS[mistake][2] in result.stderr
    assert "output/ was left as it was." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert fingerprint(project / "output") == good_site
    assert not (project / "output.new").exists()


def test_every_problem_is_listed_at_once(project):
    for mistake in ["missing title", "a date that is not a date", "a category misspelt"]:
        add_post(project, mistake)
    result = run_task(project, "build")
    assert "The site was not built: 3 problems to fix." in result.stderr
    for mistake in ["missing title", "a date that is not a date", "a category misspelt"]:
        assert BAD_POSTS[mistake][2] in result.stderr


def test_verbose_shows_pelicans_own_messages_too(project):
    add_post(project, "a date that is not a date")
    result = run_task(project, "build", "--verbose")
    assert "Could not process articles/bad-date.md" in result.stderr
    assert BAD_POSTS["a date that is not a date"][2] in result.stderr


@pytest.mark.parametrize("mistake", ["missing title", "a link to a post that does not exist"])
def test_check_fails_on_a_bad_post_naming_the_file(project, mistake):
    add_post(project, mistake)
    result = run_task(project, "check")
    assert result.returncode != 0
    assert BAD_POSTS[mistake][2] in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_check_fails_on_a_link_to_a_missing_page_naming_the_page(project):
    (project / "content" / "articles" / "lost.md").write_text(
        f"Title: Lost\nSlug: lost\n{HEADER}\nSee [the old page](/no-such-page/).\n",
        encoding="utf-8",
    )
    result = run_task(project, "check")
    assert result.returncode != 0
    # The production build runs first; root links carry the site's address there.
    assert ("lost/index.html: link 'https://onebodycoach.example/no-such-page/' goes to a page "
            "that does not exist (written in content/articles/lost.md)") in result.stderr


def test_check_on_a_laptop_without_the_tools_checks_links_and_names_what_it_skips(
        project, monkeypatch):
    """The real content with every gate is the workflow test's publish
    (tests/test_workflow.py); here, a laptop with no npm packages."""
    monkeypatch.delenv("CI", raising=False)
    (project / "node_modules").unlink(missing_ok=True)

    result = run_task(project, "check")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Internal links: all resolve.") == 2
    assert "the npm packages of package-lock.json (npm ci)" in result.stdout
