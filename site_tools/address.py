"""Addresses that are placeholders and can never be live: the site's own, or
a booking or contact address (a web address or a mailto:).

Standard library only: the Pages workflow asks this with the runner's bare
Python, before the project's environment is set up.
"""

from urllib.parse import urlparse

# Top-level domains reserved for examples and tests (RFC 2606, RFC 6761):
# publishing for one would break every absolute link of the site.
PLACEHOLDER_DOMAINS = ("example", "invalid", "test", "localhost")
# The second-level domains RFC 2606 reserves for examples.
EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")


def host_of(address):
    """The domain an address goes to: a web address's host, or the part
    after the @ of a mailto: (mailto:hello@example.com?subject=Hi)."""
    parsed = urlparse(address.strip())
    if parsed.scheme == "mailto":
        return parsed.path.rpartition("@")[2].split("?")[0].strip().rstrip(".").lower()
    return (parsed.hostname or "").rstrip(".")


def is_placeholder(address):
    """True for an address at a domain reserved for examples: a .example,
    .invalid, .test or .localhost name, or example.com, .net or .org."""
    host = host_of(address)
    return (host.rsplit(".", 1)[-1] in PLACEHOLDER_DOMAINS
            or any(host == domain or host.endswith("." + domain) for domain in EXAMPLE_DOMAINS))
