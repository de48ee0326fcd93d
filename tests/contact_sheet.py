"""The contact sheet: every page type of the showcase (tests/showcase.py) in
one picture per width and colour scheme, as a designer reviews a theme.

Builds the showcase once, serves it on 127.0.0.1, opens each page in
Chromium at each width, light and dark, and lays the top of each page (two
screens' worth) side by side with its name. Writes
test-artifacts/contact-sheet-WIDTH-SCHEME.png and prints their names.

Usage: .venv/bin/python -m tests.contact_sheet [--widths 320,375,1280] [--out DIR]
"""

import argparse
import io
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks.browser import chromium, served  # noqa: E402
from tests import showcase  # noqa: E402
from tests.conftest import copy_project, run_pelican  # noqa: E402

WIDTHS = [320, 375, 768, 1280, 1440]
SCHEMES = ["light", "dark"]
SCREEN_HEIGHT = {320: 640, 375: 812, 768: 1024, 1280: 800, 1440: 900}
THUMB_WIDTH = 360   # every page drawn this wide on the sheet
COLUMNS = 4
LABEL = 28          # px of caption above each page
GAP = 16


def build_showcase(folder):
    copy = copy_project(folder)
    showcase.write_showcase(copy)
    build = run_pelican(copy, copy / "output")
    if build.returncode:
        raise SystemExit(f"The showcase did not build:\n{build.log}")
    return build.output


def screenshot(context, base, path, width, scheme):
    """The top two screens of base/path at `width`, in `scheme`, as an image."""
    page = context.new_page()
    try:
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size({"width": width, "height": SCREEN_HEIGHT[width]})
        page.goto(f"{base}/{path}", wait_until="networkidle")
        full = page.evaluate("document.documentElement.scrollHeight")
        height = min(full, 2 * SCREEN_HEIGHT[width])
        png = page.screenshot(clip={"x": 0, "y": 0, "width": width, "height": height},
                              full_page=True)
    finally:
        page.close()
    return Image.open(io.BytesIO(png)).convert("RGB")


def thumbnail(image):
    scale = THUMB_WIDTH / image.width
    return image.resize((THUMB_WIDTH, round(image.height * scale)), Image.LANCZOS)


def sheet(shots, width, scheme):
    """The pages in a grid, each under its name."""
    rows = [list(shots.items())[i:i + COLUMNS] for i in range(0, len(shots), COLUMNS)]
    row_heights = [LABEL + max(image.height for _, image in row) for row in rows]
    background = (255, 255, 255) if scheme == "light" else (24, 24, 24)
    ink = (20, 20, 20) if scheme == "light" else (235, 235, 235)
    canvas = Image.new("RGB", (GAP + COLUMNS * (THUMB_WIDTH + GAP),
                               GAP + sum(h + GAP for h in row_heights) + LABEL), background)
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.load_default(size=16)
    draw.text((GAP, GAP // 2), f"{width} px, {scheme}", fill=ink, font=font)
    y = GAP + LABEL
    for row, row_height in zip(rows, row_heights, strict=True):
        for column, (name, image) in enumerate(row):
            x = GAP + column * (THUMB_WIDTH + GAP)
            draw.text((x, y + 4), name, fill=ink, font=font)
            canvas.paste(image, (x, y + LABEL))
            draw.rectangle([x - 1, y + LABEL - 1, x + image.width, y + LABEL + image.height],
                           outline=(128, 128, 128))
        y += row_height + GAP
    return canvas


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)))
    parser.add_argument("--out", default=str(ROOT / "test-artifacts"))
    options = parser.parse_args(argv)
    widths = [int(w) for w in options.widths.split(",")]
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        output = build_showcase(Path(scratch))
        with served(output) as base, chromium() as context:
            for width in widths:
                for scheme in SCHEMES:
                    shots = {name: thumbnail(screenshot(context, base, path, width, scheme))
                             for name, path in showcase.PAGE_TYPES.items()}
                    target = out / f"contact-sheet-{width}-{scheme}.png"
                    sheet(shots, width, scheme).save(target, optimize=True)
                    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
