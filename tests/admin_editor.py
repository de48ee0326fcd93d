"""What the editor's browser tests share: a built copy of the project served
to a tab with the editor at /admin/, the stand-ins for the outside addresses
it asks for (there is no internet here), and its local-repository mode over
an origin-private (OPFS) copy of the project's content."""

import base64
import json
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, copy_project, run_pelican
from site_tools.gates import under_ci

EDITOR = "node_modules/@sveltia/cms/dist/sveltia-cms.js"

# Answers the editor's request for a folder with an OPFS folder holding the
# project's content (and the `.git` folder it looks for), filled on first ask.
PICKER = """
window.showDirectoryPicker = async () => {
  const root = await navigator.storage.getDirectory();
  const project = await root.getDirectoryHandle("project", {create: true});
  await project.getDirectoryHandle(".git", {create: true});
  for (const [path, text] of Object.entries(FILES)) {
    const parts = path.split("/");
    let folder = project;
    for (const part of parts.slice(0, -1)) {
      folder = await folder.getDirectoryHandle(part, {create: true});
    }
    const file = await folder.getFileHandle(parts.at(-1), {create: true});
    const out = await file.createWritable();
    await out.write(text);
    await out.close();
  }
  return project;
};
"""
# Every file under content/ of the OPFS project, base64-encoded.
READ_BACK = """async () => {
  const files = {};
  async function walk(folder, prefix) {
    for await (const [name, handle] of folder.entries()) {
      if (handle.kind === "directory") { await walk(handle, prefix + name + "/"); continue; }
      const data = await readWhole(handle);
      if (data !== null) files[prefix + name] = data;
    }
  }
  // A file the editor is writing this very moment cannot be read: asked
  // again until it can (skipping it lost a post just saved, once, in CI).
  async function readWhole(handle) {
    for (let tries = 0; ; tries++) {
      try {
        const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
        let binary = "";
        for (const byte of bytes) binary += String.fromCharCode(byte);
        return btoa(binary);
      } catch (error) {
        if (error.name === "NotFoundError") return null;  // gone since it was listed
        if (tries === 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
  const root = await navigator.storage.getDirectory();
  const project = await root.getDirectoryHandle("project");
  await walk(await project.getDirectoryHandle("content"), "content/");
  return files;
}"""
# True once the OPFS file at `path` holds bytes other than `before` (base64, or
# null for a file that did not exist), and every file of `also` exists.
WRITTEN = """async ([path, before, also]) => {
  async function read(name) {
    let folder = await (await navigator.storage.getDirectory()).getDirectoryHandle("project");
    const parts = name.split("/");
    try {
      for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
      const bytes = new Uint8Array(await (await (await folder.getFileHandle(parts.at(-1)))
        .getFile()).arrayBuffer());
      let binary = "";
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return btoa(binary);
    } catch (error) {
      return null;  // not there yet, or being written this very moment
    }
  }
  const now = await read(path);
  if (now === null || now === before) return false;
  for (const name of also) if (await read(name) === null) return false;
  return true;
}"""


def stand_in(route):
    """An empty answer for an outside address (there is no internet here)."""
    url = route.request.url
    if url.endswith("package.json"):
        route.fulfill(status=200, content_type="application/json", body='{"version": ""}')
    elif "githubstatus" in url:
        route.fulfill(status=200, content_type="application/json",
                      body='{"status": {"indicator": "none"}}')
    else:
        route.fulfill(status=200, content_type="font/woff2", body=b"")


def require_editor():
    """Skip without node_modules locally; under CI=true a missing editor fails."""
    if not (ROOT / EDITOR).is_file():
        message = f"no editor at {EDITOR} (npm ci installs it)"
        if under_ci():
            pytest.fail(f"CI must run the editor's test, but there is {message}")
        pytest.skip(message)


def built_copy(folder, prepare=lambda project: None, settings="pelicanconf.py", env=None):
    """A copy of the project, changed by `prepare(project)`, built into output/."""
    project = copy_project(folder)
    prepare(project)
    build = run_pelican(project, project / "output", settings, env)
    assert build.returncode == 0, build.log
    return project, build


@contextmanager
def editor_tab(browser, site, answer_outside=stand_in):
    """A tab that records console errors (`.errors`), what it asked of other
    hosts (`.outside`, answered by `answer_outside`) and the responses of the
    site (`.responses`)."""
    page = browser.new_page()
    page.errors, page.outside, page.responses = [], [], []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("response", lambda r: page.responses.append((urlsplit(r.url).path, r.status)))
    page.on("pageerror", lambda e: page.errors.append(str(e)))

    def route(request_route):
        if urlsplit(request_route.request.url).netloc == urlsplit(site).netloc:
            request_route.continue_()
        else:
            page.outside.append(request_route.request.url)
            answer_outside(request_route)

    page.route("**/*", route)
    try:
        yield page
    finally:
        page.close()


def with_local_project(page, project):
    """Hand the editor, when it asks for a folder, the project's content."""
    files = {path.relative_to(project).as_posix(): path.read_text(encoding="utf-8")
             for path in sorted((project / "content").rglob("*.md"))}
    page.add_init_script(PICKER.replace("FILES", json.dumps(files)))


def field(page, name):
    return page.locator(f'[data-key-path="{name}"]')


def insert(page, component):
    page.get_by_role("button", name="Insert").click()
    page.get_by_role("menuitem", name=component).click()


def read_back(page, project):
    """Copy the files the editor holds into `project`."""
    for name, data in page.evaluate(READ_BACK).items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_bytes(base64.b64decode(data))


def save_and_read_back(page, project, path, also=()):
    """Save the entry, wait for the editor to write path (and the files `also`),
    then copy its files into `project`; the saved text of path."""
    saved = project / path
    before = base64.b64encode(saved.read_bytes()).decode() if saved.exists() else None
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_function(WRITTEN, arg=[path, before, list(also)], polling=100)
    read_back(page, project)
    return saved.read_text(encoding="utf-8")


def front_matter(text):
    header, body = text.removeprefix("---\n").split("\n---\n", 1)
    return header, body
