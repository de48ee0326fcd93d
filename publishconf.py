"""Production settings: what `./dev publish` and `./dev preview` build.

Everything comes from pelicanconf.py; only what production changes is here.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The public address, without a trailing slash. PLACEHOLDER until the site
# has its real address (README.md, Publishing). GitHub project pages live
# under a sub-path (https://USER.github.io/REPO): the SITEURL environment
# variable overrides this, which is how CI and tests build for other places.
PUBLIC_SITEURL = "https://onebodycoach.example"
SITEURL = os.environ.get("SITEURL", PUBLIC_SITEURL).rstrip("/")
# A custom domain for GitHub Pages (written to CNAME), e.g. "www.example.org";
# empty for none. The CNAME environment variable overrides it.
PUBLIC_CNAME = ""
CNAME = os.environ.get("CNAME", PUBLIC_CNAME)

# The editor at /admin/ saves to this repository: GitHub Actions names it; by
# hand, the one git's remote "origin" names, unless PUBLIC_REPO ("USER/REPO")
# says otherwise. Publishing under CI ships the editor.
PUBLIC_REPO = ""
ADMIN_REPO = os.environ.get("GITHUB_REPOSITORY", PUBLIC_REPO)
ADMIN_EDITOR_REQUIRED = os.environ.get("CI") == "true"

RELATIVE_URLS = False
# Drafts and scheduled posts are previewed in development only: the live site
# has none, not even at an address nobody links to.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
