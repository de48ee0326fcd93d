"""The GitHub Actions workflow that publishes on every push to main: valid
YAML with the right trigger and permission, the project's own publish task,
and a site address worked out from the repository's variables."""

import os
import re
import subprocess

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github/workflows/pages.yml"


@pytest.fixture(scope="module")
def workflow():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow):
    return workflow["jobs"]["publish"]["steps"]


def step_named(workflow, name):
    return next(step for step in steps(workflow) if step.get("name") == name)


def test_it_publishes_on_every_push_to_main(workflow):
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "write"}
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_it_runs_the_publish_task_in_the_checked_out_project(workflow):
    uses = [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]
    assert uses == ["actions/checkout", "actions/setup-python"]
    assert steps(workflow)[-1]["run"].strip() == "./dev publish"
    ruff_target = re.search(r'target-version = "py3(\d+)"', (ROOT / "ruff.toml").read_text())
    python = next(s for s in steps(workflow) if "setup-python" in s.get("uses", ""))
    assert python["with"]["python-version"] == f"3.{ruff_target.group(1)}"


def test_the_publish_commit_has_an_author(workflow):
    script = step_named(workflow, "Sign the gh-pages commit as GitHub Actions")["run"]
    assert "git config user.name" in script and "git config user.email" in script


PLACEHOLDER = 'PUBLIC_SITEURL = "https://onebodycoach.example"'
ADDRESS_CASES = {
    "the SITEURL variable": ({"SITEURL_VARIABLE": "https://coach.example.org/blog"},
                             PLACEHOLDER, ["SITEURL=https://coach.example.org/blog"]),
    "the CNAME variable": ({"CNAME_VARIABLE": "blog.example.org"}, PLACEHOLDER,
                           ["SITEURL=https://blog.example.org", "CNAME=blog.example.org"]),
    "publishconf.py's address": ({}, 'PUBLIC_SITEURL = "https://blog.example.org"', []),
    "project pages": ({}, PLACEHOLDER, ["SITEURL=https://tracy.github.io/onebodycoach"]),
    "a user site": ({"REPOSITORY": "Tracy.github.io"}, PLACEHOLDER,
                    ["SITEURL=https://tracy.github.io"]),
}


@pytest.mark.parametrize("variables, configured, exported", ADDRESS_CASES.values(),
                         ids=ADDRESS_CASES.keys())
def test_the_site_address_comes_from_the_repository(workflow, project, tmp_path,
                                                    variables, configured, exported):
    step = step_named(workflow, "Work out the site's address")
    assert step["env"] == {"SITEURL_VARIABLE": "${{ vars.SITEURL }}",
                           "CNAME_VARIABLE": "${{ vars.CNAME }}",
                           "OWNER": "${{ github.repository_owner }}",
                           "REPOSITORY": "${{ github.event.repository.name }}"}
    settings = project / "publishconf.py"
    assert PLACEHOLDER in settings.read_text()
    settings.write_text(settings.read_text().replace(PLACEHOLDER, configured))
    github_env = tmp_path / "github_env"
    github_env.touch()
    env = {"PATH": os.environ["PATH"], "GITHUB_ENV": str(github_env), "SITEURL_VARIABLE": "",
           "CNAME_VARIABLE": "", "OWNER": "Tracy", "REPOSITORY": "onebodycoach", **variables}

    subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=project, env=env,
                   check=True, capture_output=True)

    assert github_env.read_text().splitlines() == exported
