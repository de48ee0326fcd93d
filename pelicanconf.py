"""Settings for the development build and preview (`./dev build`, `./dev livereload`).

publishconf.py imports everything here and overrides only what production
changes. Site facts live here once; the theme reads them, never repeats them.
"""

# -- The site and its author -------------------------------------------------
SITENAME = "One Body Coach"
SITESUBTITLE = "Movement coaching for runners and everyone who moves"
SITEURL = ""  # empty in development: every link is relative
AUTHOR = "Tracy Swindell"
DEFAULT_LANG = "en"
TIMEZONE = "Europe/London"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# The author bio: shown in the author box under every post and on the About page.
AUTHOR_BIO = [
    "Tracy Swindell is a former GB international marathon runner who has trained "
    "and competed in a number of sports from a young age. She is passionate about "
    "helping people reach their potential and is a strong believer in empowering "
    "her clients to understand and care for their own bodies.",
    "Always updating her skills to get the best possible results for her clients, "
    "Tracy’s extensive studying covers coaching and movement-based qualifications "
    "including intrinsic biomechanics, anatomy in motion, pilates and yoga.",
]

# Where readers book and get in touch. PLACEHOLDERS: the coach replaces these
# with her real booking form and address before publishing (see README.md).
BOOKING_URL = "mailto:bookings@example.com?subject=Online%20assessment"
CONTACT_URL = "mailto:hello@example.com?subject=Arrange%20a%20chat"

# -- Content -------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra/robots.txt"]
EXTRA_PATH_METADATA = {"extra/robots.txt": {"path": "robots.txt"}}
DEFAULT_PAGINATION = 10

# Summaries are plain text the coach writes, shown escaped everywhere, never
# HTML (Pelican would otherwise run them through Markdown and print them raw).
FORMATTED_FIELDS = []

# Clean addresses: /glutes-wont-fire/ rather than /glutes-wont-fire.html.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_SAVE_AS = "tags/index.html"
AUTHORS_SAVE_AS = ""  # one author: her page is the About page
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""

# -- Feeds ---------------------------------------------------------------------
# On in development too, so the preview shows what readers will subscribe to.
# Feed entries need absolute addresses: in development, the preview server's.
FEED_DOMAIN = "http://localhost:8000"
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RSS_FEED_SUMMARY_ONLY = False  # full posts in RSS as in Atom

# -- Theme and plugins -----------------------------------------------------------
THEME = "theme"
# Escaping on by default: titles, summaries and tags print as text; the theme
# marks only rendered post bodies as safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["content_checks"]
# Links written from the root (/images/x.jpg) also work under a sub-path SITEURL.
PLUGINS += ["root_links"]

# Pages appear in the main navigation in the order of their `Order:`
# metadata, labelled by `Nav_label:` (else their title).
PAGE_ORDER_BY = "order"

# -- Development ---------------------------------------------------------------
RELATIVE_URLS = True
# Start-up dominates under 100 posts, where the cache saves nothing (measured).
LOAD_CONTENT_CACHE = False
