"""Build benchmark: our build against a matched bare Pelican, side by side in
one run, and the preview's edit-to-page latency.

For each size N it generates N synthetic posts in a temporary copy of the
project, then measures, interleaved so that the machine's swings hit all alike:
  ours     `./dev build` (invoke build): our settings, theme and plugins,
           Pagefind included, into a fresh folder as the coach builds
  pelican  our site built by site_tools' pelican_run alone (Pelican, then
           Pagefind; no invoke, no staging folder)
  bare     Pelican alone on the same posts: default theme, PLUGINS = [] (unset,
           Pelican would load every installed namespace plugin), and the same
           pages: pagination, addresses, Atom and RSS feeds of all posts and of
           each category, tags, categories, the author and archives
  before   with --against REF: `./dev build` of the project at git REF (e.g. main)
and prints the median of each, the ratios, and the peak memory of the whole
build (every process of it added up while it runs: Pelican and Pagefind; for
ours, pelican and before, not the Python process that starts them).

The posts are written as the coach's are (`./dev new-post`, the editor at
/admin/): YAML front matter between `---` lines. Bare Pelican reads no YAML,
so its copy of the same posts has the same fields as `Key: value` lines, the
header its own Markdown reader reads.

Edit to preview: it starts `./dev livereload` on the same posts, saves new
words into one post, and polls the served page until they appear (end to
end: watching, building, serving), several times; the median. With
--against, the same for REF's livereload.

Usage: ./dev bench [--sizes 100,1000,5000] [--repeats 3] [--edits 5] [--against main]
   or: .venv/bin/python benchmarks/build.py --sizes 100,1000
"""

import argparse
import contextlib
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: the project's root on the path
    sys.path.insert(0, str(ROOT))
from site_tools.new_post import front_matter_text  # noqa: E402

PROJECT_PARTS = ["content/pages", "content/images", "content/videos.json", "theme", "plugins",
                 "checks", "site_tools", "pelicanconf.py", "publishconf.py", "tasks.py",
                 "preview.py"]
CATEGORIES = ["Running", "Pilates", "Yoga", "Injuries", "Strength"]
TAGS = ["glutes", "hamstrings", "calves", "hips", "knees", "feet", "back", "core",
        "breathing", "stretching", "foam roller", "marathon", "recovery", "posture"]
WORDS = ("muscle hip knee run stride glute release strength tight stretch calf ankle "
         "foot posture breath load range rest pace body coach move").split()
# The bare Pelican that writes the same pages as ours (pelicanconf.py).
BARE_SETTINGS = '''PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = []  # our 6 pages use our templates (about, search, ...), not the default theme's
STATIC_PATHS = ["images"]
TIMEZONE = "Europe/London"
SITEURL = "http://localhost:8000"
RELATIVE_URLS = True
AUTHOR = "Tracy Swindell"
PLUGINS = []
DEFAULT_PAGINATION = 10
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_SAVE_AS = "tags/index.html"
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{slug}.rss.xml"
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RSS_FEED_SUMMARY_ONLY = False
'''


def paragraph(rng, words=80):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def synthetic_post(number, rng, header="yaml"):
    """One post's Markdown: a header (YAML front matter, or `Key: value` lines
    for bare Pelican), headings, a list, a link to the previous post and,
    every fifth post, a video."""
    fields = {
        "title": f"Post {number}: {rng.choice(WORDS)} and {rng.choice(WORDS)}",
        "slug": f"post-{number}",
        "date": f"2020-01-01 {number % 24:02d}:{number % 60:02d}",
        "category": CATEGORIES[number % len(CATEGORIES)],
        "tags": rng.sample(TAGS, 3),
        "summary": paragraph(rng, 20),
    }
    lines = [
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
    return header_text(fields, header) + "\n" + "\n".join(lines) + "\n"


def header_text(fields, header):
    if header == "yaml":
        return front_matter_text(fields)  # as ./dev new-post writes it
    return "".join(f"{key.capitalize()}: {', '.join(value) if isinstance(value, list) else value}\n"
                   for key, value in fields.items())


def copy_project(source, folder):
    for part in PROJECT_PARTS:
        path = source / part
        if not path.exists():
            continue
        (folder / part).parent.mkdir(parents=True, exist_ok=True)
        copy = shutil.copytree if path.is_dir() else shutil.copy2
        copy(path, folder / part)


def write_posts(folder, size, header="yaml"):
    articles = folder / "content" / "articles"
    articles.mkdir(parents=True)
    rng = random.Random(size)
    for number in range(1, size + 1):
        (articles / f"post-{number}.md").write_text(synthetic_post(number, rng, header),
                                                    "utf-8")


def make_site(folder, size):
    """A copy of the project in `folder` whose articles are `size` synthetic posts."""
    copy_project(ROOT, folder)
    write_posts(folder, size)


def project_at(ref, folder):
    """The project as it is at git `ref`, unpacked into a new `folder`."""
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True,
                             capture_output=True).stdout
    folder.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)


def make_sites(scratch, size, against):
    """{variant: folder}: copies of the project (and of `against`) whose
    articles are `size` synthetic posts, and bare Pelican's folder: the
    same posts with `Key: value` headers, the project's photos, bare.py."""
    sites = {"ours": scratch / "ours", "bare": scratch / "bare"}
    make_site(sites["ours"], size)
    if against:
        sites["before"] = scratch / "before"
        project_at(against, sites["before"])
        shutil.rmtree(sites["before"] / "content" / "articles")
        write_posts(sites["before"], size)
    write_posts(sites["bare"], size, header="pelican")
    if (ROOT / "content" / "images").exists():
        shutil.copytree(ROOT / "content" / "images", sites["bare"] / "content" / "images")
    (sites["bare"] / "bare.py").write_text(BARE_SETTINGS, encoding="utf-8")
    return sites


# -- Time and memory of one build --------------------------------------------------


def tree_rss(pid, include_root):
    """Resident memory (bytes) of `pid`'s descendants, and of pid itself when
    include_root: every process of the build at this moment, added up."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/task/{current}/children") as children:
                stack += [int(child) for child in children.read().split()]
            if current != pid or include_root:
                with open(f"/proc/{current}/statm") as statm:
                    total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError):
            continue
    return total


def timed(command, folder, include_root):
    """(seconds, peak memory in bytes of the whole process tree) of a command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss(process.pid, include_root))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, errors = process.communicate()
    elapsed = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {folder}:\n{errors}")
    return elapsed, peak[0]


def build_command(variant):
    """(command, whether its first process counts in its memory)."""
    if variant == "bare":
        return [sys.executable, "-m", "pelican", "content", "-s", "bare.py", "-o",
                f"{variant}-output", "--log-handler", "plain"], True
    if variant == "pelican":  # the project's own way to run Pelican, without invoke
        run = ("import sys; from site_tools.build import pelican_run; "
               f"sys.exit(not pelican_run('.', 'pelicanconf.py', '{variant}-output')"
               ".succeeded)")
        return [sys.executable, "-c", run], False
    return [sys.executable, "-m", "invoke", "build"], False  # not invoke itself


def measure_builds(sites, repeats):
    """{variant: [(seconds, peak bytes), ...]}, the variants interleaved."""
    variants = [*(["before"] if "before" in sites else []), "ours", "pelican", "bare"]
    results = {variant: [] for variant in variants}
    for _ in range(repeats):
        for variant in variants:
            folder = sites.get(variant, sites["ours"])
            # Each writes into a fresh folder: no earlier site to delete first.
            for output in (f"{variant}-output", "output"):
                shutil.rmtree(folder / output, ignore_errors=True)
            command, counts_first_process = build_command(variant)
            results[variant].append(timed(command, folder, counts_first_process))
    return results


# -- Edit to preview -------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(condition, timeout, step=0.01):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


@contextlib.contextmanager
def livereload(folder):
    """`./dev livereload` in `folder` on a free port: yields its address."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "invoke", "livereload", "--port",
                                str(port)], cwd=folder, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        address = f"http://localhost:{port}/"
        if not wait_for(lambda: "</html>" in fetch(address), 300, 0.2):
            raise SystemExit(f"livereload did not serve {address} in {folder}")
        yield address
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # its own session: it and its builds
        process.wait()


def edit_latencies(folder, size, edits):
    """Seconds from saving new words into a post to the served page showing them."""
    number = size // 2
    post = folder / "content" / "articles" / f"post-{number}.md"
    latencies = []
    with livereload(folder) as address:
        page = f"{address}post-{number}/"
        time.sleep(3)  # the first build's search index, and the watcher, settle
        for edit in range(edits):
            words = f"Freshly saved words {edit}x{random.randrange(10**9)}."
            post.write_text(post.read_text(encoding="utf-8") + f"\n{words}\n", "utf-8")
            started = time.perf_counter()
            if not wait_for(lambda w=words: w in fetch(page), 120):
                raise SystemExit(f"the preview never showed the edit to {post.name}")
            latencies.append(time.perf_counter() - started)
            time.sleep(2)  # the coach reads before saving again
    return latencies


# -- Report ---------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="post counts, comma-separated")
    parser.add_argument("--repeats", type=int, default=3, help="builds of each per size")
    parser.add_argument("--edits", type=int, default=5,
                        help="saves timed in the preview per size (0: no preview)")
    parser.add_argument("--against", help="also measure the project at this git ref")
    args = parser.parse_args(argv)
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
            sites = make_sites(Path(scratch), size, args.against)
            builds = measure_builds(sites, args.repeats)
            print(f"\n{size} posts, {args.repeats} build(s) each, interleaved (medians):")
            bare = statistics.median(s for s, _ in builds["bare"])
            for variant, runs in builds.items():
                seconds = statistics.median(s for s, _ in runs)
                memory = max(m for _, m in runs) / 2**20
                print(f"  {variant:<7} build {seconds:6.2f} s  {seconds / bare:5.2f}x bare  "
                      f"peak memory {memory:5.0f} MiB")
            if args.edits:
                for variant in [v for v in ("before", "ours") if v in sites]:
                    latencies = edit_latencies(sites[variant], size, args.edits)
                    print(f"  {variant:<7} edit to preview: median "
                          f"{statistics.median(latencies):5.2f} s "
                          f"(min {min(latencies):.2f}, max {max(latencies):.2f}, "
                          f"{len(latencies)} saves)", flush=True)


if __name__ == "__main__":
    main()
