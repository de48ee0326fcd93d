"""Page metadata helpers for the theme's head (canonical, Open Graph, JSON-LD).

Adds the Jinja global `absolute_url(path)`: the public address of a site
path. Canonical links, Open Graph and JSON-LD need absolute addresses even
where pages link relatively (RELATIVE_URLS in development), and templates
only see SITEURL made relative there.

Settings read: SITEURL (the absolute address; required for these tags).
Signal: initialized (before the template environment is made).
"""

from functools import partial

from pelican import signals


def absolute_url(siteurl, path=""):
    """siteurl joined with a site path ("", "about/", "/theme/x.png")."""
    return f"{siteurl.rstrip('/')}/{path.lstrip('/')}"


def add_absolute_url(pelican):
    globals_ = pelican.settings.setdefault("JINJA_GLOBALS", {})
    globals_["absolute_url"] = partial(absolute_url, pelican.settings["SITEURL"])


def register():
    signals.initialized.connect(add_absolute_url)
