"""The site's address: whether it is a placeholder that can never be live.

Standard library only: the Pages workflow asks this with the runner's bare
Python, before the project's environment is set up.
"""

from urllib.parse import urlparse

# Top-level domains reserved for examples and tests (RFC 2606, RFC 6761):
# publishing for one would break every absolute link of the site.
PLACEHOLDER_DOMAINS = ("example", "invalid", "test", "localhost")


def is_placeholder(siteurl):
    host = urlparse(siteurl).hostname or ""
    return host.rsplit(".", 1)[-1] in PLACEHOLDER_DOMAINS
