"""In real Chromium, the editor at /admin/ is her site's, and reaches no other
site before she signs in to GitHub: every request to a host other than
127.0.0.1 is recorded and refused (no stand-ins), as if the internet were
gone. Its sign-in screen shows the site's name, its icons are icons (not the
words "bookmark_manager"...), and its laptop mode (Work with Local
Repository, over an OPFS folder) writes a post's file under the name Pelican
and `./dev new-post` give it. Screenshots go to test-artifacts/."""

import re
from urllib.parse import urlsplit

import pytest

from admin_editor import with_local_project
from conftest import ROOT, copy_project, git, run_pelican
from site_tools.gates import under_ci
from site_tools.new_post import slug_of

EDITOR = "node_modules/@sveltia/cms/dist/sveltia-cms.js"
ARTIFACTS = ROOT / "test-artifacts"
DRAFT = """---
title: Hamstrings, slowly
date: 2026-11-01 09:00
category: Running
summary: Not yet.
status: draft
---

Soon.
"""
# An icon is one glyph of the icon font, as wide as its font is high (24px);
# the same text in a fallback font is a word, several times wider.
ICON_WIDTH = re.compile(r"^2[34](\.\d+)?px$")
# The files of the OPFS project's content/articles folder: {name: text}.
ARTICLES = """async () => {
  const root = await navigator.storage.getDirectory();
  const project = await root.getDirectoryHandle("project");
  const articles = await (await project.getDirectoryHandle("content"))
    .getDirectoryHandle("articles");
  const files = {};
  for await (const [name, handle] of articles.entries()) {
    files[name] = await (await handle.getFile()).text();
  }
  return files;
}"""


@pytest.fixture(scope="module")
def admin(browser, tmp_path_factory):
    """The admin page of a built copy of the project (a git checkout whose
    origin is tracy/onebodycoach on GitHub, with a draft), in one tab for the
    module; `.outside` lists every request to another host, each refused."""
    from checks.browser import served

    if not (ROOT / EDITOR).is_file():
        message = f"no editor at {EDITOR} (npm ci installs it)"
        if under_ci():
            pytest.fail(f"CI must run the editor's test, but there is {message}")
        pytest.skip(message)
    project = copy_project(tmp_path_factory.mktemp("offline"))
    git(project, "init", "-q")
    git(project, "remote", "add", "origin", "git@github.com:tracy/onebodycoach.git")
    (project / "content" / "articles" / "hamstrings-slowly.md").write_text(DRAFT)
    build = run_pelican(project, project / "output")
    assert build.returncode == 0, build.log
    ARTIFACTS.mkdir(exist_ok=True)
    with served(project / "output") as site:
        page = browser.new_page()
        page.outside = []

        def refuse_other_hosts(route):
            if urlsplit(route.request.url).hostname == "127.0.0.1":
                route.continue_()
            else:
                page.outside.append(route.request.url)
                route.abort()

        page.route("**/*", refuse_other_hosts)
        with_local_project(page, project)
        page.project = project
        page.goto(f"{site}/admin/")
        yield page
        page.close()


@pytest.fixture(scope="module")
def local_mode(admin):
    """The admin tab after "signing in" with the project's folder (the laptop's
    mode), on the list of posts; the sign-in screen's test runs before it."""
    from playwright.sync_api import expect

    admin.get_by_role("button", name="Work with Local Repository").click()
    expect(admin.get_by_role("treeitem", name="Posts")).to_be_visible()
    return admin


def icon(page, name):
    return page.locator(".material-symbols-outlined", has_text=re.compile(f"^{name}$")).first


def test_the_sign_in_screen_is_her_sites_and_asks_no_other_site(admin):
    from playwright.sync_api import expect

    expect(admin.get_by_role("heading", name="One Body Coach")).to_be_visible()
    expect(admin.locator('img[src$="/theme/favicon.svg"]')).to_be_visible()
    # The repository named as git's origin does (the editor isolates it: U+2068, U+2069).
    expect(admin.get_by_text(re.compile("root directory of the “\u2068?onebodycoach\u2069?” "
                                        "repository"))).to_be_visible()
    expect(admin.get_by_text("Sveltia CMS", exact=True)).to_have_count(0)
    expect(admin.get_by_role("button", name="Sign In Using Access Token")).to_be_visible()
    admin.screenshot(path=ARTIFACTS / "admin-sign-in.png")
    assert admin.outside == []


def test_in_the_laptops_local_mode_icons_are_icons_and_labels_plain(local_mode):
    from playwright.sync_api import expect

    admin = local_mode
    posts = admin.get_by_role("treeitem", name="Posts")
    expect(posts.locator(".material-symbols-outlined")).to_have_css("width", ICON_WIDTH)
    expect(icon(admin, "edit")).to_have_css("width", ICON_WIDTH)
    expect(admin.get_by_text("“I can’t fire my glutes” (Published)")).to_be_visible()
    expect(admin.get_by_text("Hamstrings, slowly (Draft)")).to_be_visible()
    admin.screenshot(path=ARTIFACTS / "admin-posts.png")
    admin.evaluate("location.hash = '#/assets'")
    expect(admin.get_by_role("option", name=re.compile("^Photos"))).to_be_visible()
    expect(admin.get_by_text("Global Assets")).to_have_count(0)
    admin.screenshot(path=ARTIFACTS / "admin-icons-offline.png")
    assert admin.outside == []


TITLES = ["Why stretching isn’t working", "Crème brûlée & core — 5 stretches"]


def test_the_editor_names_a_post_as_new_post_and_pelican_do(local_mode, tmp_path):
    from playwright.sync_api import expect

    admin = local_mode
    for title in TITLES:
        admin.evaluate("location.hash = '#/collections/posts/new'")
        admin.locator('[data-key-path="title"] input').fill(title)
        admin.locator('[data-key-path="summary"] textarea').fill("One name three ways.")
        admin.get_by_role("radio", name="Published").click()
        # The text opens in Markdown mode (a textarea); the rich editor is second.
        admin.locator('[data-key-path="body"]').locator(
            "textarea, [contenteditable=true]:visible").first.fill("Text.")
        admin.get_by_role("button", name="Save", exact=True).click()
        expect(admin.get_by_text(f"{title} (Published)")).to_be_visible()

    saved = admin.evaluate(ARTICLES)
    names = {title: next(name.removesuffix(".md") for name, text in saved.items()
                         if f"title: {title}" in text) for title in TITLES}
    assert names == {title: slug_of(title, ROOT / "pelicanconf.py") for title in TITLES}
    project = copy_project(tmp_path)
    for name in names.values():
        (project / "content" / "articles" / f"{name}.md").write_text(saved[f"{name}.md"])
    build = run_pelican(project, project / "output")
    assert build.returncode == 0, build.log
    assert {title: build.page(f"{name}/").h1.get_text(strip=True)
            for title, name in names.items()} == {title: title for title in TITLES}
    assert admin.outside == []
