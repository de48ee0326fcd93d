"""Are two built sites the same, byte for byte? For checking that a change
meant only as a speed-up changes no output.

Usage: .venv/bin/python benchmarks/same_output.py OUTPUT_A OUTPUT_B
   or: .venv/bin/python benchmarks/same_output.py --against REF
The second form builds, at git REF and from the working tree, the real site
(development and production settings) and a 100-post synthetic site (the
benchmark's posts, with YAML front matter as the coach's posts have, and
again with `Key: value` headers, which Pelican's own reader reads), and
compares each pair.

Every file must be identical, with two exceptions that differ between any
two builds of the same sources:
- sitemap.xml: the <lastmod> of pages without a date is the build's time;
- pagefind/: Pagefind names its index and filter files by hashes that vary
  from run to run; what readers search (each page's fragment: its address,
  text and filters) and Pagefind's scripts must be identical.
Prints what differs; exits 1 when anything does.
"""

import argparse
import gzip
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the project's root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.build import ROOT, copy_project, project_at, write_posts  # noqa: E402

LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")
VARYING = re.compile(r"^pagefind/(index|filter)/|^pagefind/pagefind[.-](en_|entry)")


def comparable(folder, relative):
    data = (folder / relative).read_bytes()
    if relative == "sitemap.xml":
        return LASTMOD.sub(b"<lastmod/>", data)
    if relative.startswith("pagefind/fragment/"):
        return gzip.decompress(data)
    return data


def differences(first, second):
    def files(folder):
        return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()
                and not VARYING.match(str(p.relative_to(folder)))}

    a, b = files(first), files(second)
    found = [f"only in {first}: {name}" for name in sorted(a - b)]
    found += [f"only in {second}: {name}" for name in sorted(b - a)]
    found += [f"differs: {name}" for name in sorted(a & b)
              if comparable(first, name) != comparable(second, name)]
    return found


def report(first, second):
    found = differences(first, second)
    for line in found[:50]:
        print(line)
    print(f"{len(found)} difference(s)" if found else "identical (sitemap lastmod and "
          "Pagefind's hashed file names aside)")
    return 1 if found else 0


# -- The same sites built at a git ref and from the working tree ------------------

SITES = {  # name: (synthetic posts, or None for the real content; their header; invoke task)
    "real site, development": (None, None, "build"),
    "real site, production": (None, None, "preview"),
    "100 synthetic posts": (100, "yaml", "build"),
    "100 synthetic posts, Key: value headers": (100, "pelican", "build"),
}


def working_tree(folder):
    copy_project(ROOT, folder)
    shutil.copytree(ROOT / "content" / "articles", folder / "content" / "articles")


def built(folder, posts, header, task):
    """The output folder of `invoke TASK` in a project folder, with `posts`
    synthetic posts in place of the real ones when given."""
    if posts:
        shutil.rmtree(folder / "content" / "articles")
        write_posts(folder, posts, header)
    # Both share this project's node_modules (the editor's file is copied from it).
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    subprocess.run([sys.executable, "-m", "invoke", task], cwd=folder, check=True,
                   capture_output=True)
    return folder / "output"


def compare_with_ref(ref):
    failed = 0
    with tempfile.TemporaryDirectory(prefix="same-output-") as scratch:
        for number, (name, (posts, header, task)) in enumerate(SITES.items()):
            before, after = Path(scratch, f"{number}-before"), Path(scratch, f"{number}-after")
            project_at(ref, before)
            working_tree(after)
            print(f"{name} (invoke {task}), {ref} against the working tree:", flush=True)
            failed |= report(built(before, posts, header, task),
                             built(after, posts, header, task))
    return failed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outputs", nargs="*", type=Path, help="two built sites")
    parser.add_argument("--against", help="build at this git ref and from the working tree")
    args = parser.parse_args(argv)
    if args.against:
        return compare_with_ref(args.against)
    if len(args.outputs) != 2:
        parser.error("give two output folders, or --against REF")
    return report(*args.outputs)


if __name__ == "__main__":
    sys.exit(main())
