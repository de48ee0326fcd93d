"""HTML comments: a note in a post between `<!--` and `-->` (a note to self,
the new-post template's "Examples to copy") is never published.

Python-Markdown passes a comment through to the HTML as it is, where a
reader sees it with "View source" and a feed reader may show it. Adds: every
HTML comment is taken out of each post's and page's rendered text, so it
reaches neither the page nor the Atom and RSS feeds, and the plugins after
this one (checks, images, links) never look inside it.

A `<!--` written inside code (a code block or `code`) is shown as text, so
Markdown has escaped it (`&lt;!--`) before this plugin sees it: it stays.
So does a `<!--` without its `-->`, which Markdown also escapes as text.

Settings read: none. Signal: content_object_init (each post and page, before
anything reads it; listed early in PLUGINS for that reason).
"""

import re

from pelican import signals

# In rendered HTML a literal "<!--" is always a comment: text and code have
# their "<" escaped. Non-greedy, so two comments keep the text between them.
COMMENT = re.compile(r"<!--.*?-->", re.S)


def without_comments(html):
    """`html` with every HTML comment taken out."""
    return COMMENT.sub("", html) if "<!--" in html else html


def remove_comments(content):
    if content._content:
        content._content = without_comments(content._content)


def register():
    signals.content_object_init.connect(remove_comments)
