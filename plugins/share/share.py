"""Share links under each post, with no script of another site: plain
links that open WhatsApp, Facebook, X, LinkedIn or the reader's email with
the post's title and address already filled in. Nothing is asked of those
sites until the reader clicks one. The theme adds a "Share" button (the
phone's own share sheet, navigator.share) and "Copy link", both from
theme/static/js/share.js, shown only where the browser can do them.

Adds the Jinja global `share_links(title, path)`: [(service, name, label,
address)]: the service's name as the page shows it ("X"), the label a
screen reader says ("Share on X", holding the name shown), and the address,
with the title and the post's public address encoded into it (a title may
hold & < " ' #).

Settings read: SITEURL (the public address of the post).
Signal: initialized (before the template environment is made).
"""

from functools import partial
from urllib.parse import quote, urlencode

from pelican import signals

# (service, its name shown, the address made of the encoded title and url).
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
    """[(service, name shown, label, address)] to share the post at `path`
    titled `title`."""
    url = f"{siteurl.rstrip('/')}/{path.lstrip('/')}"
    return [(service, name, label_of(service, name), address(str(title), url))
            for service, name, address in SERVICES]


def label_of(service, name):
    """What a screen reader says of a link: where it goes, with the name shown."""
    return "Share by email" if service == "email" else f"Share on {name}"


def add_share_links(pelican):
    globals_ = pelican.settings.setdefault("JINJA_GLOBALS", {})
    globals_["share_links"] = partial(share_links, pelican.settings["SITEURL"])


def register():
    signals.initialized.connect(add_share_links)
