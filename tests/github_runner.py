"""A GitHub Actions job, run here as a hosted runner runs it: each `run:` step
in order with `bash -e`, in a fresh clone of a repository, with the
variables and files GitHub gives a step (CI, GITHUB_ACTIONS, GITHUB_ENV,
GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_PATH), `${{ }}` expressions filled
from a small context, and `if:` conditions on the job's state.

A `uses:` step counts as done only where this machine really has what the
action provides (ACTIONS): a checkout is the clone itself; setup-python and
setup-node must find that exact Python or Node here, and their caches are
this machine's own pip and npm caches. An action it does not know fails the
run, and so does an expression it cannot read: the emulation never guesses.
"""

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
DOTTED = re.compile(r"^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$")


class UnsupportedWorkflow(Exception):
    """The workflow uses something this emulation cannot do faithfully."""


@dataclass
class StepResult:
    name: str
    outcome: str  # success, failure or skipped
    seconds: float = 0.0
    log: str = ""


@dataclass
class JobResult:
    steps: list = field(default_factory=list)
    summary: str = ""  # the run's summary page: every step's summary, in order

    @property
    def conclusion(self):
        return "failure" if any(s.outcome == "failure" for s in self.steps) else "success"

    def step(self, name):
        return next(step for step in self.steps if step.name == name)

    def timings(self):
        """The wall time of each step, as a Markdown table."""
        rows = [f"| {step.name} | {step.outcome} | {step.seconds:.1f} s |" for step in self.steps]
        return "\n".join(["| step | outcome | wall time |", "|---|---|---|", *rows])


def step_name(step):
    if "name" in step:
        return step["name"]
    return step["uses"] if "uses" in step else step["run"].splitlines()[0]


def evaluate(expression, context):
    """A `${{ }}` expression: only property lookups (`vars.SITEURL`,
    `github.event.repository.name`); a missing property is "", as on GitHub."""
    if not DOTTED.match(expression):
        raise UnsupportedWorkflow(f"expression {expression!r}: only property lookups")
    value = context
    for part in expression.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return "" if value is None else str(value)


def fill(text, context):
    return EXPRESSION.sub(lambda m: evaluate(m.group(1), context), str(text))


def condition_holds(condition, job_failed):
    """`if:` as the workflow may write it: success() (the default), failure(), always()."""
    condition = EXPRESSION.sub(r"\1", (condition or "success()").strip()).strip()
    if condition == "success()":
        return not job_failed
    if condition == "failure()":
        return job_failed
    if condition == "always()":
        return True
    raise UnsupportedWorkflow(f"if: {condition!r}")


def read_env_file(path):
    """KEY=VALUE lines and KEY<<DELIMITER blocks, as GitHub reads GITHUB_ENV."""
    values, lines = {}, Path(path).read_text(encoding="utf-8").splitlines()
    while lines:
        line = lines.pop(0)
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delimiter = line.split("<<", 1)
            block = []
            while lines and lines[0] != delimiter:
                block.append(lines.pop(0))
            lines.pop(0)
            values[key] = "\n".join(block)
        elif "=" in line:
            key, value = line.split("=", 1)
            values[key] = value
    return values


def machine_python_version():
    out = subprocess.run(["python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def machine_node_major():
    if not shutil.which("node"):
        return None
    return subprocess.run(["node", "--version"], capture_output=True,
                          text=True).stdout.strip().lstrip("v").split(".")[0]


def checked_out(runner, step):
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=runner.workspace,
                          capture_output=True, text=True).stdout.strip()
    if head != runner.commit:
        return f"the workspace is at {head!r}, not the pushed commit {runner.commit}"
    return None


def python_is_here(runner, step):
    wanted, here = str(step["with"]["python-version"]), machine_python_version()
    return None if here == wanted else f"it wants Python {wanted}, this machine has {here}"


def node_is_here(runner, step):
    wanted, here = str(step["with"]["node-version"]), machine_node_major()
    return None if here == wanted else f"it wants Node {wanted}, this machine has {here}"


# What each action provides, and how to tell this machine really has it:
# a function returning None when it has, else why not.
ACTIONS = {"actions/checkout": checked_out,
           "actions/setup-python": python_is_here,
           "actions/setup-node": node_is_here}


def machine_caches():
    """setup-python's and setup-node's `cache:` restore the pip and npm caches:
    here they are the machine's own."""
    pip_cache = subprocess.run(["python3", "-m", "pip", "cache", "dir"], capture_output=True,
                               text=True).stdout.strip()
    npm_cache = subprocess.run(["npm", "config", "get", "cache"], capture_output=True,
                               text=True).stdout.strip() if shutil.which("npm") else ""
    return {key: value for key, value in [("PIP_CACHE_DIR", pip_cache),
                                          ("npm_config_cache", npm_cache)] if value}


class Runner:
    """One job run: a fresh clone of `origin` at its main branch, its own HOME
    and runner folders, and the context its expressions read."""

    def __init__(self, folder, origin, context):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True)
        self.workspace = self.folder / "workspace"
        self.home = self.folder / "home"
        self.temp = self.folder / "runner-temp"
        self.home.mkdir()
        self.temp.mkdir()
        subprocess.run(["git", "clone", "--quiet", "--branch", "main", str(origin),
                        str(self.workspace)], check=True, capture_output=True)
        self.commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=self.workspace,
                                     capture_output=True, text=True).stdout.strip()
        self.context = context
        self.env_file = self.temp / "github_env"
        self.path_file = self.temp / "github_path"
        self.env_file.touch()
        self.path_file.touch()

    def base_env(self):
        """What a hosted runner's step starts from, before the workflow's own env."""
        github = self.context["github"]
        added_path = self.path_file.read_text().split()
        return {
            "PATH": os.pathsep.join([*reversed(added_path), os.environ["PATH"]]),
            "HOME": str(self.home), "LANG": "C.UTF-8",
            "CI": "true", "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_REPOSITORY": github["repository"],
            "GITHUB_REPOSITORY_OWNER": github["repository_owner"],
            "GITHUB_EVENT_NAME": github["event_name"],
            "GITHUB_ENV": str(self.env_file), "GITHUB_PATH": str(self.path_file),
            "RUNNER_OS": "Linux", "RUNNER_TEMP": str(self.temp),
            **machine_caches(),
        }

    def run_job(self, workflow, job):
        definition = workflow["jobs"][job]
        result, outputs = JobResult(), {}
        for number, step in enumerate(definition["steps"]):
            name = step_name(step)
            if not condition_holds(step.get("if"), result.conclusion == "failure"):
                result.steps.append(StepResult(name, "skipped"))
                continue
            context = {**self.context, "steps": outputs}
            started = time.monotonic()
            if "uses" in step:
                outcome, log = self.use_action(step)
            else:
                outcome, log, step_outputs, summary = self.run_step(
                    step, context, workflow.get("env", {}), definition.get("env", {}), number)
                result.summary += summary
                if "id" in step:
                    outputs[step["id"]] = {"outputs": step_outputs}
            result.steps.append(StepResult(name, outcome, time.monotonic() - started, log))
        return result

    def use_action(self, step):
        action = step["uses"].split("@")[0]
        if action not in ACTIONS:
            raise UnsupportedWorkflow(f"uses: {step['uses']}: the emulation does not know "
                                      "what it provides")
        missing = ACTIONS[action](self, step)
        return ("failure", f"{action}: {missing}") if missing else ("success", "")

    def run_step(self, step, context, workflow_env, job_env, number):
        """Run one `run:` step with `bash -e`, as GitHub does without `shell:`."""
        if step.get("shell", "bash") != "bash":
            raise UnsupportedWorkflow(f"shell: {step['shell']}")
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail"] if "shell" in step \
            else ["bash", "-e"]
        script = self.temp / f"step-{number}.sh"
        script.write_text(fill(step["run"], context), encoding="utf-8")
        summary, outputs = self.temp / f"summary-{number}.md", self.temp / f"output-{number}"
        summary.touch()
        outputs.touch()
        env = {**self.base_env(),
               **{k: fill(v, context) for k, v in {**workflow_env, **job_env}.items()},
               **read_env_file(self.env_file),
               **{k: fill(v, context) for k, v in step.get("env", {}).items()},
               "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs)}
        done = subprocess.run([*command, str(script)], cwd=self.workspace, env=env,
                              capture_output=True, text=True)
        outcome = "success" if done.returncode == 0 else "failure"
        return (outcome, done.stdout + done.stderr, read_env_file(outputs),
                summary.read_text(encoding="utf-8"))
