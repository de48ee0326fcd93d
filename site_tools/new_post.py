"""A new draft post, as `./dev new-post "Title"` starts it.

The post is new_post.md (beside this file) with its empty header fields
filled in: title, date, category, tags (one a line, or two examples in
comments to take the `# ` off) and the header schema's placeholder summary,
which the build refuses in a published post. The rest of that file (status
draft, and examples of a video and a photo inside a comment readers never
see) is copied as it is. The header is
written as YAML front matter, as the editor at /admin/ writes it. The file
is named by the slug Pelican gives the title (the site's
SLUG_REGEX_SUBSTITUTIONS, which the editor follows too), so the file and its
address match, and a post that exists is never overwritten.
"""

from pathlib import Path

import yaml
from invoke.exceptions import Exit

from plugins.header_schema import PLACEHOLDER_SUMMARY

TEMPLATE = Path(__file__).with_name("new_post.md")
# No tags given: the list form to fill in, as examples in comments.
NO_TAGS_YET = "tags:\n# - hamstrings\n# - stretching\n"


def slug_of(title, settings_file):
    """The slug Pelican gives a post of this title, with these settings."""
    from pelican.settings import read_settings
    from pelican.utils import slugify

    settings = read_settings(str(settings_file))
    return slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
                   preserve_case=settings["SLUGIFY_PRESERVE_CASE"],
                   use_unicode=settings["SLUGIFY_USE_UNICODE"])


def new_post_text(title, category, tags, now):
    """The template with its header filled in; `tags` comma-separated."""
    header, body = TEMPLATE.read_text(encoding="utf-8").removeprefix("---\n").split(
        "\n---\n", 1)
    fields = yaml.safe_load(header)
    fields.update(title=title, date=f"{now:%Y-%m-%d %H:%M}", category=category,
                  tags=[tag.strip() for tag in tags.split(",") if tag.strip()],
                  summary=PLACEHOLDER_SUMMARY)
    return front_matter_text(fields) + body


def front_matter_text(fields):
    """`fields` as YAML front matter, in their order, as the editor writes it
    (tags one a line, each starting "- ")."""
    header = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1_000_000)
    return "---\n" + header.replace("tags: []\n", NO_TAGS_YET) + "---\n"


def write_new_post(root, articles, title, category, tags, now):
    """Write the new post into `articles`; its path. Refuses (Exit) a title
    that names no file and a post that exists: nothing is written then."""
    slug = slug_of(title, Path(root) / "pelicanconf.py")
    if not slug or slug.startswith("."):  # "💪🏃" would write the hidden file ".md"
        raise Exit(f'The title "{title}" has no letters or digits to name the file: nothing '
                   'was written. Give it a title with words, e.g. ./dev new-post "Strength '
                   'for runners" (emoji can go in the Title: line afterwards).', code=1)
    path = Path(articles) / f"{slug}.md"
    if path.exists():
        raise Exit(f"There is already a post at {path.relative_to(root)}: "
                   "nothing was written. Choose another title, or open that file.", code=1)
    path.write_text(new_post_text(title, category, tags, now), encoding="utf-8")
    return path
