"""report_problem says a problem in one shape, carries it for the summary,
and stops a strict build; line_of finds where the coach wrote something."""

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from pelican.log import FatalLogger

from plugins.problems import Problem, line_of, report_problem

ROOT = Path(__file__).resolve().parent.parent


def test_a_problem_is_logged_with_file_line_and_fix_and_carried_as_it_is(caplog):
    with caplog.at_level(logging.ERROR):
        report_problem("content/articles/hips.md", 5, "The image x.jpg has no alt text.",
                       "Describe the photo.")
        report_problem("content/videos.json", None, "The titles could not be read.",
                       "Run ./dev videos.")
    first, second = caplog.records
    assert first.getMessage() == ("content/articles/hips.md, line 5: The image x.jpg has no "
                                  "alt text. Describe the photo.")
    assert first.problem == Problem("The image x.jpg has no alt text.", "Describe the photo.",
                                    "content/articles/hips.md", 5)
    assert second.getMessage() == ("content/videos.json: The titles could not be read. "
                                   "Run ./dev videos.")


def test_the_logger_is_pelicans_even_when_this_module_comes_first():
    """Pelican's --fatal works through its own logger class, set when
    pelican.log is imported: a logger made before that would never stop a
    build. A new process, where plugins.problems is the first import."""
    check = ("import plugins.problems, pelican.log; "
             "assert isinstance(plugins.problems.logger, pelican.log.FatalLogger)")
    result = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr


def test_a_strict_build_stops_on_a_problem(monkeypatch):
    monkeypatch.setattr(FatalLogger, "fatal_lvl", logging.WARNING)  # --fatal warnings
    with pytest.raises(RuntimeError, match="Warning or error encountered"):
        report_problem("content/articles/hips.md", 5, "Something is wrong.", "Fix it.")


def test_line_of_finds_the_first_line_holding_the_text(tmp_path):
    post = tmp_path / "hips.md"
    post.write_text("Title: Hips\n\n![](images/x.jpg)\n![](images/x.jpg)\n", encoding="utf-8")
    assert line_of(post, "images/x.jpg") == 3
    assert line_of(post, "images/y.jpg") is None
    assert line_of(post, "") is None
    assert line_of(tmp_path / "gone.md", "x") is None
