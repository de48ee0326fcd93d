"""Series: posts the coach numbers as parts of one story.

Adds: each published post whose header has `series: NAME` gets
`article.in_series`, a Series (its name, its address and its parts, oldest
first), and `article.series_part`, its place in it (1 for the first part).
The theme shows a "Part 2 of 4" box linking every part under such a post,
instead of the older/newer links, and a page per series, at SERIES_URL,
listing its parts in order. Parts are ordered by date; drafts are no part
of a series until they are published. Two names that make the same address
("Hip pain" and "hip pain") are one series, named as its first part says.

Also: the related posts under a post (pelican-related-posts) leave out the
posts linked just above them (the series' parts, else older and newer), so
the end of a post names each post once.

Settings read (defaults): SERIES_URL ("series/{slug}/"), SERIES_SAVE_AS
("series/{slug}/index.html"), SLUG_REGEX_SUBSTITUTIONS (the series' slug,
made as a post's is), RELATIVE_URLS.
Signals: initialized (settings), article_generator_finalized (the series,
after neighbors and related_posts, which come before it in PLUGINS),
article_writer_finalized (the series pages).
"""

import os
from dataclasses import dataclass, field

from pelican import signals
from pelican.utils import slugify

from plugins.problems import line_of, report_problem


@dataclass
class Series:
    name: str
    slug: str
    url: str
    save_as: str
    parts: list = field(default_factory=list)

    def __len__(self):
        return len(self.parts)


def series_of(articles, make_slug):
    """[Series] of the articles that name one, each with its parts by date
    (oldest first), in the order of their names' slugs."""
    found = {}
    for article in sorted(articles, key=lambda a: a.date):
        name = str(getattr(article, "series", "") or "").strip()
        if not name:
            continue
        slug = make_slug(name)
        found.setdefault(slug, Series(name, slug, "", ""))
        found[slug].parts.append(article)
    return [found[slug] for slug in sorted(found)]


def linked_above(article):
    """The posts the end of `article` links before its related posts."""
    series = getattr(article, "in_series", None)
    if series:
        return list(series.parts)
    return [getattr(article, "prev_article", None), getattr(article, "next_article", None)]


def related_without(related, linked, article):
    """`related` without `article` itself and the posts in `linked`."""
    return [other for other in related if other is not article and other not in linked]


class SeriesPlugin:
    """The plugin's state for one build (register() makes one a build)."""

    def __init__(self):
        self.series = []

    def read_settings(self, pelican):
        settings = pelican.settings
        self.url = settings.get("SERIES_URL", "series/{slug}/")
        self.save_as = settings.get("SERIES_SAVE_AS", "series/{slug}/index.html")
        self.slug_rules = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
        self.relative_urls = settings.get("RELATIVE_URLS", False)
        self.content_path = settings.get("PATH", "content")

    def make_slug(self, name):
        return slugify(name, regex_subs=self.slug_rules)

    def find_series(self, generator):
        self.refuse_names_without_an_address(generator.articles + generator.drafts)
        self.series = series_of(generator.articles, self.make_slug)
        for series in self.series:
            series.url = self.url.format(slug=series.slug)
            series.save_as = self.save_as.format(slug=series.slug)
            for number, article in enumerate(series.parts, start=1):
                article.in_series, article.series_part = series, number
        for article in generator.articles + generator.drafts:
            if hasattr(article, "related_posts"):
                article.related_posts = related_without(
                    article.related_posts, linked_above(article), article)
        generator.context["all_series"] = self.series

    def refuse_names_without_an_address(self, articles):
        """A series named "💪" has no letter or digit to make its page's
        address of: two such series would silently become one at /series//."""
        for article in articles:
            name = str(getattr(article, "series", "") or "").strip()
            if name and not self.make_slug(name):
                source = article.source_path
                report_problem(
                    os.path.relpath(source, os.path.dirname(self.content_path)),
                    line_of(source, "series"),
                    f"The series name “{name}” has no letter or digit, so its page "
                    "can have no address.",
                    "Name the series in words, the same in each of its posts "
                    "(series: Strong feet).")

    def write_pages(self, generator, writer):
        template = generator.get_template("series")
        for series in self.series:
            writer.write_file(series.save_as, template, generator.context,
                              relative_urls=self.relative_urls, series=series,
                              articles=series.parts, url=series.url, blog=True)


def register():
    plugin = SeriesPlugin()
    signals.initialized.connect(plugin.read_settings, weak=False)
    signals.article_generator_finalized.connect(plugin.find_series, weak=False)
    signals.article_writer_finalized.connect(plugin.write_pages, weak=False)
