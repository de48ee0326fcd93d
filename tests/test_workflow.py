"""The GitHub Actions workflow that publishes on every push to main: valid
YAML with the right trigger and permission, the project's own publish task,
and a site address worked out from the repository's variables."""

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


ADDRESS_CASES = {
    "the SITEURL variable": ({"SITEURL_VARIABLE": "https://coach.example/blog"},
                             "https://coach.example/blog"),
    "a custom domain": ({"CNAME_VARIABLE": "onebodycoach.co.uk"},
                        "https://onebodycoach.co.uk"),
    "project pages": ({}, "https://tracy.github.io/onebodycoach"),
    "a user site": ({"REPOSITORY": "Tracy.github.io"}, "https://tracy.github.io"),
}


@pytest.mark.parametrize("variables, siteurl", ADDRESS_CASES.values(), ids=ADDRESS_CASES.keys())
def test_the_site_address_comes_from_the_repository(workflow, tmp_path, variables, siteurl):
    step = step_named(workflow, "Work out the site's address")
    assert step["env"] == {"SITEURL_VARIABLE": "${{ vars.SITEURL }}",
                           "CNAME_VARIABLE": "${{ vars.CNAME }}",
                           "OWNER": "${{ github.repository_owner }}",
                           "REPOSITORY": "${{ github.event.repository.name }}"}
    github_env = tmp_path / "github_env"
    env = {"PATH": "/usr/bin:/bin", "GITHUB_ENV": str(github_env), "SITEURL_VARIABLE": "",
           "CNAME_VARIABLE": "", "OWNER": "Tracy", "REPOSITORY": "onebodycoach", **variables}

    subprocess.run(["bash", "-e", "-c", step["run"]], env=env, check=True,
                   capture_output=True)

    lines = github_env.read_text().splitlines()
    assert f"SITEURL={siteurl}" in lines
    assert f"CNAME={variables.get('CNAME_VARIABLE', '')}" in lines
