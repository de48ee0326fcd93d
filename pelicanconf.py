"""Settings for the development build and preview (`./dev build`, `./dev livereload`).

publishconf.py imports everything here and overrides only what production
changes. Site facts live here once; the theme reads them, never repeats them.
"""

import os

# -- The site and its author -------------------------------------------------
SITENAME = "One Body Coach"
SITESUBTITLE = "Movement coaching for runners and everyone who moves"
# The preview's address. Pages link relatively (RELATIVE_URLS below); feeds
# need absolute addresses, and in development they point at the preview.
SITEURL = "http://localhost:8000"
AUTHOR = "Tracy Swindell"
DEFAULT_LANG = "en"
TIMEZONE = "Europe/London"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# What she is known for: said in her bio and in the home page's introduction.
AUTHOR_CREDENTIAL = "former GB international marathon runner"
# The author bio: shown in the author box under every post and on the About page.
AUTHOR_BIO = [
    f"{AUTHOR} is a {AUTHOR_CREDENTIAL} who has trained and competed in a number "
    "of sports from a young age. She is passionate about helping people reach their "
    "potential and is a strong believer in empowering her clients to understand and "
    "care for their own bodies.",
    "Always updating her skills to get the best possible results for her clients, "
    "Tracy’s extensive studying covers coaching and movement-based qualifications "
    "including intrinsic biomechanics, anatomy in motion, pilates and yoga.",
]

# Her photo: a file in content/ (for example "images/tracy.jpg"), shown in the
# home page's introduction, the author box under every post and on About. It
# is published like every photo, without location or camera data. Until she
# supplies one, the theme shows her initials in a circle instead.
AUTHOR_PHOTO = ""

# The home page's introduction: its heading, and a line on who writes what.
HOME_HEADING = "Move well, run well, feel at home in your body"
HOME_LEAD = (f"Posts and short videos by {AUTHOR}, {AUTHOR_CREDENTIAL}, on how your body "
             "moves and what to do when it won’t.")

# Where readers book and get in touch. PLACEHOLDERS: the coach replaces these
# with her real booking form and address before publishing (see README.md).
BOOKING_URL = "mailto:bookings@example.com?subject=Online%20assessment"
CONTACT_URL = "mailto:hello@example.com?subject=Arrange%20a%20chat"
# Her newsletter's sign-up page (a form of her mail service), offered on the
# Subscribe page beside the feeds; empty: no newsletter, feeds only.
NEWSLETTER_URL = ""

# -- Content -------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
DEFAULT_PAGINATION = 10

# The header fields a post or page may carry, their types and allowed values,
# are plugins/header_schema.py (the content checks hold every header to it).

# Markdown: Pelican's own set; sane_lists, so a numbered list and a bulleted one
# written one after the other stay two lists (as editors show them); and
# pymdown-extensions' magiclink, so a bare address (https://..., www...) in a
# post becomes a link. plugins/post_body adds the rest of "as her editor shows it".
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.sane_lists": {},
        "pymdownx.magiclink": {},
    },
    "output_format": "html5",
}

# Summaries are plain text the coach writes, shown escaped everywhere, never
# HTML (Pelican would otherwise run them through Markdown and print them raw).
FORMATTED_FIELDS = []

# A post's address from its title, one rule for Pelican, `./dev new-post` and the
# editor at /admin/ (its `slug:` options can express no other): accents made
# plain, anything but a letter, digit, _ or ~ becomes a hyphen, one hyphen at
# most in a row and none at the ends: "Why stretching isn't working" is
# why-stretching-isn-t-working (the editor can replace a character, never drop it).
SLUG_REGEX_SUBSTITUTIONS = [(r"[^\w~-]+", "-"), (r"-{2,}", "-"), (r"\A-|-\Z", "")]

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
# No author pages: one author, whose page is the About page (AUTHOR_PAGE);
# nothing linked to the list of her posts, which only cost build time.
AUTHOR_SAVE_AS = ""
# The lists' addresses, which the theme links (Pelican itself reads only *_SAVE_AS).
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
AUTHORS_SAVE_AS = ""  # one author: her page is the About page
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""

# -- Feeds ---------------------------------------------------------------------
# On in development too, so the preview shows what readers will subscribe to.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{slug}.rss.xml"
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RSS_FEED_SUMMARY_ONLY = False  # full posts in RSS as in Atom

# -- Theme and plugins -----------------------------------------------------------
THEME = "theme"
THEME_STATIC_DIR = "theme"  # where the theme's static/ lands in the site: /theme/css/...
# Escaping on by default: titles, summaries and tags print as text; the theme
# marks only rendered post bodies as safe.
# No auto_reload: a build renders with templates read once, so Jinja need not
# check each template's date again on every include.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                     "auto_reload": False}
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "build_speed",  # one Markdown object a build; files written only when changed
    # `---` YAML front matter, and `Key: value` headers (PyPI). Its reader takes
    # .md files (it keeps one Markdown object a build itself); build_speed's
    # steps aside for it.
    "pelican.plugins.yaml_metadata",
    # HTML comments (<!-- notes -->) out of every post, before anything reads it:
    # never on a page or in a feed
    "html_comments",
    # Markdown as her editor shows it (lists, tables), links to the files she meant,
    # no markup the CSP blocks; before content_checks, which stops on its problems.
    "post_body",
    "content_checks",  # every problem in plain words, with file and line
    "scheduled",  # a post dated in the future waits, as a draft, for its date
    "inline_css",  # the stylesheet in each page's head, allowed by hash in the CSP
    "page_meta",  # absolute_url() for canonical, Open Graph and JSON-LD
    "reading_aids",  # reading time, table of contents
    "featured",  # `featured: true` typed in any header form; the home page's "Start here"
    "tables",  # Markdown tables scroll sideways in their own box on a phone
    "figures",  # a photo's Markdown title becomes its caption (<figure>, <figcaption>)
    "code_blocks",  # a code block scrolls sideways in its box, by keyboard too
    "pelican.plugins.neighbors",  # older/newer post (PyPI)
    "pelican.plugins.related_posts",  # posts sharing tags (PyPI)
    # `series:` in the header: a "Part 2 of 4" box and a page per series; after
    # the two above, so related posts leave out the posts linked above them
    "series",
    "share",  # share links under each post: plain links, no other site's script
    # each post's own link-preview picture (title, first photo); before images,
    # whose rewriting of the photos it reads past
    "share_images",
    "images",  # photos: WebP at several widths, width/height, lazy loading
    "root_links",  # links written from the root (/images/x.jpg) work under a sub-path
    "search",  # Pagefind's index of the built site
    "pelican.plugins.sitemap",  # sitemap.xml (PyPI)
    "admin",  # the coach's editor (Sveltia CMS) at /admin/, configured from these settings
    # Pelican calls the handlers of a signal in this order; these two have always
    # come last (they were once added at the end of the file, with their settings).
    "pelican.plugins.youtube",  # reST `.. youtube::` (PyPI)
    "videos",  # our video embeds, the Videos page (settings: Videos, below)
]

# reading_aids: reading time on every post; a table of contents on posts
# with at least this many sections (## headings).
READING_WORDS_PER_MINUTE = 200
TOC_MIN_HEADINGS = 3
# related_posts: under each post, up to this many others sharing its tags
# (fewer when some are linked just above them: series plugin).
RELATED_POSTS_MAX = 3
# series: the address of each series' page, listing its parts in order.
SERIES_URL = "series/{slug}/"
SERIES_SAVE_AS = "series/{slug}/index.html"

# page_meta: link previews and search engines get this image when a page
# has none of its own, and this page as the author's.
DEFAULT_SHARE_IMAGE = f"{THEME_STATIC_DIR}/images/share.png"
AUTHOR_PAGE = "about/"
# share_images: each post's own 1200 x 630 picture for link previews, drawn at
# build time in this font (Source Serif 4 Bold, bundled with its licence) on
# the theme's colours, and cached (in CACHE_PATH/share_images unless
# SHARE_IMAGE_CACHE_PATH says), so a build redraws only what changed.
SHARE_IMAGE_FONT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins",
                                "share_images", "fonts", "SourceSerif4-Bold-latin.woff")
SHARE_IMAGE_QUALITY = 85  # when a post's photo makes a JPEG the smaller file

# inline_css: the theme's stylesheet is printed in each page's head (no
# render-blocking request), and the Content-Security-Policy below allows it
# by its hash. Only what the site uses: its own files, and the privacy-
# enhanced YouTube player or Vimeo's do-not-track one once a reader presses play.
INLINE_CSS_FILE = "css/main.css"
CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# The Search page alone also runs Pagefind's WebAssembly.
CSP_SEARCH = {"script-src": ["'wasm-unsafe-eval'"]}

# images: the widths (px) of WebP made of each photo, the widest published
# (wider originals are resized; content/ keeps them), and the column's width.
# Every published image carries its picture alone (no GPS, camera, owner or
# software; sRGB), and an image no post or page uses is not published.
IMAGE_WIDTHS = [480, 960, 1600]
IMAGE_MAX_WIDTH = 2000
IMAGE_QUALITY = 80
IMAGE_SIZES = "(min-width: 42rem) 40rem, 100vw"
# The largest photo taken (a 108 MP phone photo is fine; decoding stays small).
IMAGE_MAX_PIXELS = 120_000_000

# search: Pagefind indexes every build (plugins/search); the Search page queries it.
SEARCH_INDEX = True
# True only in the warm preview (./dev livereload sets it, preview.py): it indexes
# search just after the page reloads, and the Search page says so.
PREVIEW = False

# sitemap (pelican-sitemap): every published post, page and list, not drafts
# or the 404 page; robots.txt (a template page) points to it.
SITEMAP = {"format": "xml", "exclude": ["^drafts/", r"^404\.html$", r"^robots\.txt$"]}
TEMPLATE_PAGES = {"robots.txt": "robots.txt"}

# Pages appear in the main navigation in the order of their `Order:`
# metadata, labelled by `Nav_label:` (else their title).
PAGE_ORDER_BY = "order"

# scheduled: the moment the build counts as "now" (ISO 8601), so a test can
# build the site as it will be on a later day; unset, the real time.
SCHEDULE_NOW = os.environ.get("SCHEDULE_NOW") or None

# admin: the editor at /admin/ (plugins/admin). The GitHub repository it saves to
# ("owner/name"; empty: the one git's remote "origin" names; publishconf.py takes
# it from GitHub Actions), the branch, and the editor's own
# Content-Security-Policy. Its fonts, icons, languages and "new version?" check
# are served from /admin/ itself (the plugin copies them from node_modules), so
# nothing here lets the page reach another site before she signs in to GitHub;
# then it talks to GitHub's API, shows her GitHub picture and asks GitHub's
# status page (github-status.js holds that back until she has signed in).
# Kept out, knowingly: code-block colouring (Shiki, fetched from unpkg by the
# editor when a post has a code block; her posts have none, and the code shows
# plain) and the map field (Leaflet; unused). Readers' pages never get this policy.
ADMIN_DIR = "admin"
ADMIN_REPO = ""
ADMIN_BRANCH = "main"
ADMIN_EDITOR_REQUIRED = False  # publishing under CI requires the editor (publishconf.py)
ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],  # Svelte's inline styles
    "img-src": ["'self'", "blob:", "data:", "https://avatars.githubusercontent.com"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'"],
    "manifest-src": ["'self'", "blob:"],
    "frame-src": ["'self'", "blob:"],
    "connect-src": ["'self'", "blob:", "data:", "https://api.github.com",
                    "https://www.githubstatus.com/api/v2/status.json"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

# -- Development ---------------------------------------------------------------
RELATIVE_URLS = True
# Start-up dominates under 100 posts, where the cache saves nothing (measured).
LOAD_CONTENT_CACHE = False

# -- Videos (plugins/videos) ------------------------------------------------------
VIDEO_POSTER_DIR = "images/videos"  # posters `./dev videos` fetched (ID.jpg), under PATH
VIDEO_DATA_FILE = "videos.json"  # titles `./dev videos` fetched, under PATH
# Where `./dev videos` asks for a title and a poster ({watch_url} comes URL-encoded).
VIDEO_OEMBED_URL = "https://www.youtube.com/oembed?format=json&url={watch_url}"
VIDEO_THUMBNAIL_URL = "https://i.ytimg.com/vi/{id}/hqdefault.jpg"
