"""The preview (`./dev livereload`, preview.py) as the coach uses it: save a
post and the served page shows it; save a mistake and she reads it in plain
words while the last good site stays served; what a save rebuilds in place is
what a full build would have written."""

import os
import re
import subprocess
import sys
import threading
import urllib.request

import pytest
from PIL import Image

from benchmarks.build import free_port, wait_for
from benchmarks.same_output import differences
from conftest import run_pelican

POST = "content/articles/cant-fire-my-glutes.md"
OTHER_POSTS = {
    f"calf-raise-{n}.md": (f"Title: Calf raise {n}\nDate: 2026-11-0{n} 09:00\nCategory: Running\n"
                           f"Tags: calves\nSummary: Calf raise number {n}.\n\n"
                           f"Rise onto your toes, {n} times.\n")
    for n in range(1, 4)
}


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except OSError:
        return None, ""


class Preview:
    """`invoke livereload` running in a project copy; its output kept as it comes."""

    def __init__(self, project):
        self.port = free_port()
        self.address = f"http://localhost:{self.port}/"
        self.output = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "livereload", "--port", str(self.port)],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "COLUMNS": "200"}, start_new_session=True)
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        for line in self.process.stdout:
            self.output.append(line)

    def said(self, words):
        return words in "".join(self.output)

    def page(self, path):
        return fetch(self.address + path)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def preview(project):
    for name, text in OTHER_POSTS.items():
        (project / "content" / "articles" / name).write_text(text, encoding="utf-8")
    running = Preview(project)
    assert wait_for(lambda: running.said("Serving the site")
                    or running.process.poll() is not None, 30), "".join(running.output)
    assert running.process.poll() is None, "".join(running.output)
    yield running
    running.stop()


def save(project, text):
    (project / POST).write_text(text, encoding="utf-8")


def test_a_saved_post_shows_and_a_bad_save_keeps_the_last_good_site(project, preview):
    original = (project / POST).read_text(encoding="utf-8")
    save(project, original + "\nA sentence about zebra crossings.\n")
    assert wait_for(lambda: "zebra crossings" in preview.page("cant-fire-my-glutes/")[1], 30)

    bad = re.sub(r"(?m)^date: .*$", "date: next Tuesday", original, count=1)  # the --- header
    save(project, bad + "\nWords that must not be published.\n")
    assert wait_for(lambda: preview.said('"next Tuesday" is not a date.'), 30)
    assert preview.said("content/articles/cant-fire-my-glutes.md")
    status, page = preview.page("cant-fire-my-glutes/")
    assert status == 200 and "zebra crossings" in page and "must not be" not in page

    save(project, original + "\nFixed, and about otters.\n")
    assert wait_for(lambda: "about otters" in preview.page("cant-fire-my-glutes/")[1], 30)
    assert "zebra crossings" not in preview.page("cant-fire-my-glutes/")[1]

    # After the failed build, later builds still write everything (the sitemap too).
    (project / "content" / "articles" / "otters.md").write_text(
        "Title: Otters\nDate: 2026-11-20\nCategory: Running\n\nThey swim.\n", "utf-8")
    assert wait_for(lambda: "otters/" in preview.page("sitemap.xml")[1], 30)


def test_a_save_writes_what_a_full_build_writes_and_only_what_changed(project, request,
                                                                       tmp_path):
    # A photo already in content/images/, which the save puts in the post: its
    # card in the lists shows it (plugins/images' first_photo) after the save too.
    (project / "content" / "images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (600, 400), "teal").save(project / "content" / "images" / "calf.jpg")
    preview = request.getfixturevalue("preview")
    output = project / "output"
    kept = output / "calf-raise-2" / "index.html"
    before = kept.stat().st_mtime_ns
    post = project / "content" / "articles" / "calf-raise-1.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nSlowly on the way down.\n\n"
                    "![A calf raise](images/calf.jpg)\n", encoding="utf-8")
    assert wait_for(lambda: "Slowly on the way" in preview.page("calf-raise-1/")[1], 30)
    assert kept.stat().st_mtime_ns == before  # another post's page: not written again

    cold = run_pelican(project, tmp_path / "cold")
    assert cold.returncode == 0, cold.log
    found = [d for d in differences(output, cold.output) if "pagefind/" not in d]
    # The preview's Search page says its index follows saves; nothing else differs.
    assert found == ["differs: search/index.html"]


def test_the_preview_reloads_with_a_script_the_csp_allows_and_says_how_search_follows(preview):
    status, page = preview.page("")
    assert status == 200
    assert f'<script defer src="/livereload.js?port={preview.port}"></script>' in page
    assert preview.page(f"livereload.js?port={preview.port}")[0] == 200
    assert "In this preview, search finds a saved change" in preview.page("search/")[1]


