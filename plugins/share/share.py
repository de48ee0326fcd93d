"""Share links under each post, with no script of another site: plain
links that open WhatsApp, Facebook, X, LinkedIn or the reader's email with
the post's title and address already filled in. Nothing is asked of those
sites until the reader clicks one. The theme adds a "Share" button (the
phone's own share sheet, navigator.share) and "Copy link", both from
theme/static/js/share.js, shown only where the browser can do them.

Adds the Jinja global `share_links(title, path)`: [(name, label, address)],
the label saying where the link goes, the title and the post's public
address encoded into each address (a title may hold & < " ' #).

Settings read: SITEURL (the public address of the post).
Signal: initialized (before the template environment is made).
"""

from functools import partial
from urllib.parse import quote, urlencode

from pelican import signals

# (name, what the link says, the address made of the encoded title and url).
SERVICES = [
    ("whatsapp", "WhatsApp", lambda title, url: "https://wa.me/?" + query(text=f"{title} {url}")),
    ("facebook", "Facebook",
     lambda title, url: "https://www.facebook.com/sharer/sharer.php?" + query(u=url)),
    ("x", "X", lambda title, url: "https://x.com/intent/tweet?" + query(text=title, url=url)),
    ("linkedin", "LinkedIn",
     lambda title, url: "https://www.linkedin.com/sharing/share-offsite/?" + query(url=url)),
    ("email", "Email", lambda title, url: "mailto:?" + query(subject=title, body=url)),
]


def query(**values):
    """A query string with every value percent-encoded (a space as %20, which
    mail programs read too, where some show a `+` as it is)."""
    return urlencode(values, quote_via=quote, safe="")


def share_links(siteurl, title, path):
    """[(name, label, address)] to share the post at `path` titled `title`."""
    url = f"{siteurl.rstrip('/')}/{path.lstrip('/')}"
    return [(name, label, address(str(title), url)) for name, label, address in SERVICES]


def add_share_links(pelican):
    globals_ = pelican.settings.setdefault("JINJA_GLOBALS", {})
    globals_["share_links"] = partial(share_links, pelican.settings["SITEURL"])


def register():
    signals.initialized.connect(add_share_links)
