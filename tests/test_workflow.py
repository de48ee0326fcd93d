"""The Pages workflow, run rather than read: its steps, in order, in fresh
clones of a repository whose `origin` is a local bare repository standing in
for GitHub, as a hosted runner would run them (tests/github_runner.py), its
caches in a folder standing in for GitHub's cache store.

One sequence of runs serves every test here: a first push that publishes
(the caches empty: pip and npm ci run, and their folders are saved), a daily
run with nothing new (it stops before installing anything), a push of a
broken post (its caches restored, it stops at the build), and a push of an
edit with node_modules neither cached nor installed. The wall time of each step goes to
test-artifacts/workflow-steps.md, and each run's summary page to
test-artifacts/workflow-summaries.md; benchmarks/workflow.py times the
warm and cold runs side by side."""
import datetime
import os
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT, copy_files, fill_in_placeholders, git, tip
from github_runner import (
    RETIRED_WORKSPACE,
    CacheStore,
    Runner,
    cache_restored,
    cache_saved,
    condition_holds,
    evaluate,
    read_env_file,
)
from site_tools.anything_new import why_something_is_new

WORKFLOW = ROOT / ".github/workflows/pages.yml"
OWNER, REPOSITORY = "Tracy", "onebodycoach"
SITE = "https://tracy.github.io/onebodycoach"
DECIDE_STEP = "Decide whether anything is new"
BUILD_STEP = "Build the site and compare it with the live one"
PUBLISH_STEP = "Check and publish"
# Only a site that built and changed needs these: the checks' tools, the checks, the push.
CHECKS_STEPS = ["Find the browser and Java the checks use", PUBLISH_STEP]
INSTALL_PYTHON = "Install the Python requirements into .venv"
NPM_CI = "Install the npm packages (the editor's; the checks' HTML checker, axe-core, Lighthouse)"
BROKEN_POST = "Title: Hip hinge basics\nDate: 2026-11-20\nCategory: Running\n\n" \
              "More in [my hamstrings post]({filename}hamstrings.md).\n"


def load_workflow():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def context(event_name, variables=None):
    """What the workflow's expressions read; unset repository variables are
    empty, as on GitHub."""
    return {"github": {"repository": f"{OWNER}/{REPOSITORY}", "repository_owner": OWNER,
                       "event_name": event_name,
                       "event": {"repository": {"name": REPOSITORY}}},
            "vars": variables or {}}


class GitHub:
    """The repository on "GitHub" (a bare repository), the project's files on
    main, their placeholders filled in (publishing refuses them: test_publish.py),
    pushed from a laptop clone; its cache store, and the hosted runner's one
    workspace folder. `files(folder)` writes the project's files (the
    benchmark gives another commit's)."""

    def __init__(self, folder, files=copy_files):
        self.folder = folder
        self.origin = folder / "github" / f"{REPOSITORY}.git"
        self.cache = CacheStore(folder / "github" / "cache")
        self.workspace = folder / "work" / REPOSITORY / REPOSITORY
        git(folder, "init", "--quiet", "--bare", str(self.origin))
        self.laptop = folder / "laptop"
        self.laptop.mkdir()
        files(self.laptop)
        fill_in_placeholders(self.laptop)
        git(self.laptop, "init", "--quiet", "--initial-branch", "main")
        git(self.laptop, "remote", "add", "origin", str(self.origin))
        self.push("The site")
        self.runs = 0

    def push(self, message, files=None):
        for name, text in (files or {}).items():
            (self.laptop / name).write_text(text, encoding="utf-8")
        git(self.laptop, "add", "--all")
        git(self.laptop, "-c", "user.name=Tracy", "-c", "user.email=tracy@test.invalid",
            "commit", "--quiet", "--allow-empty", "-m", message)
        git(self.laptop, "push", "--quiet", "origin", "main")

    def run_workflow(self, event_name, workflow=None):
        """One run of the workflow as pushed (or `workflow`), its cache store
        as the runs before it left it."""
        self.runs += 1
        runner = Runner(self.folder / f"run-{self.runs}", self.origin, context(event_name),
                        self.workspace, self.cache)
        pushed = yaml.safe_load((self.laptop / WORKFLOW.relative_to(ROOT)).read_text())
        return runner.run_job(workflow or pushed, "publish")

    def live(self):
        return tip(self.origin, "refs/heads/gh-pages")

    def discard_retired_workspaces(self):
        """Delete the workspaces each job set aside (retire), once no job is
        timed any more: about 600 MB each."""
        for retired in self.folder.glob(f"run-*/{RETIRED_WORKSPACE}"):
            shutil.rmtree(retired)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The sequence of runs, each in a fresh clone: {name: (job result, gh-pages
    tip after it)}."""
    github = GitHub(tmp_path_factory.mktemp("workflow"))
    results = {}
    results["push"] = (github.run_workflow("push"), github.live())
    results["daily, nothing new"] = (github.run_workflow("schedule"), github.live())
    github.push("A post with a broken link", {"content/articles/hip-hinge.md": BROKEN_POST})
    results["push of a broken post"] = (github.run_workflow("push"), github.live())
    (github.laptop / "content/articles/hip-hinge.md").unlink()
    about = github.laptop / "content/pages/about.md"
    github.push("Remove the broken post, edit About",
                {"content/pages/about.md": about.read_text() + "\nOne more line.\n"})
    without_npm = load_workflow()
    steps = without_npm["jobs"]["publish"]["steps"]
    steps[:] = [step for step in steps if "npm ci" not in step.get("run", "")
                and step.get("with", {}).get("path") != "node_modules"]
    results["without npm ci"] = (github.run_workflow("push", without_npm), github.live())
    report = ROOT / "test-artifacts" / "workflow-steps.md"
    report.parent.mkdir(exist_ok=True)
    report.write_text("\n\n".join(f"## {name}\n\n{job.timings()}"
                                  for name, (job, _) in results.items()) + "\n")
    summaries = ROOT / "test-artifacts" / "workflow-summaries.md"
    summaries.write_text("\n\n".join(f"# Run: {name}\n\n{job.summary}"
                                      for name, (job, _) in results.items()))
    results["origin"] = github.origin
    results["github"] = github
    yield results
    github.discard_retired_workspaces()


def failed_logs(job):
    return "\n".join(f"{step.name}:\n{step.log}" for step in job.steps
                     if step.outcome == "failure")


def outcomes(job, names):
    return {name: job.step(name).outcome for name in names}


def test_a_push_to_main_publishes_the_site_at_the_owner_s_address(runs):
    job, live = runs["push"]
    origin = runs["origin"]

    assert job.conclusion == "success", failed_logs(job)
    assert live is not None
    log = job.step(PUBLISH_STEP).log
    for gate in ["Internal links: all resolve.", "HTML: every page is valid.",
                 "Browser: no outside request, no error, no axe violation, within budget.",
                 "Lighthouse: 100 in all four categories."]:
        assert gate in log  # every check ran on the real content, and passed
    published = set(git(origin, "ls-tree", "-r", "--name-only", "gh-pages").splitlines())
    assert {"index.html", ".nojekyll", "cant-fire-my-glutes/index.html",
            "pagefind/pagefind.js"} <= published
    assert "CNAME" not in published  # no custom domain is set
    home = git(origin, "show", "gh-pages:index.html")
    assert f'<link rel="canonical" href="{SITE}/">' in home
    # The workflow's last step only speaks when publishing did not.
    assert job.step("Say so when the run broke before publishing began").outcome == "skipped"


def test_the_summary_says_what_was_published_and_how_long_the_run_took(runs):
    job, _ = runs["push"]
    lines = job.summary.splitlines()

    assert lines[:3] == ["## Published", "",
                         f"The site is live at {SITE} (GitHub Pages shows the new version "
                         "within a minute or two)."]
    assert f"- [“I can’t fire my glutes”]({SITE}/cant-fire-my-glutes/)" in lines
    assert lines[-1].endswith(" s.") and " pages, checked and published in " in lines[-1]
    assert int(lines[-1].split()[0]) >= 10
    [took] = [line for line in lines if line.startswith("The whole run took ")]
    assert took.endswith(" from its first step to the push.")
    # The steps' own times, within what the summary's figure cannot know:
    # `date +%s` drops up to a second of the start, the figure is rounded to
    # the second, and the emulation's work between steps is in no step.
    steps = sum(step.seconds for step in job.steps)
    assert steps - 1 <= seconds_in(took) <= steps + 2
    assert f"[follow its deployment](https://github.com/{OWNER}/{REPOSITORY}/deployments/" \
           "github-pages)" in job.summary


def seconds_in(line):
    """The seconds of "... took 1 min 5 s from ..."."""
    words = line.split(" took ")[1].split()
    return int(words[0]) * 60 + int(words[2]) if words[1] == "min" else int(words[0])


def test_the_first_run_installs_and_caches_what_later_runs_restore(runs):
    first, _ = runs["push"]
    later, _ = runs["push of a broken post"]

    # The first run finds no cache: pip and npm ci run, and both folders are saved.
    assert first.step(INSTALL_PYTHON).outcome == "success"
    assert "no cache for venv-Linux-python-3.11." in first.step("Restore .venv from the cache").log
    saved = [first.step(f"Save {path} to the cache").log for path in [".venv", "node_modules"]]
    assert [log.split()[1] for log in saved] == [".venv", "node_modules"]
    # A later one finds both under the same keys, skips pip and npm ci, and
    # ./dev takes the restored .venv as it is.
    assert outcomes(later, [INSTALL_PYTHON, NPM_CI]) == {INSTALL_PYTHON: "skipped",
                                                        NPM_CI: "skipped"}
    assert later.step("Restore .venv from the cache").log == \
        f"restored .venv from {saved[0].split()[3]}"
    assert later.step("Restore node_modules from the cache").log == \
        f"restored node_modules from {saved[1].split()[3]}"
    assert "Setting up the Python environment" not in later.step(BUILD_STEP).log


def test_a_daily_run_with_nothing_new_stops_after_the_build_and_says_so(runs):
    job, live = runs["daily, nothing new"]

    assert job.conclusion == "success", failed_logs(job)
    assert live == runs["push"][1]
    assert job.summary.startswith("## Nothing new to publish\n\nNothing changed: ")
    assert "The whole run took " in job.summary
    # It decided from git alone, before installing or building anything.
    decided = [step.name for step in job.steps].index(DECIDE_STEP)
    assert {step.outcome for step in job.steps[decided + 1:]} == {"skipped"}


def test_a_broken_post_fails_the_run_and_leaves_gh_pages_as_it_was(runs):
    job, live = runs["push of a broken post"]

    assert job.conclusion == "failure"
    assert job.step(BUILD_STEP).outcome == "failure"
    # It fails at the build, before anything only the checks need is set up.
    assert set(outcomes(job, CHECKS_STEPS).values()) == {"skipped"}
    assert live == runs["push"][1]
    summary = job.summary
    assert summary.startswith("## Not published: 1 problem to fix")
    assert "Nothing was published: the live site and the gh-pages branch are as they were." \
        in summary
    assert "**content/articles/hip-hinge.md, line 5**" in summary
    assert "The link \\{filename\\}hamstrings.md points to a file that does not exist." \
        in summary
    assert "Fix: " in summary
    assert "open the step" not in summary  # the fallback step stays quiet


def test_without_npm_ci_the_run_fails_naming_the_command(runs):
    job, live = runs["without npm ci"]

    assert job.conclusion == "failure"
    assert live == runs["push"][1]
    # The build needs the editor's packages (/admin/), and says to run npm ci.
    assert job.step(BUILD_STEP).outcome == "failure"
    assert "npm ci" in job.step(BUILD_STEP).log
    assert "npm ci" in job.summary


def test_the_workflow_runs_on_push_daily_and_by_hand():
    triggers = load_workflow()[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]}
    assert [entry["cron"].split()[2:] for entry in triggers["schedule"]] == [["*", "*", "*"]]
    assert "workflow_dispatch" in triggers


# -- The address step, run alone for each way the address can be set ----------------

PLACEHOLDER = 'PUBLIC_SITEURL = "https://onebodycoach.example"'
ADDRESS_CASES = {
    "the SITEURL variable": ({"SITEURL": "https://coach.example.org/blog"},
                             PLACEHOLDER, {"SITEURL": "https://coach.example.org/blog"}),
    "the CNAME variable": ({"CNAME": "blog.example.org"}, PLACEHOLDER,
                           {"SITEURL": "https://blog.example.org", "CNAME": "blog.example.org"}),
    "publishconf.py's address": ({}, 'PUBLIC_SITEURL = "https://blog.onebody-fixture.uk"',
                                 {}),
    "project pages": ({}, PLACEHOLDER, {"SITEURL": SITE}),
}


@pytest.fixture(scope="module")
def address_github(tmp_path_factory):
    """One "GitHub" for the address cases, each pushing the publishconf.py it
    needs: (it, publishconf.py as the project has it)."""
    github = GitHub(tmp_path_factory.mktemp("address"))
    return github, (github.laptop / "publishconf.py").read_text()


@pytest.mark.parametrize("variables, configured, exported", ADDRESS_CASES.values(),
                         ids=ADDRESS_CASES.keys())
def test_the_site_address_comes_from_the_repository(address_github, tmp_path, variables,
                                                    configured, exported):
    github, settings = address_github
    assert PLACEHOLDER in settings
    github.push(f"Address: {configured}",
                {"publishconf.py": settings.replace(PLACEHOLDER, configured)})
    runner = Runner(tmp_path / "run", github.origin, {**context("push"), "vars": variables})
    workflow = load_workflow()
    [step] = [s for s in workflow["jobs"]["publish"]["steps"]
              if s.get("name") == "Work out the site's address"]

    outcome, log, _, _ = runner.run_step(step, runner.context, {}, {}, 0)

    assert outcome == "success", log
    assert read_env_file(runner.env_file) == exported


def test_a_user_site_is_served_from_the_root(address_github, tmp_path):
    github, settings = address_github
    github.push("The project's address", {"publishconf.py": settings})
    runner = Runner(tmp_path / "run", github.origin, context("push"))
    runner.context["github"]["event"]["repository"]["name"] = "Tracy.github.io"
    [step] = [s for s in load_workflow()["jobs"]["publish"]["steps"]
              if s.get("name") == "Work out the site's address"]

    outcome, log, _, _ = runner.run_step(step, runner.context, {}, {}, 0)

    assert outcome == "success", log
    assert read_env_file(runner.env_file) == {"SITEURL": "https://tracy.github.io"}


# -- The emulation itself ------------------------------------------------------------


def test_expressions_are_property_lookups_and_unset_ones_are_empty():
    ctx = context("push")
    assert evaluate("github.event.repository.name", ctx) == REPOSITORY
    assert evaluate("vars.SITEURL", ctx) == ""
    with pytest.raises(Exception, match="is not one the emulation knows"):
        evaluate("format('{0}', vars.X)", ctx)


def test_conditions_follow_the_job_s_state():
    assert condition_holds(None, job_failed=False)
    assert not condition_holds(None, job_failed=True)
    assert condition_holds("failure()", job_failed=True)
    assert condition_holds("${{ always() }}", job_failed=True)


def test_the_cache_restores_a_saved_path_on_its_key_and_never_overwrites_it(tmp_path):
    """actions/cache in the emulation: a miss, a save, a hit on the key, a
    prefix match that is no hit, and a key saved twice keeping its first."""
    store = CacheStore(tmp_path / "store")
    first, second = tmp_path / "first", tmp_path / "second"
    (first / ".venv/bin").mkdir(parents=True)
    (first / ".venv/bin/tool").write_text("one")
    second.mkdir()

    def step(action, key, **more):
        return {"uses": f"actions/cache/{action}@v5",
                "with": {"path": ".venv", "key": key, **more}}

    runner = type("Runner", (), {"cache": store, "workspace": first})()
    assert cache_restored(runner, step("restore", "venv-a"))[0]["cache-hit"] == "false"
    assert cache_saved(runner, step("save", "venv-a"))[1] == "saved .venv as venv-a"
    (first / ".venv/bin/tool").write_text("two")
    assert "already saved" in cache_saved(runner, step("save", "venv-a"))[1]

    runner.workspace = second
    outputs, log = cache_restored(runner, step("restore", "venv-a"))
    assert outputs == {"cache-hit": "true", "cache-primary-key": "venv-a",
                       "cache-matched-key": "venv-a"}
    assert (second / ".venv/bin/tool").read_text() == "one"
    outputs, _ = cache_restored(runner, step("restore", "venv-b", **{"restore-keys": "venv-"}))
    assert (outputs["cache-hit"], outputs["cache-matched-key"]) == ("false", "venv-a")
    assert cache_restored(runner, step("restore", "node-a"))[0]["cache-matched-key"] == ""


def test_conditions_read_step_outputs_and_imply_success():
    ctx = {"steps": {"build": {"outputs": {"changed": "true"}},
                     "venv": {"outputs": {"cache-hit": "true"}}}}
    changed = "steps.build.outputs.changed == 'true'"
    assert condition_holds(changed, job_failed=False, context=ctx)
    assert not condition_holds(changed, job_failed=True, context=ctx)  # success() && ...
    assert not condition_holds("steps.venv.outputs.cache-hit != 'true'", False, ctx)
    assert condition_holds("steps.node.outputs.cache-hit != 'true'", False, ctx)  # unset: ""
    assert condition_holds(f"{changed} && !(steps.venv.outputs.cache-hit == 'TRUE')",
                           False, ctx) is False


# -- Whether anything is new, decided before anything is installed ------------------

SCHEDULED = "---\ntitle: Later\ndate: 2026-12-20 09:00\nstatus: published\n---\n\nSoon.\n"


def test_a_run_builds_when_files_changed_or_a_scheduled_post_s_day_came(tmp_path):
    origin, project = tmp_path / "origin.git", tmp_path / "project"
    git(tmp_path, "init", "--quiet", "--bare", str(origin))
    git(tmp_path, "init", "--quiet", "--initial-branch", "main", str(project))
    (project / "content/articles").mkdir(parents=True)
    (project / "content/articles/later.md").write_text(SCHEDULED)
    who = ["-c", "user.name=T", "-c", "user.email=t@test.invalid"]
    git(project, "add", "--all")
    git(project, *who, "commit", "--quiet", "-m", "Site")
    git(project, "remote", "add", "origin", str(origin))
    assert why_something_is_new(project) == "nothing is live yet on gh-pages"

    def publish_live(message):
        """A gh-pages commit made on 2026-12-06, as publish makes it."""
        empty = git(project, "mktree", "--missing")
        env = {**os.environ, "GIT_COMMITTER_DATE": "2026-12-06T05:17:00Z"}
        commit = subprocess.run(["git", *who, "commit-tree", empty, "-m", message], cwd=project,
                                env=env, capture_output=True, text=True, check=True).stdout
        git(project, "push", "--quiet", "--force", "origin",
            f"{commit.strip()}:refs/heads/gh-pages")

    tree = git(project, "rev-parse", "HEAD^{tree}")
    publish_live(f"Publish\n\nSource commit: x\nSource tree: {tree}")
    day = datetime.date(2026, 12, 6)
    assert why_something_is_new(project, today=day + datetime.timedelta(days=1)) is None
    # The scheduled post's day (a day early: whatever the time zone).
    assert why_something_is_new(project, today=datetime.date(2026, 12, 19)) == \
        "a post's day may have come: content/articles/later.md"
    # A live site built from other files (or published before the tree was recorded).
    publish_live("Publish\n\nSource commit: x")
    assert why_something_is_new(project, today=day) == \
        "the project's files differ from those the live site was built from"
