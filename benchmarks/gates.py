"""Gates benchmark: each quality gate's time, and the total, one after
another (the gates as they are at git REF, main by default) and side by side
(this tree), interleaved in one run, on the production build of the real
site as `./dev publish` checks it.

The production site is built once and both paths check that same folder;
each path also makes its development build of the same sources (the
browsers' site), as publish does. Each run is a fresh Python process:

  one after another   REF's gates called in REF's order (check_built_site):
                      links and HTML on the production site, the development
                      build, then links, HTML, the browser and Lighthouse on it
  side by side        this tree's check_sites, every gate timed from its
                      start to its end inside the run

A gate's time beside others is its own wall time while the others run too;
the totals are what the coach waits. Links and HTML add up both sites.
Timings only: whether a gate passed is the tests' business, but a run in
which a gate failed (Lighthouse's performance on a busy machine, say) is
marked, since a failure stops the side-by-side run early.

Usage: .venv/bin/python benchmarks/gates.py [--against main] [--repeats 1]
"""

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GATES = ["links", "html", "development build", "browser", "lighthouse"]
PATHS = {"sequential": "one after another", "parallel": "side by side"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="main", help="git ref of the gates one after another")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--time-one", choices=PATHS, help=argparse.SUPPRESS)
    parser.add_argument("--code", help=argparse.SUPPRESS)
    parser.add_argument("--site", help=argparse.SUPPRESS)
    parser.add_argument("--siteurl", help=argparse.SUPPRESS)
    parser.add_argument("--pages", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time_one:
        print(json.dumps(time_one(args.time_one, Path(args.code), Path(args.site),
                                  args.siteurl, json.loads(args.pages))))
        return 0
    with tempfile.TemporaryDirectory(prefix="gates-bench-") as scratch:
        scratch = Path(scratch)
        before = checkout(args.against, scratch / "before")
        site = build_production(scratch / "site")
        runs = {path: [] for path in PATHS}
        for repeat in range(args.repeats):
            # Interleaved, each round in the other order: the machine's swings hit both.
            order = list(PATHS) if repeat % 2 == 0 else list(reversed(PATHS))
            for path in order:
                code = before if path == "sequential" else ROOT
                runs[path].append(run_one(path, code, site))
                print(f"round {repeat + 1}, {PATHS[path]}: "
                      f"{runs[path][-1]['total']:.1f} s", file=sys.stderr)
    print_table(runs, args.against)
    return 0


def checkout(ref, folder):
    """The project's files at `ref`, with this tree's npm packages (the gates'
    tools: vnu.jar, axe-core, Lighthouse)."""
    folder.mkdir()
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    (folder / "node_modules").symlink_to((ROOT / "node_modules").resolve())
    return folder


def build_production(output):
    sys.path.insert(0, str(ROOT))
    from site_tools.gates import build_strictly

    with contextlib.redirect_stdout(sys.stderr):
        build_strictly(ROOT, ROOT / "publishconf.py", output)
    return output


def run_one(path, code, site):
    """Time one path in a fresh process, its gates' modules imported from `code`."""
    from site_tools.build import production_setting
    from tasks import CONFIG

    done = subprocess.run(
        [sys.executable, __file__, "--time-one", path, "--code", str(code), "--site", str(site),
         "--siteurl", production_setting(ROOT, "SITEURL"),
         "--pages", json.dumps(CONFIG["lighthouse_pages"])],
        cwd=ROOT, stdout=subprocess.PIPE, check=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def time_one(path, code, site, siteurl, pages):
    """{gate: seconds, "total": seconds, "failed": bool} for one path, with
    the gates' modules imported from `code`."""
    sys.path.insert(0, str(code))
    with contextlib.redirect_stdout(sys.stderr), tempfile.TemporaryDirectory() as scratch:
        timer = sequential_gates if path == "sequential" else parallel_gates
        return timer(site, siteurl, pages, Path(scratch) / "development")


def sequential_gates(site, siteurl, pages, development):
    """REF's gates, as its check_built_site calls them."""
    from checks.browser import browser_problems
    from checks.html_valid import html_errors
    from checks.lighthouse import lighthouse_results
    from checks.links import broken_internal_links
    from site_tools.gates import build_strictly

    times, found = dict.fromkeys(GATES, 0.0), []

    def timed(gate, step, *args):
        started = time.monotonic()
        result = step(*args)
        times[gate] += time.monotonic() - started
        return result

    started = time.monotonic()
    found += timed("links", broken_internal_links, site, siteurl)
    found += timed("html", html_errors, site)
    timed("development build", build_strictly, ROOT, ROOT / "pelicanconf.py", development)
    found += timed("links", broken_internal_links, development)
    found += timed("html", html_errors, development)
    found += timed("browser", browser_problems, development)
    found += timed("lighthouse", lighthouse_results, development, pages)[1]
    return {**times, "total": time.monotonic() - started, "failed": bool(found)}


def parallel_gates(site, siteurl, pages, development):
    """This tree's check_sites, each gate's calls timed from start to end."""
    import checks.browser
    import checks.html_valid
    import checks.lighthouse
    import checks.links
    from site_tools.build import Failed
    from site_tools.gates import build_strictly, check_sites

    times = dict.fromkeys(GATES, 0.0)

    def timing(gate, step):
        def timed(*args, **kwargs):
            started = time.monotonic()
            try:
                return step(*args, **kwargs)
            finally:
                times[gate] += time.monotonic() - started
        return timed

    checks.links.broken_internal_links = timing("links", checks.links.broken_internal_links)
    checks.html_valid.html_errors_by_folder = timing("html",
                                                     checks.html_valid.html_errors_by_folder)
    checks.browser.browser_problems = timing("browser", checks.browser.browser_problems)
    checks.lighthouse.lighthouse_results = timing("lighthouse",
                                                  checks.lighthouse.lighthouse_results)
    build_development = timing("development build", lambda folder: build_strictly(
        ROOT, ROOT / "pelicanconf.py", folder))
    started, failed = time.monotonic(), False
    try:
        check_sites(site, siteurl, build_development, pages, tools_ready=True)
    except Failed:
        failed = True
    return {**times, "total": time.monotonic() - started, "failed": failed}


def print_table(runs, against):
    def cell(path, gate):
        return f"{statistics.median(run[gate] for run in runs[path]):.1f} s"

    print(f"| gate | one after another ({against}) | side by side |")
    print("|---|---|---|")
    for gate in [*GATES, "total"]:
        print(f"| {gate} | {cell('sequential', gate)} | {cell('parallel', gate)} |")
    for path, label in PATHS.items():
        failed = sum(run["failed"] for run in runs[path])
        if failed:
            print(f"\n{label}: a gate failed in {failed} of {len(runs[path])} run(s).")


if __name__ == "__main__":
    sys.exit(main())
