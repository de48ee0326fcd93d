"""The handbook is true: every example of the README's coach's handbook (its
```markdown blocks, and a block that is a post's header between `---` lines)
builds as shown, each as a post of one shared build of a copy of the project.

Examples are found by their fence's language and shape, never by their
text, so an example added to the handbook is tested too. Each is a post
named after its README line (readme-line-95.md), so a failure names the
example. A body example gets a header; a header example gets a line of text.
What an example takes for granted, the test provides: another post it links
to with {filename}, a photo it shows from images/. An example meant to fail
has no place in the handbook: each must build."""

import re
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import ROOT, copy_project
from plugins.post_body.links import VIDEO_EXTENSIONS
from site_tools.build import run_pelican

HANDBOOK = re.compile(r"^## The coach's handbook\n(.*?)(?=^## )", re.M | re.S)
FENCE = re.compile(r"^( *)```(\w*)[^\n]*\n(.*?)^\1```[ \t]*$", re.M | re.S)
FILENAME_LINK = re.compile(r"\{filename\}([^)\s]+)")
IMAGE = re.compile(r"!\[[^\]]*\]\(/?(images/[^)\s]+)")
HEADER = "---\ntitle: Example from README line {line}\ndate: 2026-11-02 09:00\n" \
         "category: Running\nsummary: A handbook example.\nstatus: published\n---\n\n"


def handbook_examples(readme):
    """{README line: the example as a post's text} of the handbook's examples:
    ```markdown blocks, and blocks (of any language) that start with a header."""
    section = HANDBOOK.search(readme)
    assert section, "README.md has no section '## The coach's handbook'"
    first_line = readme[:section.start(1)].count("\n") + 1
    examples = {}
    for fence in FENCE.finditer(section[1]):
        language, text = fence[2], textwrap.dedent(fence[3])
        line = first_line + section[1][:fence.start()].count("\n")
        if text.startswith("---\n"):
            has_body = text.split("\n---\n", 1)[-1].strip()
            examples[line] = text if has_body else text + "\nText under the header.\n"
        elif language in ("markdown", "md"):
            examples[line] = HEADER.format(line=line) + text
    return examples


def what_examples_take_for_granted(examples, content):
    """{file inside content/: text} for the posts an example links to and the
    photos it shows, where the project has none."""
    needed = {}
    for text in examples.values():
        for target in FILENAME_LINK.findall(text):
            path = target.lstrip("/") if target.startswith("/") else f"articles/{target}"
            needed[path] = (f"Title: {Path(target).stem}\nDate: 2026-11-01\n"
                            "Category: Running\n\nLinked to.\n")
        for photo in IMAGE.findall(text):
            needed[photo] = None  # a photo or a video file, made below
    return {path: text for path, text in needed.items() if not (content / path).exists()}


@pytest.fixture(scope="module")
def handbook(tmp_path_factory):
    """The examples, and the site built with them: (examples, output folder)."""
    examples = handbook_examples((ROOT / "README.md").read_text(encoding="utf-8"))
    project = copy_project(tmp_path_factory.mktemp("handbook"))
    content = project / "content"
    files = {f"articles/readme-line-{line}.md": text for line, text in examples.items()}
    for path, text in {**what_examples_take_for_granted(examples, content), **files}.items():
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        if text is None and Path(path).suffix.lower() in VIDEO_EXTENSIONS:
            (content / path).write_bytes(b"")  # a video file is published as it is
        elif text is None:
            Image.new("RGB", (640, 427), (180, 120, 90)).save(content / path)
        else:
            (content / path).write_text(text, encoding="utf-8")
    # Not stopping at the first problem: the message names every example that fails.
    build = run_pelican(project, "pelicanconf.py", project / "output")
    log = build.stdout + build.stderr
    problems = [line for line in log.splitlines() if line.startswith(("ERROR", "WARNING"))]
    assert build.returncode == 0 and not problems, "\n".join(problems) or log
    return examples, project / "output"


def test_the_handbook_has_its_examples():
    examples = handbook_examples((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(examples) >= 5
    assert any(text.startswith("---\ntitle:") and "status: draft" in text
               for text in examples.values())  # the header example


def test_every_example_builds_into_a_page_as_shown(handbook):
    examples, output = handbook
    pages = {}
    for page in output.rglob("*.html"):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            "article[data-source^='articles/readme-line-']")
        if article:
            pages[article["data-source"]] = article
    for line in examples:
        article = pages.get(f"articles/readme-line-{line}.md")
        assert article is not None, f"README line {line}: the example has no page"
        body = article.select_one(".post-body")
        text = body.get_text()
        assert text.strip() or body.select("img"), \
            f"README line {line}: the example's page shows nothing"
        for raw in ["{filename}", "](", "```"]:  # Markdown that was not rendered
            assert raw not in text, f"README line {line}: {raw!r} shows as text"
