"""Featured posts: the home page's "Start here".

Adds:
- `featured` on every post, True or False whichever header form she writes
  (YAML front matter, Pelican's `Key: value` lines or reStructuredText's
  `:featured:`): the header schema types it (plugins/header_schema.py), so
  `featured: no` is False everywhere, never the text "no", which a template
  would take for true. A value that is neither true nor false stops the
  build with its file and line (plugins/content_checks);
- `featured_articles` for the templates: the published posts with
  `featured: true`, newest first (drafts and scheduled posts are never
  among them). The home page shows them under "Start here", and shows
  nothing there when there are none.

Settings read: none.
Signals: content_object_init (type `featured`), article_generator_finalized
(the list, once the posts are read, scheduled and sorted).
"""

from pelican import signals
from pelican.contents import Article

from plugins.header_schema import typed


def is_featured(metadata):
    """True only for a header that says so: `featured: true` (or yes, on)."""
    return typed("featured", metadata.get("featured", False)) is True


def type_featured(content):
    if isinstance(content, Article):
        content.featured = is_featured(content.metadata)


def list_featured(generator):
    generator.context["featured_articles"] = [
        article for article in generator.articles if article.featured]


def register():
    signals.content_object_init.connect(type_featured)
    signals.article_generator_finalized.connect(list_featured)
