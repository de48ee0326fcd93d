"""The coach's mistakes: `./dev build` and `./dev check` stop with a message
that names the file, exit non-zero, and leave the last good site in place."""

import hashlib

import pytest

from conftest import run_task

BAD_POSTS = {
    "missing title": (
        "no-title.md",
        "Date: 2026-01-05\nCategory: Running\n\nA post without a title.\n",
    ),
    "a date that is not a date": (
        "bad-date.md",
        "Title: Hips\nDate: next Tuesday\nCategory: Running\n\nBody.\n",
    ),
    "a link to a post that does not exist": (
        "broken-link.md",
        "Title: Hips\nDate: 2026-01-05\nCategory: Running\n\n"
        "Read [my hamstring post]({filename}hamstrings-post.md) first.\n",
    ),
}


def fingerprint(folder):
    """A digest of every file name and its bytes under folder."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("mistake", BAD_POSTS)
def test_a_bad_post_fails_the_build_naming_the_file_and_keeps_the_last_good_site(
    project, mistake
):
    assert run_task(project, "build").returncode == 0
    good_site = fingerprint(project / "output")

    name, text = BAD_POSTS[mistake]
    (project / "content" / "articles" / name).write_text(text, encoding="utf-8")
    result = run_task(project, "build")

    assert result.returncode != 0
    assert name in result.stdout + result.stderr
    assert "output/ was left as it was" in result.stderr
    assert fingerprint(project / "output") == good_site
    assert not (project / "output.new").exists()


def test_a_broken_link_names_the_post_and_the_line_that_holds_it(project):
    name, text = BAD_POSTS["a link to a post that does not exist"]
    (project / "content" / "articles" / name).write_text(text, encoding="utf-8")
    result = run_task(project, "build")
    assert (
        f"content/articles/{name}, line 5: the link {{filename}}hamstrings-post.md "
        "points to a file that does not exist"
    ) in result.stdout + result.stderr


@pytest.mark.parametrize("mistake", BAD_POSTS)
def test_check_fails_on_a_bad_post_naming_the_file(project, mistake):
    name, text = BAD_POSTS[mistake]
    (project / "content" / "articles" / name).write_text(text, encoding="utf-8")
    result = run_task(project, "check")
    assert result.returncode != 0
    assert name in result.stdout + result.stderr


def test_check_fails_on_a_link_to_a_missing_page_naming_the_page(project):
    (project / "content" / "articles" / "lost.md").write_text(
        "Title: Lost\nSlug: lost\nDate: 2026-01-05\nCategory: Running\n\n"
        "See [the old page](/no-such-page/).\n",
        encoding="utf-8",
    )
    result = run_task(project, "check")
    assert result.returncode != 0
    assert "lost/index.html: link '/no-such-page/' goes to a page that does not exist" in (
        result.stderr
    )


def test_check_passes_on_the_real_content(project):
    result = run_task(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Internal links: all resolve.") == 2
