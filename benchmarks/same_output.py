"""Are two built sites the same, byte for byte? For checking that a change
meant only as a speed-up changes no output.

Usage: .venv/bin/python benchmarks/same_output.py OUTPUT_A OUTPUT_B

Every file must be identical, with two exceptions that differ between any
two builds of the same sources:
- sitemap.xml: the <lastmod> of pages without a date is the build's time;
- pagefind/: Pagefind names its index and filter files by hashes that vary
  from run to run; what readers search (each page's fragment: its address,
  text and filters) and Pagefind's scripts must be identical.
Prints what differs; exits 1 when anything does.
"""

import gzip
import re
import sys
from pathlib import Path

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


def main(argv=None):
    first, second = (Path(arg) for arg in (argv or sys.argv[1:]))
    found = differences(first, second)
    for line in found[:50]:
        print(line)
    print(f"{len(found)} difference(s)" if found else "identical (sitemap lastmod and "
          "Pagefind's hashed file names aside)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
