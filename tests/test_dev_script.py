"""`./dev` on a machine like the coach's Mac: it needs a POSIX shell and
Python 3.11+, nothing from GNU (no sha256sum), and says in one plain sentence
what is missing when Python is too old or absent."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

REAL_PYTHON = Path(sys.base_prefix) / "bin" / "python3"
# Sitecustomize for a stand-in python3 that is the real one, reporting 3.9.6:
# anything ./dev ran with it would work, so only a version check stops it.
PRETEND_3_9 = """import sys
sys.version_info = (3, 9, 6, "final", 0)
sys.version = "3.9.6 (default) [Clang 13.0.0]"
"""


def bin_folder(folder, **tools):
    """A PATH folder holding only the named tools: {name: path of the real one}."""
    folder.mkdir()
    for name, target in tools.items():
        (folder / name).symlink_to(target)
    return folder


def run_dev(project, path, *args):
    return subprocess.run(["/bin/sh", str(project / "dev"), *args], cwd=project,
                          capture_output=True, text=True,
                          env={"PATH": str(path), "HOME": str(project.parent)})


@pytest.fixture
def bare_project(project):
    shutil.copy2(ROOT / "dev", project / "dev")
    shutil.copy2(ROOT / "requirements.txt", project / "requirements.txt")
    return project


def test_dev_runs_without_gnu_tools(bare_project, tmp_path):
    """The project's environment is this test run's own (.venv, as ./dev set
    it up), so ./dev only hashes requirements.txt and runs invoke."""
    (bare_project / ".venv").symlink_to(sys.prefix)
    path = bin_folder(tmp_path / "bin", python3=REAL_PYTHON, dirname=shutil.which("dirname"),
                      cat=shutil.which("cat"))
    assert shutil.which("sha256sum", path=str(path)) is None

    result = run_dev(bare_project, path, "--list")

    assert result.returncode == 0, result.stderr
    assert "publish" in result.stdout and "new-post" in result.stdout


def test_a_too_old_python_is_named_before_anything_is_set_up(bare_project, tmp_path):
    site = tmp_path / "pretend"
    site.mkdir()
    (site / "sitecustomize.py").write_text(PRETEND_3_9)
    path = tmp_path / "bin"
    path.mkdir()
    (path / "python3").write_text(
        f'#!/bin/sh\nPYTHONPATH="{site}" exec "{REAL_PYTHON}" "$@"\n')
    (path / "python3").chmod(0o755)
    for tool in ["dirname", "cat"]:
        (path / tool).symlink_to(shutil.which(tool))

    result = run_dev(bare_project, path, "--list")

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "This project needs Python 3.11 or newer, and python3 is 3.9.6. Install it from "
        "https://www.python.org/downloads/ (or with Homebrew: brew install python@3.12), "
        "then run this again."]
    assert not (bare_project / ".venv").exists()


def test_no_python_at_all_is_named_too(bare_project, tmp_path):
    path = bin_folder(tmp_path / "bin", dirname=shutil.which("dirname"))

    result = run_dev(bare_project, path, "--list")

    assert result.returncode == 1
    assert "needs Python 3.11 or newer, and there is no python3 here" in result.stderr
    assert not (bare_project / ".venv").exists()
    assert os.access(ROOT / "dev", os.X_OK)
