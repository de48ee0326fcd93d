"""Inline CSS and the Content-Security-Policy that allows it.

Adds to every template's context:
- INLINE_CSS: the theme's stylesheet, minified, to print inside <style> in
  the head, so a page renders with no request but the document itself;
- CONTENT_SECURITY_POLICY: the policy for the page's CSP meta tag, built
  from the CSP setting, with the inlined stylesheet allowed by its sha256
  hash (never 'unsafe-inline');
- SEARCH_CONTENT_SECURITY_POLICY: the same with CSP_SEARCH's sources added,
  for the Search page alone (Pagefind runs WebAssembly).

Settings read (defaults):
- INLINE_CSS_FILE ("css/main.css"): the stylesheet, relative to the theme's static/.
- CSP ({"default-src": ["'self'"]}): directive -> sources; style-src gets the hash.
- CSP_SEARCH ({}): directive -> sources added on the Search page.
Signal: initialized (once per build, before any page is written).
"""

import base64
import hashlib
import os
import re

from markupsafe import Markup
from pelican import signals

DEFAULT_CSP = {"default-src": ["'self'"]}


def minify_css(css):
    """Drop comments and the white space CSS does not need."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    # After a colon the space goes; before one it stays: `.menu :focus` (any
    # focused element inside the menu) is not `.menu:focus` (the menu itself).
    css = re.sub(r":\s+", ":", css)
    return css.replace(";}", "}").strip()


def csp_hash(text):
    """The CSP source that allows an inline <style> or <script> with this text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def build_policy(directives, style_hash, extra=None):
    """The policy text: the directives, with the style hash added to style-src
    and the sources of `extra` to their directives."""
    directives = {name: list(sources) for name, sources in directives.items()}
    directives.setdefault("style-src", [])
    directives["style-src"].append(style_hash)
    for name, sources in (extra or {}).items():
        directives.setdefault(name, []).extend(sources)
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def add_inline_css(pelican):
    settings = pelican.settings
    path = os.path.join(settings["THEME"], "static", settings.get("INLINE_CSS_FILE",
                                                                    "css/main.css"))
    with open(path, encoding="utf-8") as stylesheet:
        css = minify_css(stylesheet.read())
    settings["INLINE_CSS"] = Markup(css)  # our own file: trusted, printed as it is
    policy, style = settings.get("CSP", DEFAULT_CSP), csp_hash(css)
    settings["CONTENT_SECURITY_POLICY"] = build_policy(policy, style)
    settings["SEARCH_CONTENT_SECURITY_POLICY"] = build_policy(
        policy, style, settings.get("CSP_SEARCH", {}))


def register():
    signals.initialized.connect(add_inline_css)
