"""What the theme costs a reader, before and after a change, measured side by
side in one run: for every page type of the showcase (tests/showcase.py), the
gzipped bytes of HTML, CSS and JavaScript a phone loads before the reader
acts and the number of requests; then Lighthouse's four scores (mobile) on
the home page, an article with video, Videos, Search and About, the two
checkouts taking turns page by page.

`--before REF` builds the site of that commit too (from a temporary git
worktree): each checkout builds with its own theme and plugins.

Usage: .venv/bin/python -m benchmarks.shop_window [--before REF] [--no-lighthouse]
"""

import argparse
import contextlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks.browser import RENDER_TYPES, browser_reports  # noqa: E402
from checks.lighthouse import lighthouse_results  # noqa: E402
from tests import showcase  # noqa: E402
from tests.conftest import copy_files, run_pelican  # noqa: E402

LIGHTHOUSE_PAGES = {"home": "", "article with videos": "cant-fire-my-glutes/",
                    "videos": "videos/", "search": "search/", "about": "about/"}


@contextlib.contextmanager
def checkout_of(ref, scratch):
    """A git worktree of `ref` in scratch (its own plugins and theme)."""
    tree = scratch / f"checkout-{ref}"
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), ref],
                   cwd=ROOT, check=True)
    try:
        yield tree
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT)


def build_showcase(project, scratch, label):
    """The showcase built by `project`'s own code, in scratch/label."""
    copy = scratch / label
    if project == ROOT:
        copy_files(copy)
    else:
        subprocess.run(["cp", "-a", f"{project}/.", str(copy)], check=True)
    showcase.write_showcase(copy)
    build = run_pelican(copy, copy / "output")
    if build.returncode:
        raise SystemExit(f"{label} did not build:\n{build.log}")
    return build.output


def page_weights(output):
    """{page type: (gzipped render bytes, requests)} as checks/browser.py loads them."""
    paths = list(showcase.PAGE_TYPES.values())
    reports = dict(zip(paths, browser_reports(output, paths), strict=True))
    return {name: (sum(size for _, kind, size in reports[path].requests if kind in RENDER_TYPES),
                   len(reports[path].requests))
            for name, path in showcase.PAGE_TYPES.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a commit to compare with (default: none)")
    parser.add_argument("--no-lighthouse", action="store_true")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch, contextlib.ExitStack() as stack:
        scratch = Path(scratch)
        projects = {"now": ROOT}
        if options.before:
            projects = {options.before: stack.enter_context(checkout_of(options.before, scratch)),
                        "now": ROOT}
        outputs = {label: build_showcase(project, scratch, label.replace("/", "-"))
                   for label, project in projects.items()}
        weights = {label: page_weights(output) for label, output in outputs.items()}
        labels = list(outputs)
        print("| page | " + " | ".join(f"{label}: bytes gz, requests" for label in labels) + " |")
        print("|---|" + "---|" * len(labels))
        for name in showcase.PAGE_TYPES:
            cells = [f"{weights[label][name][0]:,}, {weights[label][name][1]}" for label in labels]
            print(f"| {name} | " + " | ".join(cells) + " |")
        if options.no_lighthouse:
            return 0
        print("\n| page | " + " | ".join(f"{label}: Lighthouse" for label in labels) + " |")
        print("|---|" + "---|" * len(labels))
        for name, path in LIGHTHOUSE_PAGES.items():  # the checkouts take turns
            cells = []
            for label in labels:
                results = lighthouse_results(outputs[label], [path]).scores
                scores = results.get(path, {})
                cells.append("/".join(str(scores.get(c, "-")) for c in
                                      ("performance", "accessibility", "best-practices", "seo")))
            print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
