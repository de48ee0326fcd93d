"""AUTHOR_PHOTO names her photo: a name that finds no photo stops the build
with a message naming the setting, its line and the fix. Built in-process
from a one-page site."""

import logging

import pytest

from plugins.in_process import build_in_process
from plugins.page_meta import page_meta

from . import images

CASES = {  # AUTHOR_PHOTO: what the message says
    "images/tracy.jpg": "names images/tracy.jpg, which does not exist (looked for "
                        "content/images/tracy.jpg)",
    "tracy.jpg": "names tracy.jpg, which is not in a folder of photos (content/images/)",
    "https://example.org/tracy.jpg": "names https://example.org/tracy.jpg, on another site",
}


@pytest.mark.parametrize("value", CASES)
def test_a_missing_author_photo_is_named_with_the_setting_and_its_line(tmp_path, caplog, value):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "about.md").write_text("Title: About\n\nHello.\n", encoding="utf-8")
    (tmp_path / "pelicanconf.py").write_text(f'SITENAME = "x"\nAUTHOR_PHOTO = "{value}"\n',
                                             encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="plugins.problems"):
        build_in_process(content, tmp_path / "output", [images, page_meta], AUTHOR_PHOTO=value,
                         ARTICLE_PATHS=[], PAGE_PATHS=["pages"], SEARCH_INDEX=False)
    [problem] = [r.problem for r in caplog.records if hasattr(r, "problem")]
    assert problem.file == "pelicanconf.py" and problem.line == 2
    assert problem.what == f"The AUTHOR_PHOTO setting {CASES[value]}."
    assert 'AUTHOR_PHOTO = "images/tracy.jpg"' in problem.fix and "initials" in problem.fix


def test_her_photo_in_the_content_folder_is_no_problem(tmp_path, caplog):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "tracy.jpg").write_bytes(b"")  # found: read when published
    plugin = images.Images()
    plugin.content_path, plugin.static_dirs = str(content), ("images/",)
    plugin.author_photo = "images/tracy.jpg"
    with caplog.at_level(logging.ERROR, logger="plugins.problems"):
        plugin.check_author_photo()
    assert caplog.records == [] and plugin.author_photo == "images/tracy.jpg"


def test_a_photo_straight_from_an_iphone_is_named_with_the_fix(tmp_path, caplog):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "tracy.heic").write_bytes(b"")
    (tmp_path / "pelicanconf.py").write_text('AUTHOR_PHOTO = "images/tracy.heic"\n')
    plugin = images.Images()
    plugin.content_path, plugin.static_dirs = str(content), ("images/",)
    plugin.author_photo = "images/tracy.heic"
    with caplog.at_level(logging.ERROR, logger="plugins.problems"):
        plugin.check_author_photo()
    [problem] = [r.problem for r in caplog.records if hasattr(r, "problem")]
    assert problem.file == "pelicanconf.py" and problem.line == 1
    assert "a .heic file" in problem.what and "JPEG" in problem.what
