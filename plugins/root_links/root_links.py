"""Root links: links and images in posts written from the site's root
(`/images/glute-bridge.jpg`, `/about/`) keep working when the site is served
from a sub-path, as GitHub project pages serve it (https://USER.github.io/REPO/).

Adds: in every post and page, an `href`, `src` or `poster` that starts with a
single `/` is prefixed with SITEURL, as the theme prefixes its own links.
Without this a link written `/about/` would leave the site's sub-path.

Settings read: SITEURL (default ""), RELATIVE_URLS (default False). Only a
build with absolute links (production, publishconf.py) changes anything: the
development build links relatively and serves from the root, where its
SITEURL (the preview's address, for feeds) must not leak into pages.
Signal: content_object_init (each post and page, before anything reads it).
"""

import re

from pelican import signals

# Only attributes inside real tags change, so HTML shown escaped in a code
# block stays as written; a root link starts with one slash ("/x", not "//host/x").
TAG = re.compile(r"<[a-zA-Z][^<>]*>")
ROOT_LINK = re.compile(r"""(\s(?:href|src|poster)\s*=\s*["'])/(?!/)""")


def prefix_root_links(html, siteurl):
    """`html` with every root link made to start with `siteurl`."""
    if "://" not in siteurl:
        return html
    prefix = siteurl.rstrip("/") + "/"

    def fix_tag(tag):
        return ROOT_LINK.sub(lambda link: link.group(1) + prefix, tag.group(0))

    return TAG.sub(fix_tag, html)


def rewrite_content(content):
    siteurl = content.settings.get("SITEURL", "")
    if content.settings.get("RELATIVE_URLS", False):
        return
    if content._content:
        content._content = prefix_root_links(content._content, siteurl)


def register():
    signals.content_object_init.connect(rewrite_content)
