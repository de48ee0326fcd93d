"""In real Chromium, the editor at /admin/ in its GitHub mode, with a stand-in
for api.github.com: the coach signs in with a token, writes a post and saves
it, and the commit the editor makes holds exactly that post.

The stand-in (GitHubAPI) answers, from the project's own content, the calls the
editor makes: who the token belongs to, whether she may write to the
repository, and GraphQL for the default branch, the last commit, the files'
contents and createCommitOnBranch (its way of saving). Playwright hands it
each request the page makes to api.github.com; the browser applies the admin
page's Content-Security-Policy before that, so the policy is tested too."""

import base64
import hashlib
import json
import re
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from admin_editor import editor_tab, field, require_editor, stand_in
from conftest import PRODUCTION_SITEURL, ROOT

API = "api.github.com"
TOKEN = "github_pat_stand_in_0123456789"
USER = {"login": "tracy", "name": "Tracy Swindell", "id": 1,
        "html_url": "https://github.com/tracy", "avatar_url": "", "email": None}
NEW_POST = "content/articles/hip-flexors-at-your-desk.md"


def blob_sha(data):
    """Git's name for a file's contents, as GitHub gives it."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class GitHubAPI:
    """Answers the editor's calls to api.github.com from `files` ({path: bytes});
    keeps the commits it is asked to make, and every request's Authorization."""

    def __init__(self, repo, files):
        self.repo, self.files = repo, dict(files)
        self.head = "0" * 40
        self.commits, self.unknown = [], []

    def answer(self, route):
        request = route.request
        path = urlsplit(request.url).path
        owner_repo = f"/repos/{self.repo}"
        if path == "/user":
            return self.json(route, USER)
        if path == f"{owner_repo}/collaborators/{USER['login']}":
            return route.fulfill(status=204)
        if path.startswith(f"{owner_repo}/git/trees/"):
            tree = [{"path": name, "type": "blob", "sha": blob_sha(data), "size": len(data)}
                    for name, data in sorted(self.files.items())]
            return self.json(route, {"sha": self.head, "tree": tree, "truncated": False})
        if path.startswith(f"{owner_repo}/git/blobs/"):
            sha = path.rsplit("/", 1)[1]
            data = next(data for data in self.files.values() if blob_sha(data) == sha)
            return route.fulfill(status=200, body=data, content_type="application/octet-stream")
        if path == "/graphql" and request.method == "POST":
            return self.json(route, {"data": self.graphql(request.post_data_json)})
        self.unknown.append(f"{request.method} {path}")
        return route.fulfill(status=404, content_type="application/json",
                             body='{"message": "Not Found"}')

    def json(self, route, data):
        route.fulfill(status=200, content_type="application/json", body=json.dumps(data))

    def graphql(self, body):
        query, variables = body["query"], body.get("variables") or {}
        if "createCommitOnBranch" in query:
            return {"createCommitOnBranch": {"commit": self.commit(query, variables["input"])}}
        if "defaultBranchRef" in query:
            return {"repository": {"defaultBranchRef": {"name": "main"}}}
        answer = {}
        for index, sha in re.findall(r'content_(\d+):\s*object\(oid:\s*"([0-9a-f]+)"', query):
            text = next((data for data in self.files.values() if blob_sha(data) == sha), b"")
            answer[f"content_{index}"] = {"text": text.decode("utf-8"), "isTruncated": False}
        history = {"target": {"history": {"nodes": [{
            "oid": self.head, "message": "The last commit", "committedDate":
            "2026-11-25T09:00:00Z", "author": {"name": USER["name"], "email": "t@example.org",
                                               "user": {"id": 1, "login": USER["login"]}}}]}}}
        for index in re.findall(r"commit_(\d+):\s*ref\(", query):
            answer[f"commit_{index}"] = history
        if not answer:  # the last commit of the branch
            answer["ref"] = history
        return {"repository": answer}

    def commit(self, query, change):
        """Apply a createCommitOnBranch input as GitHub would, and keep it."""
        assert change["branch"] == {"repositoryNameWithOwner": self.repo, "branchName": "main"}
        assert change["expectedHeadOid"] == self.head
        added = {addition["path"]: base64.b64decode(addition["contents"])
                 for addition in change["fileChanges"].get("additions", [])}
        for deletion in change["fileChanges"].get("deletions", []):
            self.files.pop(deletion["path"], None)
        self.files.update(added)
        self.commits.append({"message": change["message"]["headline"], "files": added})
        self.head = hashlib.sha1(json.dumps(self.commits, default=str).encode()).hexdigest()
        answer = {"oid": self.head, "committedDate": "2026-12-01T10:00:00Z"}
        for index, path in re.findall(r'file_(\d+):\s*file\(path:\s*"([^"]+)"\)', query):
            answer[f"file_{index}"] = {"oid": blob_sha(self.files[path])}
        return answer


@pytest.fixture(scope="module")
def github_editor(browser, production, tmp_path_factory):
    """The production build's /admin/ (its backend: GitHub, the repository it
    was built for) in one tab, api.github.com answered by the stand-in."""
    from checks.browser import served

    require_editor()
    config = yaml.safe_load((production.output / "admin" / "config.yml").read_text())
    assert config["backend"]["name"] == "github"
    files = {path.relative_to(ROOT).as_posix(): path.read_bytes()
             for path in sorted((ROOT / "content").rglob("*")) if path.is_file()}
    api = GitHubAPI(config["backend"]["repo"], files)
    sent = []

    def answer(route):
        sent.append((urlsplit(route.request.url).hostname,
                     route.request.headers.get("authorization")))
        if urlsplit(route.request.url).hostname == API:
            api.answer(route)
        else:
            stand_in(route)

    # Served under the sub-path it was built for, as GitHub Pages serves it
    # (the editor's logo is an address from the host's root).
    subpath = urlsplit(PRODUCTION_SITEURL).path.strip("/")
    host = tmp_path_factory.mktemp("github-host")
    (host / subpath).symlink_to(production.output, target_is_directory=True)
    with served(host) as site, editor_tab(browser, site, answer) as page:
        page.api, page.sent = api, sent
        page.goto(f"{site}/{subpath}/admin/", wait_until="networkidle")
        yield page


def test_signing_in_with_a_token_and_saving_a_post_makes_one_commit_of_it(github_editor):
    page, api = github_editor, github_editor.api
    page.get_by_role("button", name="Sign In Using Access Token").click()
    dialog = page.locator(":is(dialog, [role=dialog], [role=alertdialog])", has_text="token")
    dialog.locator("input").fill(TOKEN)
    dialog.get_by_role("button", name="Sign In").click()
    page.get_by_role("button", name="Create New Entry").click()
    field(page, "title").locator("input").fill("Hip flexors at your desk")
    field(page, "date").locator("input").fill("2026-12-01T08:00")
    field(page, "category").locator("input").fill("Mobility")
    field(page, "summary").locator("textarea").fill("Two minutes, twice a day: a stretch.")
    field(page, "body").locator("textarea, [contenteditable=true]:visible").first.fill(
        "Stand up, step one foot back.\n\nhttps://youtu.be/dQw4w9WgXcQ\n")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Entry saved.")).to_be_visible()

    assert [list(commit["files"]) for commit in api.commits] == [[NEW_POST]]
    text = api.commits[0]["files"][NEW_POST].decode("utf-8")
    assert text == (
        "---\ntitle: Hip flexors at your desk\ndate: 2026-12-01 08:00\ncategory: Mobility\n"
        "summary: 'Two minutes, twice a day: a stretch.'\nstatus: draft\n---\n\n"
        "Stand up, step one foot back.\n\nhttps://youtu.be/dQw4w9WgXcQ\n"), text
    # The token went to api.github.com, with every call there, and nowhere else.
    assert {host for host, authorization in page.sent if authorization} == {API}
    assert all(authorization == f"token {TOKEN}" or authorization == f"Bearer {TOKEN}"
               for host, authorization in page.sent if host == API)
    assert api.unknown == []
    assert page.errors == []
