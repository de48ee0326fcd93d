"""A fuller copy of the site for looking at the theme: the real content plus
what a year of posts brings (a photo with a caption, a wide table, code, a
quote, a series, a featured post, long titles, a dozen more posts), so that
every page type has something to show and page 2 of the posts exists.

Used by the layout test (tests/test_layout_browser.py) and the contact sheet
(tests/contact_sheet.py). The video ids are made-up fixture values.
"""

from PIL import Image, ImageDraw

PHOTO = "images/showcase-lunge.jpg"

FEATURED = """---
title: Three drills for knees that ache on the stairs & hills
date: 2026-11-20 08:00
category: Strength
tags: [knees, strength, drills]
summary: Knees that ache on the stairs are asking the hips and feet for help.
featured: true
---

Knees that ache on the way down the stairs are rarely a knee problem alone.

![Tracy in a split squat](images/showcase-lunge.jpg "The split squat: the shin stays upright")

## The drills

> Slow is smooth, and smooth is fast. Take each one at the pace of a breath.

| Drill | Sets | Repetitions | What to feel | When to stop |
|:------|:----:|------------:|--------------|--------------|
| Split squat | 3 | 8 each side | the front hip working | sharp pain at the knee |
| Step down | 2 | 10 each side | the foot gripping the step | the knee drifting inwards |
| Wall sit | 3 | 30 seconds | the thighs warming | breath held |

Log your sessions in a note if you like:

```text
week 1: split squat 3x8, step down 2x10, wall sit 3x30s
week 2: split squat 3x10, step down 3x10, wall sit 3x40s
```

Write `3x8` for three sets of eight.
"""

SERIES = "Strong feet"


def series_part(number, title, day):
    return f"""---
title: "Strong feet, part {number}: {title}"
date: 2026-10-{day:02d} 08:00
category: Mobility
tags: [feet, mobility]
summary: Part {number} of a short series on the feet that carry every run.
series: {SERIES}
---

Your feet are the first thing to meet the ground. This is part {number}.

https://www.youtube.com/watch?v=fixtureFt0{number}
"""


def short_post(number):
    category = ["Running", "Strength", "Mobility"][number % 3]
    return f"""---
title: A note on easy runs, number {number}
date: 2026-09-{number + 1:02d} 08:00
category: {category}
tags: [easy running, breathing]
summary: Why easy should feel easy, and how to tell when it does not ({number}).
---

Easy runs build the engine. Keep the pace gentle enough to talk in full sentences.
"""


LONG_TITLE = """---
title: "Why the hamstrings of a runner who sits all day feel tight, weak and tired <all at once>"
date: 2026-11-10 08:00
category: Running
tags: [hamstrings, sitting, "self massage"]
summary: Tight, weak and tired at once is a sign of a muscle stuck long. What helps, in order.
---

Tight, weak and tired at once is a sign of a muscle that is stuck long.
"""


def posts():
    """{file name: text} of the showcase's posts."""
    found = {"showcase-knees.md": FEATURED, "showcase-long-title.md": LONG_TITLE}
    parts = ["the big toe", "the arch", "the ankle"]
    for number, title in enumerate(parts, start=1):
        found[f"showcase-feet-{number}.md"] = series_part(number, title, number * 3)
    for number in range(1, 11):
        found[f"showcase-easy-{number}.md"] = short_post(number)
    return found


def draw_photo(path):
    """A photo-like picture (sky, ground, a figure) so cards and share images
    have a photo to show."""
    image = Image.new("RGB", (1600, 1067), (120, 160, 200))
    draw = ImageDraw.Draw(image)
    for y in range(1067):  # sky fading to the horizon
        shade = int(120 + 80 * y / 1067)
        draw.line([(0, y), (1600, y)], fill=(shade, shade + 20, 210))
    draw.rectangle([0, 760, 1600, 1067], fill=(96, 128, 72))
    draw.ellipse([740, 200, 860, 320], fill=(190, 140, 110))
    draw.polygon([(720, 320), (880, 320), (940, 760), (660, 760)], fill=(200, 70, 50))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=85)


def write_showcase(project):
    """Add the showcase's posts and photo to a copy of the project."""
    articles = project / "content" / "articles"
    for name, text in posts().items():
        (articles / name).write_text(text, encoding="utf-8")
    draw_photo(project / "content" / PHOTO)


# Every page type, by its site path in a build of the showcase.
PAGE_TYPES = {
    "home": "",
    "home, page 2": "index2.html",
    "article with videos": "cant-fire-my-glutes/",
    "article with photo, table, code": "three-drills-for-knees-that-ache-on-the-stairs-hills/",
    "article in a series": "strong-feet-part-2-the-arch/",
    "series": "series/strong-feet/",
    "about": "about/",
    "online assessment": "online-assessment/",
    "contact": "contact/",
    "subscribe": "subscribe/",
    "videos": "videos/",
    "search": "search/",
    "archives": "archives/",
    "categories": "categories/",
    "tags": "tags/",
    "category": "category/running/",
    "tag": "tag/glutes/",
    "404": "404.html",
}
