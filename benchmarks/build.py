"""Build benchmark: our build against bare Pelican, side by side in one run.

For each size N it generates N synthetic posts in a temporary copy of the
project, then times, interleaved so that the machine's swings hit all alike:
  ours       our full build (our settings, theme and plugins, no cache)
  cached     our build with Pelican's content cache, after a one-post edit
  bare       Pelican's default theme, no plugins, the same posts
and prints the median of each and the ratios ours/bare and cached/ours.

Usage: ./dev bench [--sizes 100,1000,5000] [--repeats 3]
   or: .venv/bin/python benchmarks/build.py --sizes 100,1000
"""

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ["theme", "plugins", "checks", "pelicanconf.py"]
CATEGORIES = ["Running", "Pilates", "Yoga", "Injuries", "Strength"]
TAGS = ["glutes", "hamstrings", "calves", "hips", "knees", "feet", "back", "core",
        "breathing", "stretching", "foam roller", "marathon", "recovery", "posture"]
WORDS = ("muscle hip knee run stride glute release strength tight stretch calf ankle "
         "foot posture breath load range rest pace body coach move").split()
CACHE = ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]
BARE_SETTINGS = 'PATH = "content"\nTIMEZONE = "Europe/London"\nSITEURL = ""\n'


def paragraph(rng, words=80):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def synthetic_post(number, rng):
    """One post's Markdown: header, headings, a list, a link to the previous
    post and, every fifth post, a video."""
    lines = [
        f"Title: Post {number}: {rng.choice(WORDS)} and {rng.choice(WORDS)}",
        f"Slug: post-{number}",
        f"Date: 2020-01-01 {number % 24:02d}:{number % 60:02d}",
        f"Category: {CATEGORIES[number % len(CATEGORIES)]}",
        f"Tags: {', '.join(rng.sample(TAGS, 3))}",
        f"Summary: {paragraph(rng, 20)}",
        "",
        paragraph(rng),
        "",
        "## What to try",
        "",
        *[f"- {paragraph(rng, 8)}" for _ in range(4)],
        "",
        paragraph(rng),
    ]
    if number > 1:
        lines += ["", f"Read [the post before]({{filename}}post-{number - 1}.md) too."]
    if number % 5 == 0:
        lines += ["", "https://www.youtube.com/watch?v=PLACEHOLDR1"]
    return "\n".join(lines) + "\n"


def make_site(folder, size):
    """A copy of the project whose content is `size` synthetic posts."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, folder / part)
    articles = folder / "content" / "articles"
    articles.mkdir(parents=True)
    rng = random.Random(size)
    for number in range(1, size + 1):
        (articles / f"post-{number}.md").write_text(synthetic_post(number, rng), "utf-8")
    (folder / "bare.py").write_text(BARE_SETTINGS, encoding="utf-8")


def timed_build(folder, settings, output, extra=()):
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pelican", "content", "-s", settings, "-o",
                    str(output), "--log-handler", "plain", *extra],
                   cwd=folder, check=True, capture_output=True)
    return time.perf_counter() - started


def edit_one_post(folder):
    post = folder / "content" / "articles" / "post-1.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")


def measure(size, repeats):
    """{variant: [seconds, ...]} for one size, the variants interleaved."""
    times = {"ours": [], "cached": [], "bare": []}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        make_site(folder, size)
        timed_build(folder, "pelicanconf.py", folder / "warm", CACHE)  # fills the cache
        for _ in range(repeats):
            times["ours"].append(timed_build(folder, "pelicanconf.py", folder / "ours"))
            edit_one_post(folder)
            times["cached"].append(
                timed_build(folder, "pelicanconf.py", folder / "warm", CACHE))
            times["bare"].append(timed_build(folder, "bare.py", folder / "bare"))
    return times


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="post counts, comma-separated")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each build per size")
    args = parser.parse_args(argv)
    print(f"{'posts':>6} {'ours s':>8} {'cached s':>9} {'bare s':>8} "
          f"{'ours/bare':>10} {'cached/ours':>12}")
    for size in [int(s) for s in args.sizes.split(",")]:
        medians = {k: statistics.median(v) for k, v in measure(size, args.repeats).items()}
        print(f"{size:>6} {medians['ours']:>8.2f} {medians['cached']:>9.2f} "
              f"{medians['bare']:>8.2f} {medians['ours'] / medians['bare']:>10.2f} "
              f"{medians['cached'] / medians['ours']:>12.2f}", flush=True)


if __name__ == "__main__":
    main()
