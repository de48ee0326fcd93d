"""What a reader downloads for a post with two photos (3,000 and 1,200 px
wide), before our images plugin (the original JPEGs as they are) and after
(what Chromium picks from the srcset), on a phone and on a desktop.

Usage: .venv/bin/python benchmarks/image_bytes.py
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image  # noqa: E402

from benchmarks.build import ROOT, make_site  # noqa: E402
from checks.browser import chromium, served  # noqa: E402
from site_tools.build import run_pelican  # noqa: E402

POST = """Title: Glute bridge
Slug: glute-bridge
Date: 2026-11-20
Category: Running

Lie on your back, knees bent.

![Glute bridge: lying on the back, hips lifted]({static}/images/bridge.jpg)

Hold for a breath, then lower slowly.

![Glute bridge from the side]({static}/images/bridge-side.jpg)
"""


def noisy_photo(path, width, height):
    """A photo-like JPEG: noise over a gradient compresses like a real photo."""
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    Image.blend(noise, gradient, 0.5).save(path, quality=90)


def page_bytes(output, width):
    with served(output) as base, chromium() as context:
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": 3000})
        sizes = []
        page.on("response", lambda r: sizes.append(len(r.body()) if r.ok else 0))
        page.goto(f"{base}/glute-bridge/", wait_until="networkidle")
        return sum(sizes), len(sizes)


def main():
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        make_site(folder, 0)
        (folder / "content" / "images").mkdir()
        noisy_photo(folder / "content" / "images" / "bridge.jpg", 3000, 2000)
        noisy_photo(folder / "content" / "images" / "bridge-side.jpg", 1200, 800)
        (folder / "content" / "articles" / "bridge.md").write_text(POST, encoding="utf-8")
        for label in ["before", "after"]:
            output = folder / label
            without_images = {"PLUGINS": ["content_checks", "inline_css", "page_meta",
                                          "reading_aids"]} if label == "before" else None
            build = run_pelican(folder, "pelicanconf.py", output, overrides=without_images)
            if build.returncode:
                raise SystemExit(f"The {label} build failed:\n{build.stdout}{build.stderr}")
            for width in (375, 1280):
                total, count = page_bytes(output, width)
                print(f"{label:>6} at {width:>4} px: {count} responses, {total} bytes")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
