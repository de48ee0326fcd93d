"""Workflow benchmark: the Pages workflow's steps, run in the emulation
(tests/github_runner.py) as a hosted runner runs them, for the four runs the
coach meets, and the wall time of each step.

  cold    the first push: an empty cache store (pip's and npm's download
          caches are this machine's own, as setup-python's and setup-node's
          `cache:` would restore them)
  warm    a push of a new post, with the caches the cold run left
  daily   the daily run with nothing new
  broken  a push of a post with a broken link (the run must fail)

With --against REF it runs the same four for the project at git REF too
(its own workflow and code, in this emulation), interleaved run by run
(cold of both, then warm of both...), so that the machine's swings hit both
alike. It prints each run's step table and then the totals side by side.

Usage: .venv/bin/python benchmarks/workflow.py [--against REF] [--runs cold,warm,daily,broken]
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_workflow import BROKEN_POST, GitHub  # noqa: E402

from conftest import copy_files  # noqa: E402

NEW_POST = """---
title: Three ways to wake up your feet
date: 2026-11-28 09:00
category: Running
tags:
- feet
summary: Why your feet go quiet in trainers, and three drills to wake them up.
status: published
---

Most runners never think about their feet until they hurt.

Stand on one leg for thirty seconds, barefoot, and notice what your toes do.
"""

# What each run pushes first, and the event that starts it.
RUNS = {
    "cold": ("push", None),
    "warm": ("push", {"content/articles/wake-up-your-feet.md": NEW_POST}),
    "daily": ("schedule", None),
    "broken": ("push", {"content/articles/hip-hinge.md": BROKEN_POST}),
}
EXPECTED = {"cold": "success", "warm": "success", "daily": "success", "broken": "failure"}


def files_at(ref):
    """A `files(folder)` that writes the project's tracked files at git `ref`."""
    def write(folder):
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return write


def run(github, name):
    event, files = RUNS[name]
    if files:
        github.push(f"The {name} run's change", files)
    return github.run_workflow(event)


def total(job):
    return sum(step.seconds for step in job.steps)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", help="also run the project at this git ref, e.g. main")
    parser.add_argument("--runs", default=",".join(RUNS),
                        help="which runs, in order (default: cold,warm,daily,broken)")
    args = parser.parse_args()
    names = args.runs.split(",")
    with tempfile.TemporaryDirectory(prefix="workflow-bench-") as scratch:
        projects = {"this checkout": GitHub(Path(scratch) / "this", copy_files)}
        if args.against:
            projects[args.against] = GitHub(Path(scratch) / "against", files_at(args.against))
        totals = []
        for name in names:
            for label, github in projects.items():
                job = run(github, name)
                print(f"\n## {name}: {label} ({job.conclusion}, {total(job):.1f} s)\n\n"
                      f"{job.timings()}", flush=True)
                if job.conclusion != EXPECTED[name]:
                    failed = [s for s in job.steps if s.outcome == "failure"]
                    print("\n".join(s.log[-3000:] for s in failed), file=sys.stderr)
                totals.append((name, label, job))
        print("\n## Totals\n\n| run | project | conclusion | steps in all |\n|---|---|---|---|")
        for name, label, job in totals:
            print(f"| {name} | {label} | {job.conclusion} | {total(job):.1f} s |")


if __name__ == "__main__":
    main()
