"""The Pages workflow, run rather than read: its steps, in order, in fresh
clones of a repository whose `origin` is a local bare repository standing in
for GitHub, as a hosted runner would run them (tests/github_runner.py).

One sequence of runs serves every test here (each run installs the pinned
requirements into a fresh .venv and the locked npm packages, as GitHub
does): a push that publishes, a daily run with nothing new, a push of a
broken post, and a run of the workflow without its `npm ci` step. The wall
time of each step goes to test-artifacts/workflow-steps.md, and each run's
summary page to test-artifacts/workflow-summaries.md."""


import pytest
import yaml

from conftest import ROOT, copy_files, fill_in_placeholders, git, tip
from github_runner import Runner, condition_holds, evaluate, read_env_file

WORKFLOW = ROOT / ".github/workflows/pages.yml"
OWNER, REPOSITORY = "Tracy", "onebodycoach"
SITE = "https://tracy.github.io/onebodycoach"
PUBLISH_STEP = "Build, check and publish"
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
    pushed from a laptop clone."""

    def __init__(self, folder):
        self.folder = folder
        self.origin = folder / "github" / f"{REPOSITORY}.git"
        git(folder, "init", "--quiet", "--bare", str(self.origin))
        self.laptop = folder / "laptop"
        self.laptop.mkdir()
        copy_files(self.laptop)
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
            "commit", "--quiet", "-m", message)
        git(self.laptop, "push", "--quiet", "origin", "main")

    def run_workflow(self, event_name, workflow=None):
        self.runs += 1
        runner = Runner(self.folder / f"run-{self.runs}", self.origin, context(event_name))
        return runner.run_job(workflow or load_workflow(), "publish")

    def live(self):
        return tip(self.origin, "refs/heads/gh-pages")


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
    github.push("Remove the broken post")
    without_npm = load_workflow()
    steps = without_npm["jobs"]["publish"]["steps"]
    steps[:] = [step for step in steps if "npm ci" not in step.get("run", "")]
    results["without npm ci"] = (github.run_workflow("push", without_npm), github.live())
    report = ROOT / "test-artifacts" / "workflow-steps.md"
    report.parent.mkdir(exist_ok=True)
    report.write_text("\n\n".join(f"## {name}\n\n{job.timings()}"
                                  for name, (job, _) in results.items()) + "\n")
    summaries = ROOT / "test-artifacts" / "workflow-summaries.md"
    summaries.write_text("\n\n".join(f"# Run: {name}\n\n{job.summary}"
                                      for name, (job, _) in results.items()))
    results["origin"] = github.origin
    return results


def test_a_push_to_main_publishes_the_site_at_the_owner_s_address(runs):
    job, live = runs["push"]
    origin = runs["origin"]

    assert job.conclusion == "success", job.step(PUBLISH_STEP).log
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


def test_the_summary_says_what_was_published(runs):
    job, _ = runs["push"]
    lines = job.summary.splitlines()

    assert lines[:3] == ["## Published", "",
                         f"The site is live at {SITE} (GitHub Pages shows the new version "
                         "within a minute or two)."]
    assert f"- [“I can’t fire my glutes”]({SITE}/cant-fire-my-glutes/)" in lines
    assert lines[-1].endswith(" s.") and " pages, built, checked and published in " in lines[-1]
    assert int(lines[-1].split()[0]) >= 10


def test_a_daily_run_with_nothing_new_neither_fails_nor_pushes(runs):
    job, live = runs["daily, nothing new"]

    assert job.conclusion == "success", job.step(PUBLISH_STEP).log
    assert live == runs["push"][1]
    assert job.summary.startswith("## Nothing new to publish")


def test_a_broken_post_fails_the_run_and_leaves_gh_pages_as_it_was(runs):
    job, live = runs["push of a broken post"]

    assert job.conclusion == "failure"
    assert job.step(PUBLISH_STEP).outcome == "failure"
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
    assert "npm ci" in job.step(PUBLISH_STEP).log
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


@pytest.mark.parametrize("variables, configured, exported", ADDRESS_CASES.values(),
                         ids=ADDRESS_CASES.keys())
def test_the_site_address_comes_from_the_repository(tmp_path, variables, configured,
                                                    exported):
    github = GitHub(tmp_path)
    settings = github.laptop / "publishconf.py"
    assert PLACEHOLDER in settings.read_text()
    if configured != PLACEHOLDER:
        github.push("Address", {"publishconf.py": settings.read_text().replace(PLACEHOLDER,
                                                                                configured)})
    runner = Runner(tmp_path / "run", github.origin, {**context("push"), "vars": variables})
    workflow = load_workflow()
    [step] = [s for s in workflow["jobs"]["publish"]["steps"]
              if s.get("name") == "Work out the site's address"]

    outcome, log, _, _ = runner.run_step(step, runner.context, {}, {}, 0)

    assert outcome == "success", log
    assert read_env_file(runner.env_file) == exported


def test_a_user_site_is_served_from_the_root(tmp_path):
    github = GitHub(tmp_path)
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
    with pytest.raises(Exception, match="only property lookups"):
        evaluate("format('{0}', vars.X)", ctx)


def test_conditions_follow_the_job_s_state():
    assert condition_holds(None, job_failed=False)
    assert not condition_holds(None, job_failed=True)
    assert condition_holds("failure()", job_failed=True)
    assert condition_holds("${{ always() }}", job_failed=True)
