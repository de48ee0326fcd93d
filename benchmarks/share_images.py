"""What the share pictures (plugins/share_images) add to a build of the real
site: `./dev build` of the project as it is now against the project at a git
ref (before the plugin), side by side in one run, interleaved so that the
machine's swings hit both alike. "cold": with no cache (every picture drawn,
every photo encoded); "warm": the cache of the build before (nothing drawn).
Prints the median of each, in seconds of the clock and of CPU (every process
of the build added up: steadier than the clock on a busy machine), and what
the pictures add.

Usage: .venv/bin/python benchmarks/share_images.py [--against main] [--repeats 5]
"""

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: the project's root on the path
    sys.path.insert(0, str(ROOT))
from benchmarks.build import PROJECT_PARTS, copy_project, project_at, timed  # noqa: E402

BUILD = [sys.executable, "-m", "invoke", "build"]


def cpu_seconds_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_seconds(folder, cold):
    """(clock, CPU) seconds of one `./dev build` in `folder`, from no cache when `cold`."""
    shutil.rmtree(folder / "output", ignore_errors=True)
    if cold:
        shutil.rmtree(folder / "cache", ignore_errors=True)
    cpu = cpu_seconds_of_children()
    seconds, _ = timed(BUILD, folder, False)
    return seconds, cpu_seconds_of_children() - cpu


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="main", help="the git ref before the plugin")
    parser.add_argument("--repeats", type=int, default=5, help="builds of each kind")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-share-") as scratch:
        sites = {"before": Path(scratch) / "before", "now": Path(scratch) / "now"}
        project_at(args.against, sites["before"])
        copy_project(ROOT, sites["now"])
        assert "content/articles" not in PROJECT_PARTS  # the real posts: copy them too
        shutil.copytree(ROOT / "content" / "articles", sites["now"] / "content" / "articles")
        times = {(name, kind): [] for name in sites for kind in ("cold", "warm")}
        for _ in range(args.repeats):
            for kind in ("cold", "warm"):
                for name, folder in sites.items():
                    times[name, kind].append(build_seconds(folder, kind == "cold"))
        print(f"./dev build of the real site, {args.repeats} of each, interleaved (medians):")
        for kind in ("cold", "warm"):
            for clock, what in ((0, "clock"), (1, "CPU")):
                before, now = (statistics.median(run[clock] for run in times[name, kind])
                               for name in sites)
                print(f"  {kind}, {what:<5}: {args.against} {before:5.2f} s, now {now:5.2f} s,"
                      f" {now - before:+.2f} s ({now / before - 1:+.0%})")


if __name__ == "__main__":
    main()
