"""Markup in a post that the site's Content-Security-Policy would block in the
browser (no inline script, no inline style, nothing from other sites but
the video players), so readers would get an empty box, dead styling or a
link that does nothing. Read from the rendered HTML as a browser reads it:
entities decoded (`jav&#x61;script:`), and a `javascript:` address found
in any case and with tabs, line breaks or control characters inside or in
front, as browsers skip them. Text shown as code (`&lt;style&gt;`) is not markup.
"""

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlparse

from plugins.problems import Problem

EMBEDDED = {"script", "iframe", "object", "embed"}
# Attributes a browser follows as an address, so `javascript:` there runs script.
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href",
                      "background", "cite", "srcset"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:")
# What a browser drops from an address before reading its scheme.
SKIPPED_IN_ADDRESS = re.compile(r"[\t\n\r]")
SKIPPED_IN_FRONT = "".join(chr(code) for code in range(0x21))


@dataclass(frozen=True)
class Blocked:
    """One piece of blocked markup: what it is for the coach, and how to
    find its line in the source (a lower-case piece of the line)."""
    kind: str  # "embed", "style-block", "attribute", "script-link"
    name: str  # "a <script>", "embed code from host", "onclick=…", "a javascript: link"
    marker: str  # "<script", "onclick=", "javascript:"


def runs_script(address):
    """Whether a browser would run `address` (already entity-decoded) as script."""
    address = SKIPPED_IN_ADDRESS.sub("", address).lstrip(SKIPPED_IN_FRONT).lower()
    return address.startswith(SCRIPT_SCHEMES)


class BlockedMarkupFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in EMBEDDED:
            host = urlparse(attributes.get("src") or attributes.get("data") or "").hostname
            self.found.append(Blocked("embed", f"embed code from {host}" if host else
                                      f"a <{tag}>", f"<{tag}"))
        elif tag == "style":
            self.found.append(Blocked("style-block", "a <style> block", "<style"))
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(Blocked("attribute", f"{name}=…", f"{name}="))
            elif name in ADDRESS_ATTRIBUTES and value and runs_script(value):
                scheme = SKIPPED_IN_ADDRESS.sub("", value).lstrip(SKIPPED_IN_FRONT)
                scheme = scheme.split(":", 1)[0].lower()
                self.found.append(Blocked("script-link", f"a {scheme}: link", f"{scheme}:"))

    handle_startendtag = handle_starttag


def blocked_markup(rendered):
    """Each piece of blocked markup in a post's rendered HTML, in order."""
    finder = BlockedMarkupFinder()
    finder.feed(rendered or "")
    finder.close()
    return finder.found


def as_a_browser_reads(line):
    """A source line lower-cased, entities decoded and tabs and control
    characters dropped, so `Jav&#x61;script:` is found as `javascript:`."""
    decoded = html.unescape(line).lower()
    return "".join(ch for ch in decoded if ord(ch) > 0x1F)


def blocked_problem(blocked, path, line):
    if blocked.kind == "attribute":
        return Problem(f"The post has {blocked.name}, which the site's security policy "
                       "blocks: posts run no script and take their look from the site.",
                       f"Remove {blocked.name} from the line; plain Markdown gets the "
                       "site's style.", path, line)
    if blocked.kind == "style-block":
        return Problem("The post has a <style> block, which the site's security policy "
                       "blocks: readers would get none of its styling.",
                       "Remove the <style> block; plain Markdown gets the site's style.",
                       path, line)
    if blocked.kind == "script-link":
        return Problem(f"The post has {blocked.name}, which the site's security policy "
                       "blocks: it would do nothing when tapped.",
                       "Link to a page instead, [the words](https://...), or remove the "
                       "link.", path, line)
    return Problem(f"The post has {blocked.name}, which the site's security policy blocks: "
                   "readers would see an empty box.", "For a video, paste its YouTube or "
                   "Vimeo address on a line of its own; for anything else, link to it: "
                   "[See it on Instagram](address).", path, line)


def lines_of_blocked(found, text):
    """The source line of each piece found: the n-th time a marker is in the
    HTML is the n-th source line that holds it (the last, if fewer)."""
    lines = [as_a_browser_reads(line) for line in text.splitlines()]
    seen = {}
    for blocked in found:
        seen[blocked.marker] = seen.get(blocked.marker, 0) + 1
        holding = [number for number, line in enumerate(lines, start=1)
                   if blocked.marker in line]
        yield holding[min(seen[blocked.marker], len(holding)) - 1] if holding else None
