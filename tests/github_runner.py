"""A GitHub Actions job, run here as a hosted runner runs it: each `run:` step
in order with `bash -e`, in a fresh clone of a repository, with the
variables and files GitHub gives a step (CI, GITHUB_ACTIONS, GITHUB_ENV,
GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_PATH), `${{ }}` expressions filled
from a small context, and `if:` conditions on the job's state.

A `uses:` step counts as done only where this machine really has what the
action provides (ACTIONS): a checkout is the clone itself; setup-python and
setup-node must find that exact Python or Node here (and give their
`python-version`, `node-version` outputs), and their `cache:` download caches
are this machine's own pip and npm caches. actions/cache's restore and save
are done for real: a folder (CacheStore) stands in for GitHub's cache store,
each entry a zstd tar of the path under its key, restored on an exact key
(`cache-hit` true) or a prefix, and never overwritten, as on GitHub.

Like a hosted runner, the workspace is the same folder run after run
(`work/REPO/REPO`), the job before's set aside (retire) and cloned afresh:
a restored .venv's scripts point to where it was made, and on GitHub that
is where they are run.

An action it does not know fails the run, and so does an expression it
cannot read: the emulation never guesses.
"""

import functools
import hashlib
import json
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


TOKEN = re.compile(r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\)|,)"
                   r"|(?P<name>[A-Za-z_][\w.-]*))")
STATUS_FUNCTIONS = {"success", "failure", "always", "cancelled"}


class Expression:
    """A `${{ }}` expression, read as GitHub reads the few forms a workflow here
    writes: property lookups (`vars.SITEURL`, `steps.venv.outputs.cache-hit`;
    a missing one is ""), 'strings', `==` and `!=` (strings compared without
    case), `!`, `&&`, `||`, parentheses, the job's status functions and
    hashFiles(path). Anything else is UnsupportedWorkflow."""

    def __init__(self, text, context, job_failed=False, workspace=None):
        self.text, self.context = text, context
        self.job_failed, self.workspace = job_failed, workspace
        self.tokens, position = [], 0
        while position < len(text.rstrip()):
            match = TOKEN.match(text, position)
            if not match:
                raise UnsupportedWorkflow(f"expression {text!r}: cannot read {text[position:]!r}")
            self.tokens.append((match.lastgroup, match.group(match.lastgroup)))
            position = match.end()
        self.uses_status = any(kind == "name" and value in STATUS_FUNCTIONS
                               for kind, value in self.tokens)

    def value(self):
        result = self.either()
        if self.tokens:
            raise UnsupportedWorkflow(f"expression {self.text!r}: unexpected {self.tokens[0][1]!r}")
        return result

    def take(self, value=None):
        if not self.tokens or (value is not None and self.tokens[0][1] != value):
            raise UnsupportedWorkflow(f"expression {self.text!r}: expected {value or 'more'}")
        return self.tokens.pop(0)

    def peek(self, *values):
        return bool(self.tokens) and self.tokens[0][0] == "op" and self.tokens[0][1] in values

    def either(self):
        return self.chain("||", self.both, lambda left, right: left if truthy(left) else right)

    def both(self):
        return self.chain("&&", self.comparison,
                          lambda left, right: right if truthy(left) else left)

    def chain(self, operator, operand, combine):
        """operand (operator operand)*, combined from the left as GitHub does."""
        left = operand()
        while self.peek(operator):
            self.take()
            left = combine(left, operand())
        return left

    def comparison(self):
        left = self.unary()
        if self.peek("==", "!="):
            operator = self.take()[1]
            same = loose(left) == loose(self.unary())
            return same if operator == "==" else not same
        return left

    def unary(self):
        if self.peek("!"):
            self.take()
            return not truthy(self.unary())
        return self.primary()

    def primary(self):
        kind, value = self.take()
        if kind == "string":
            return value[1:-1].replace("''", "'")
        if kind == "op" and value == "(":
            inner = self.either()
            self.take(")")
            return inner
        if kind != "name":
            raise UnsupportedWorkflow(f"expression {self.text!r}: unexpected {value!r}")
        if self.peek("("):
            return self.call(value)
        if value in ("true", "false"):
            return value == "true"
        return self.lookup(value)

    def call(self, function):
        self.take("(")
        arguments = []
        while not self.peek(")"):
            arguments.append(self.either())
            if self.peek(","):
                self.take()
        self.take(")")
        if function in STATUS_FUNCTIONS and not arguments:
            return {"success": not self.job_failed, "failure": self.job_failed,
                    "always": True, "cancelled": False}[function]
        if function == "hashFiles" and arguments and self.workspace:
            return hash_files(self.workspace, arguments)
        raise UnsupportedWorkflow(f"expression {self.text!r}: the function {function}() "
                                  "is not one the emulation knows")

    def lookup(self, dotted):
        value = self.context
        for part in dotted.split("."):
            value = value.get(part, "") if isinstance(value, dict) else ""
        return "" if value is None else value


def truthy(value):
    return value not in ("", False, None, 0)


def loose(value):
    """== as GitHub compares: strings without case; true/false as they are."""
    return value.lower() if isinstance(value, str) else value


def hash_files(workspace, patterns):
    """hashFiles(): the SHA-256 of each matching file's SHA-256, in path order;
    "" when nothing matches."""
    files = sorted({path for pattern in patterns for path in Path(workspace).glob(pattern)
                    if path.is_file()})
    if not files:
        return ""
    digest = hashlib.sha256()
    for path in files:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def evaluate(expression, context, workspace=None):
    """A `${{ }}` expression's value as text, as GitHub puts it into a string."""
    value = Expression(expression, context, workspace=workspace).value()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def fill(text, context, workspace=None):
    return EXPRESSION.sub(lambda m: evaluate(m.group(1), context, workspace), str(text))


def condition_holds(condition, job_failed, context=None, workspace=None):
    """`if:` as GitHub reads it: success() unless the condition calls a status
    function itself (failure(), always()...), else `success() && (condition)`."""
    text = (condition or "success()").strip()
    whole = EXPRESSION.fullmatch(text)
    text = whole.group(1) if whole else text
    expression = Expression(text, context or {}, job_failed, workspace)
    holds = truthy(expression.value())
    return holds if expression.uses_status else holds and not job_failed


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
    if here != wanted:
        return f"it wants Python {wanted}, this machine has {here}"
    full = subprocess.run(["python3", "-c", "import platform; print(platform.python_version())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    return {"python-version": full, "python-path": shutil.which("python3")}


def node_is_here(runner, step):
    wanted, here = str(step["with"]["node-version"]), machine_node_major()
    if here != wanted:
        return f"it wants Node {wanted}, this machine has {here}"
    version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout
    return {"node-version": version.strip()}


def cache_restored(runner, step):
    """actions/cache/restore: the entry saved under `key` (a hit), else the
    newest whose key starts with `key` or one of `restore-keys` (not a hit),
    unpacked into the workspace; nothing found is no failure."""
    key, path = step["with"]["key"], step["with"]["path"]
    prefixes = [key, *str(step["with"].get("restore-keys", "")).split("\n")]
    matched = runner.cache.find(key, [prefix.strip() for prefix in prefixes if prefix.strip()])
    if matched:
        runner.cache.restore(matched, runner.workspace)
    return {"cache-hit": "true" if matched == key else "false",
            "cache-primary-key": key, "cache-matched-key": matched or ""}, \
        f"restored {path} from {matched}" if matched else f"no cache for {key}"


def cache_saved(runner, step):
    """actions/cache/save: pack `path` under `key`, unless that key is taken
    (an entry never changes; GitHub only warns)."""
    key, path = step["with"].get("key", ""), step["with"]["path"]
    if not key:
        return "Input required and not supplied: key"
    if not (runner.workspace / path).exists():  # GitHub warns, and saves nothing
        return {}, f"Warning: the path {path} does not exist, hence no cache is being saved."
    saved = runner.cache.save(key, runner.workspace, path)
    return {}, f"saved {path} as {key}" if saved else f"{key} is already saved: kept as it was"


# What each action provides, and how to tell this machine really has it:
# a function returning None (or the step's outputs, or outputs and a log)
# when it has, else why not.
ACTIONS = {"actions/checkout": checked_out,
           "actions/setup-python": python_is_here,
           "actions/setup-node": node_is_here,
           "actions/cache/restore": cache_restored,
           "actions/cache/save": cache_saved}


class CacheStore:
    """GitHub's cache store, in a folder: each entry a zstd-compressed tar (as
    actions/cache makes them) with an index of key and time saved."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.index = self.folder / "index.json"

    def entries(self):
        return json.loads(self.index.read_text()) if self.index.exists() else {}

    def archive(self, key):
        return self.folder / (hashlib.sha256(key.encode()).hexdigest() + ".tar.zst")

    def find(self, key, prefixes):
        entries = self.entries()
        if key in entries:
            return key
        for prefix in prefixes:
            matching = [k for k in entries if k.startswith(prefix)]
            if matching:
                return max(matching, key=lambda k: entries[k])
        return None

    def restore(self, key, workspace):
        subprocess.run(f"zstd -d -q -c {self.archive(key)} | tar -xf - -C {workspace}",
                       shell=True, check=True)

    def save(self, key, workspace, path):
        entries = self.entries()
        if key in entries:
            return False
        subprocess.run(f"tar -cf - -C {workspace} {path} | zstd -q -T0 -o {self.archive(key)}",
                       shell=True, check=True)
        self.index.write_text(json.dumps({**entries, key: time.time()}))
        return True


@functools.cache
def machine_caches():
    """setup-python's and setup-node's `cache:` restore the pip and npm caches:
    here they are the machine's own. Asked once (npm takes seconds to answer on
    a busy machine), not in every step's time."""
    pip_cache = subprocess.run(["python3", "-m", "pip", "cache", "dir"], capture_output=True,
                               text=True).stdout.strip()
    npm_cache = subprocess.run(["npm", "config", "get", "cache"], capture_output=True,
                               text=True).stdout.strip() if shutil.which("npm") else ""
    return {key: value for key, value in [("PIP_CACHE_DIR", pip_cache),
                                          ("npm_config_cache", npm_cache)] if value}


RETIRED_WORKSPACE = "workspace-of-the-job-before"


def retire(workspace, aside):
    """Move the job before's workspace out of the way, kept until the whole
    emulation's folder goes (or GitHub.discard_retired_workspaces in
    test_workflow.py, once no job is timed). A hosted runner is a fresh
    machine for each job.
    Deleting the last job's 20,000 files here instead slowed this job's cache
    restores 3 to 9 times (node_modules: 0.7 s on a fresh folder, 3.4 to 6.5 s
    after a deletion): for minutes after a deletion, ext4 checks the freed
    inodes one by one each time it creates a file (perf: `recently_deleted`
    under `ext4_create`), a cost no fresh machine pays."""
    if workspace.exists():
        workspace.rename(aside)


class Runner:
    """One job run: a fresh clone of `origin` at its main branch, its own HOME
    and runner folders, and the context its expressions read."""

    def __init__(self, folder, origin, context, workspace=None, cache=None):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True)
        self.workspace = Path(workspace) if workspace else self.folder / "workspace"
        self.home = self.folder / "home"
        self.temp = self.folder / "runner-temp"
        self.cache = cache or CacheStore(self.folder / "cache")
        self.home.mkdir()
        self.temp.mkdir()
        retire(self.workspace, self.folder / RETIRED_WORKSPACE)  # a fresh runner
        self.workspace.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "clone", "--quiet", "--branch", "main", str(origin),
                        str(self.workspace)], check=True, capture_output=True)
        self.commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=self.workspace,
                                     capture_output=True, text=True).stdout.strip()
        self.context = context
        machine_caches()  # the machine's own, asked before the job's clock starts
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
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "1",
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
            context = {**self.context, "steps": outputs, "runner": {"os": "Linux"}}
            if not condition_holds(step.get("if"), result.conclusion == "failure", context,
                                   self.workspace):
                result.steps.append(StepResult(name, "skipped"))
                continue
            started = time.monotonic()
            if "uses" in step:
                outcome, log, step_outputs = self.use_action(step, context)
                if "id" in step:
                    outputs[step["id"]] = {"outputs": step_outputs}
            else:
                outcome, log, step_outputs, summary = self.run_step(
                    step, context, workflow.get("env", {}), definition.get("env", {}), number)
                result.summary += summary
                if "id" in step:
                    outputs[step["id"]] = {"outputs": step_outputs}
            result.steps.append(StepResult(name, outcome, time.monotonic() - started, log))
        return result

    def use_action(self, step, context):
        """(outcome, log, outputs) of a `uses:` step, its `with:` filled in."""
        action = step["uses"].split("@")[0]
        if action not in ACTIONS:
            raise UnsupportedWorkflow(f"uses: {step['uses']}: the emulation does not know "
                                      "what it provides")
        step = {**step, "with": {key: fill(value, context, self.workspace)
                                 for key, value in step.get("with", {}).items()}}
        done = ACTIONS[action](self, step)
        if isinstance(done, str):
            return "failure", f"{action}: {done}", {}
        outputs, log = done if isinstance(done, tuple) else (done or {}, "")
        return "success", log, outputs

    def run_step(self, step, context, workflow_env, job_env, number):
        """Run one `run:` step with `bash -e`, as GitHub does without `shell:`."""
        if step.get("shell", "bash") != "bash":
            raise UnsupportedWorkflow(f"shell: {step['shell']}")
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail"] if "shell" in step \
            else ["bash", "-e"]
        script = self.temp / f"step-{number}.sh"
        script.write_text(fill(step["run"], context, self.workspace), encoding="utf-8")
        summary, outputs = self.temp / f"summary-{number}.md", self.temp / f"output-{number}"
        summary.touch()
        outputs.touch()
        env = {**self.base_env(),
               **{k: fill(v, context, self.workspace)
                  for k, v in {**workflow_env, **job_env}.items()},
               **read_env_file(self.env_file),
               **{k: fill(v, context, self.workspace) for k, v in step.get("env", {}).items()},
               "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs)}
        done = subprocess.run([*command, str(script)], cwd=self.workspace, env=env,
                              capture_output=True, text=True)
        outcome = "success" if done.returncode == 0 else "failure"
        return (outcome, done.stdout + done.stderr, read_env_file(outputs),
                summary.read_text(encoding="utf-8"))
