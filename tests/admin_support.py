"""What the browser tests of the editor at /admin/ share: a stand-in for the
browser's folder picker, since no one can click a system dialog in a test."""

import json

# Answers the editor's request for a folder (Work with Local Repository) with
# an origin-private (OPFS) folder holding `files` ({path: text}) and the `.git`
# folder the editor looks for, filled on first ask.
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


def folder_picker(files):
    """The init script that hands the editor a folder holding `files`."""
    return PICKER.replace("FILES", json.dumps(files))


def content_files(project):
    """{path: text} of every Markdown file under the project's content/."""
    return {path.relative_to(project).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted((project / "content").rglob("*.md"))}
