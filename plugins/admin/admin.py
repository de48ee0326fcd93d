"""Admin: the coach's editor at /admin/ (Sveltia CMS), served by the site itself.

Adds, on every build, a folder ADMIN_DIR of the output with:
- index.html: the page that starts the editor; `noindex`, and a
  Content-Security-Policy of its own (ADMIN_CSP), never the readers' one;
- sveltia-cms.js: the editor, copied from node_modules (package-lock.json pins
  it; no CDN), with the addresses it would fetch its own parts from pointed at
  copies beside it, so that nothing leaves the site before she signs in to
  GitHub: fonts/ (its interface and icon fonts, from the @fontsource packages
  that hold the files jsDelivr serves), editor/package.json (its "new
  version?" check, answered with the installed version: npm updates it, not
  the page), editor@VERSION/locales/ (its interface in the browser's language)
  and chunks/. Without node_modules (or its fonts) the page says how to get
  them instead, and with ADMIN_EDITOR_REQUIRED (publishing under CI) the build
  fails;
- github-status.js (beside this module): GitHub's status page is asked only
  once she has signed in with GitHub, never in the laptop's local mode;
- admin.js (beside this module): the preview in our stylesheet, and the
  post editor's Video and Photo buttons;
- config.yml: the editor's configuration, written from the settings (address,
  folders) and the content (the categories that exist, the pages), so that
  nothing in it is written twice.
The folder is in no sitemap, feed or search index (it is not content); its
page says noindex, and robots.txt disallows it where crawlers read it (a site
at the root of its host).

Settings read (defaults): ADMIN_DIR ("admin"), ADMIN_EDITOR_FILE
("node_modules/@sveltia/cms/dist/sveltia-cms.js", from the project folder;
its package folder holds locales/ and package.json, and the node_modules
above it the fonts), ADMIN_EDITOR_REQUIRED (False), ADMIN_REPO ("": the GitHub
repository git's remote "origin" names, else the project folder's name),
ADMIN_BRANCH ("main"), ADMIN_CSP ({"default-src": ["'self'"]}), and SITEURL,
PATH, ARTICLE_PATHS, STATIC_PATHS, SITENAME, THEME_STATIC_DIR.
Signal: get_generators (a generator made afresh for each build writes the folder
once every post is read).
"""

import base64
import filecmp
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, select_autoescape
from pelican import signals
from pelican.plugins.yaml_metadata.yaml_metadata import HEADER_RE

from plugins import header_schema
from plugins.build_speed.build_speed import replace_file, unchanged
from plugins.problems import report_problem

EDITOR_NAME = "sveltia-cms.js"
# The fonts the editor asks jsDelivr for: npm's @fontsource packages hold the
# same files (":vf" is a variable font, in @fontsource-variable).
# (Read as bytes: the 2 MB editor is rewritten on every build, five times faster so.)
FONT_ADDRESS = re.compile(
    rb"https://cdn\.jsdelivr\.net/fontsource/fonts/(?P<family>[a-z0-9-]+)(?P<variable>:vf)?"
    rb"@[0-9.]+/(?P<file>[a-z0-9-]+\.woff2)")
FONTS_FOLDER = "fonts"
# Where the editor fetches its own parts (package.json, locales, chunks), and
# where our copies of them are: beside it, relative to the admin page.
EDITOR_HOME = b"https://unpkg.com/@sveltia/cms"
LOCAL_HOME = "./editor"
# The editor's own words for her photos, in plain words (no setting changes them;
# they are the English interface's strings, in the editor and its locale files).
PLAIN_WORDS = {"Global Assets": "Photos", "External Locations": "From the web"}
GITHUB_REMOTE = re.compile(r"github\.com[:/](?P<repo>[^/\s]+/[^/\s]+?)(?:\.git)?/?$")
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<title>Write: {{ sitename }}</title>
<link rel="icon" href="../{{ theme_static }}/favicon.svg" type="image/svg+xml">
{% if editor %}
{% if import_map %}<script type="importmap">{{ import_map | safe }}</script>{% endif %}
<script src="github-status.js"></script>
<script src="{{ editor }}"></script>
<script src="admin.js" data-preview-style="../{{ theme_static }}/css/main.css"
  data-site-name="{{ sitename }}"></script>
{% endif %}
</head>
<body>
{% if not editor %}
<main>
<h1>The editor is not installed in this copy of the site</h1>
<p>Run <code>npm ci</code> in the project folder (it installs the editor and
its fonts), then build again
(<code>./dev livereload</code>). The live site always has it.</p>
</main>
{% endif %}
</body>
</html>
"""


# What the editor loads only for a post's preview template (admin.js): React's
# renderer, a chunk beside the editor, and Immutable.js, which it asks of
# unpkg.com. The admin page's policy refuses unpkg.com, so an import map sends
# that address to our copy (the package the editor's own package.json names).
PREVIEW_CHUNK = "chunks/react-dom.js"
IMMUTABLE_FILE = "node_modules/immutable/dist/immutable.es.js"
IMMUTABLE_VERSION = re.compile(r"immutable:`\D?([\d.]+)`")


def preview_import_map(editor_text):
    """The import map sending the editor's unpkg.com address of Immutable.js to
    our copy (immutable.es.js beside it), as the page writes it; None when the
    editor names no version."""
    match = IMMUTABLE_VERSION.search(editor_text)
    if not match:
        return None
    address = f"https://unpkg.com/immutable@{match[1]}/dist/immutable.es.js"
    return json.dumps({"imports": {address: "./immutable.es.js"}})


def with_inline_script(csp, script):
    """The policy, allowing one inline script (the import map) by its hash."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    sources = csp.get("script-src", csp.get("default-src", ["'self'"]))
    return {**csp, "script-src": [*sources, f"'sha256-{digest}'"]}


def policy(csp):
    """A Content-Security-Policy header value from {directive: [sources]}."""
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in csp.items())


def first_folder(settings, name):
    return os.path.join(os.path.basename(settings["PATH"]), settings[name][0]).replace("\\", "/")


# The text of a post or a page. It opens as the Markdown she wrote (raw), which
# the editor saves as it is; its rich-text mode would rewrite some Markdown.
BODY_FIELD = {"name": "body", "label": "Text", "widget": "markdown",
              "modes": ["raw", "rich_text"], "editor_components": ["video", "photo", "code-block"]}


# A video address the site can play (plugins/videos: youtube.py, vimeo.py): a
# YouTube video (an 11-character id) or playlist, or a Vimeo video (digits),
# then a start time or other parameters. JavaScript's and Python's regex alike.
YOUTUBE_ID = r"[A-Za-z0-9_-]{11}"
PLAYLIST = r"(?:\S*&)?list=[A-Za-z0-9_-]{10,64}"
PLAYABLE_VIDEO = (
    r"https?://(?:(?:www\.)?youtu\.be/" + YOUTUBE_ID
    + r"|(?:www\.|m\.|music\.)?youtube(?:-nocookie)?\.com/(?:watch\?(?:\S*&)?v=" + YOUTUBE_ID
    + r"|(?:embed|shorts|live|v)/" + YOUTUBE_ID + r"|playlist\?" + PLAYLIST
    + r"|embed/videoseries\?" + PLAYLIST + r")"
    + r"|(?:www\.)?vimeo\.com/(?:channels/[^/\s]+/|groups/[^/\s]+/videos/)?\d{6,12}"
    + r"|player\.vimeo\.com/video/\d{6,12})(?:[?&#/][^\s>]*)?")
# An address shaped like a video's, maybe mistyped (youtube.is_video_address);
# other pages of those sites (a channel) are links.
VIDEO_SHAPED = (
    r"https?://(?:(?:www\.)?youtu\.be/|(?:www\.|m\.|music\.)?youtube(?:-nocookie)?\.com/"
    r"(?:watch\b|embed/|shorts/|live/|v/|playlist\b)"
    r"|(?:www\.)?vimeo\.com/(?:channels/[^/\s]+/|groups/[^/\s]+/videos/)?\d"
    r"|player\.vimeo\.com/video/)[^\s>]*")
# The text of a post: no line that is a video address the site cannot play
# (a mistyped or cut-off one), and no photo without its
# description (`![](...)`). (?:^|\n) marks a line's start: the editor reads a
# pattern without flags.
BODY_PATTERN = (
    r"^(?![\s\S]*(?:^|\n)[ \t]*(?!<?" + PLAYABLE_VIDEO + r">?[ \t]*(?:\n|$))"
    r"<?" + VIDEO_SHAPED + r">?[ \t]*(?:\n|$))(?![\s\S]*!\[\s*\]\()")

# What the build requires of a post, field by field: required fields, allowed
# values and the address's form come from the one header schema
# (plugins/header_schema.py), so the editor and the build's checks cannot
# drift apart; the text's own rule (videos, photos) is the videos and images
# plugins'. "pattern" is a regular expression (JavaScript's and Python's alike)
# and the message shown when a value does not match; "options" the only
# values a field takes. Read at each build (post_rules).
SLUG_MESSAGE = "Lower-case words joined by hyphens (my-new-post), or leave it empty."
BODY_RULE = {"required": True, "pattern": (
    BODY_PATTERN,
    "A video address the site cannot play (copy it again from the video's Share "
    "button on YouTube or Vimeo), or a photo without its description (write what "
    "it shows between the brackets: ![What it shows](images/...)).")}


def post_rules():
    """{field: rule} for a post, from the header schema, and the text's rule."""
    required = header_schema.required(header_schema.POST)
    rules = {}
    for name in header_schema.names(header_schema.POST):
        rule = {"required": name in required}
        if values := header_schema.allowed(name, header_schema.POST):
            rule["options"] = list(values)
        rules[name] = rule
    rules["status"]["required"] = True  # the select always holds one; draft by default
    rules["slug"]["pattern"] = (rf"^({header_schema.SLUG.pattern})?$", SLUG_MESSAGE)
    return {**rules, "body": BODY_RULE}


# How the editor names a value of a field with options.
OPTION_LABELS = {"draft": "Draft", "published": "Published"}


def with_rules(fields, rules):
    """The editor's fields with the rules applied (Sveltia's `required`,
    `pattern` [regex, message] and a select's `options`); fields without a
    rule are left as they are."""
    ruled = []
    for field in fields:
        rule = rules.get(field["name"], {})
        field = dict(field)  # a copy: one shared object would be written as a YAML alias
        if "required" in rule:
            field["required"] = rule["required"]
        if "pattern" in rule:
            field["pattern"] = list(rule["pattern"])
        if "options" in rule:
            field["widget"] = "select"
            field["options"] = [{"label": OPTION_LABELS.get(value, value), "value": value}
                                for value in rule["options"]]
        ruled.append(field)
    return ruled


def post_fields(categories):
    """The post editor's fields, in the order of a hand-written header, with
    the build's rules for them (post_rules, read at each build). An empty
    optional field is left out of the file (omit_empty_optional_fields), so
    a post in no series saves as it was. No box for `featured`: Sveltia's
    boolean field holds false when the header says nothing, and would write
    `featured: false` into every post saved; a header line without a field
    is kept, below the fields."""
    usual = categories[0] if categories else "Running"
    return with_rules([
        {"name": "title", "label": "Title", "widget": "string"},
        {"name": "slug", "label": "Address", "widget": "string",
         "hint": "Leave empty: the address is made from the title."},
        {"name": "date", "label": "Date and time", "widget": "datetime",
         "format": "YYYY-MM-DD HH:mm", "default": "{{now}}",
         "hint": "A published post dated in the future waits, unseen, until that day."},
        {"name": "category", "label": "Category", "widget": "string", "default": usual,
         "hint": "Categories so far: " + ", ".join(categories or [usual])
                 + ". Any other name starts a new category."},
        {"name": "series", "label": "Series", "widget": "string",
         "hint": "Leave empty, or the series' name, spelled the same in each part: "
                 "the parts link to each other, in the order of their dates."},
        {"name": "tags", "label": "Tags", "widget": "list", "required": False,
         "hint": "One tag a box: Add Tags gives the next."},
        {"name": "summary", "label": "Summary", "widget": "text",
         "hint": "One or two sentences for the home page and search results."},
        {"name": "status", "label": "Status", "default": "draft",
         "hint": "Draft: kept off the site. Published: on the site once you save."},
        BODY_FIELD,
    ], post_rules())


def written(value):
    """A header value as the file has it: a number stays a number (pages are
    ordered by `order`, and 1 and "1" do not sort together)."""
    return value if isinstance(value, (int, float)) else str(value)


PAGE_FIELDS = {
    "title": {"label": "Title", "widget": "string"},
    "nav_label": {"label": "Label in the menu", "widget": "string", "required": False},
    "summary": {"label": "Summary", "widget": "text"},
}


def front_matter(path):
    """The YAML front matter of a file as written (its keys in order), or None."""
    with open(path, encoding="utf-8") as source:
        match = HEADER_RE.fullmatch(source.read())  # where Pelican's reader finds it
    # As the build reads it (the header schema): a title "No" stays "No".
    header = header_schema.load_front_matter(match["metadata"]) if match else None
    return header if isinstance(header, dict) else None


def page_entry(page, root):
    """One page of the pages collection: its title, menu label, summary and
    text to edit; what else its header carries (template, order...) kept as
    it is, in the order the file has it, so a save changes only the edit."""
    header = front_matter(page.source_path) or {
        key: value for key, value in page.metadata.items() if key in PAGE_FIELDS}
    fields = [{"name": key, **PAGE_FIELDS[key]} if key in PAGE_FIELDS else
              {"name": key, "widget": "hidden", "default": written(value)}
              for key, value in header.items()]
    fields.append(dict(BODY_FIELD))
    return {"name": page.slug, "label": page.title, "fields": fields,
            "file": os.path.relpath(page.source_path, root).replace("\\", "/")}


def origin_repository(root):
    """The GitHub repository ("owner/name") git's remote "origin" names in
    root, or None (no git, no remote, or not GitHub)."""
    try:
        url = subprocess.run(["git", "config", "--get", "remote.origin.url"], cwd=root,
                             capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return None
    match = GITHUB_REMOTE.search(url)
    return match["repo"] if match else None


def repository(setting, root):
    """The repository the editor saves to: the setting, else git's origin, else
    one named after the project folder (what the laptop's local mode asks her
    to pick; GitHub sign-in needs a real one)."""
    return setting or origin_repository(root) or f"local/{os.path.basename(root)}"


def site_path(siteurl, path):
    """An absolute path on the site's host (the site may live under /REPO/)."""
    return urlsplit(siteurl or "").path.rstrip("/") + "/" + path


def cms_config(settings, categories, pages, root):
    """The editor's configuration (Sveltia CMS's config.yml) as data."""
    siteurl = settings.get("SITEURL") or "/"
    favicon = f"{settings.get('THEME_STATIC_DIR', 'theme')}/favicon.svg"
    return {
        "backend": {"name": "github", "repo": repository(settings.get("ADMIN_REPO"), root),
                    "branch": settings.get("ADMIN_BRANCH", "main"),
                    "auth_methods": ["token"]},
        # Her site's name and mark on the sign-in screen and the tab, not Sveltia's.
        "app_title": settings.get("SITENAME", ""),
        "logo": {"src": site_path(settings.get("SITEURL"), favicon)},
        "site_url": siteurl,
        "display_url": siteurl,
        "media_folder": first_folder(settings, "STATIC_PATHS"),
        "public_folder": settings["STATIC_PATHS"][0],
        # Her own photos only, in one place: no stock-photo sites in the picker.
        "media_libraries": {"stock_assets": False},
        # Front matter written as a hand-written post's: lists not indented.
        "output": {"omit_empty_optional_fields": True, "yaml": {"indent_sequences": False}},
        # The site's slug rule (SLUG_REGEX_SUBSTITUTIONS in pelicanconf.py), so a
        # post's file is named as its address: accents made plain, anything but
        # a letter, digit, _ or ~ a hyphen, one at most in a row, none at the ends.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            {"name": "posts", "label": "Posts", "label_singular": "Post",
             "folder": first_folder(settings, "ARTICLE_PATHS"), "extension": "md",
             "format": "yaml-frontmatter", "create": True, "slug": "{{title}}",
             "sortable_fields": {"fields": ["date", "title"], "default": {"field": "date",
                                                                        "direction": "descending"}},
             "summary": "{{title}} ({{status}})", "fields": post_fields(categories)},
            {"name": "pages", "label": "Pages", "format": "yaml-frontmatter",
             "files": [page_entry(page, root) for page in pages]},
        ],
    }


def categories_by_use(articles):
    """The categories of the posts, the most used first."""
    counts = Counter(article.category.name for article in articles)
    return [name for name, _ in counts.most_common()]


def write_if_changed(path, text):
    """Write text (or bytes) to path unless the file holds it already (a warm
    preview rewrites only what changed), replacing it in one step as every page is."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if not unchanged(path, data):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        replace_file(path, data)


def copy_if_changed(source, target):
    """Copy a file unless the same one is there already."""
    if not (os.path.isfile(target) and filecmp.cmp(source, target, shallow=True)):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(source, target)


def font_package_file(match):
    """The file under node_modules that holds a font the editor asks jsDelivr for."""
    family, file = match["family"].decode(), match["file"].decode()
    scope = "@fontsource-variable" if match["variable"] else "@fontsource"
    return f"{scope}/{family}/files/{family}-{file}"


def self_hosted(editor):
    """The editor (bytes) with its fonts and its own parts fetched from the site,
    and the fonts it then needs: {file name in fonts/: file under node_modules}."""
    fonts = {}

    def local_font(match):
        name = f"{match['family'].decode()}-{match['file'].decode()}"
        fonts[name] = font_package_file(match)
        return f"{FONTS_FOLDER}/{name}".encode()

    editor = in_plain_words(FONT_ADDRESS.sub(local_font, editor), b"`")
    return editor.replace(EDITOR_HOME, LOCAL_HOME.encode()), fonts


def in_plain_words(text, quote):
    """text (bytes) with the editor's jargon, written between `quote`s, in plain words."""
    for jargon, plain in PLAIN_WORDS.items():
        text = text.replace(quote + jargon.encode() + quote, quote + plain.encode() + quote)
    return text


def installed_version(package):
    """The version in an npm package's package.json, or "" without one."""
    try:
        with open(os.path.join(package, "package.json"), encoding="utf-8") as source:
            return json.load(source)["version"]
    except (OSError, ValueError, KeyError):
        return ""


class AdminGenerator:
    """Writes the admin folder; Pelican makes one for each build."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings
        self.output = os.path.join(output_path, settings.get("ADMIN_DIR", "admin"))
        self.root = os.path.dirname(settings["PATH"])
        self.editor_file = os.path.join(self.root, settings.get(
            "ADMIN_EDITOR_FILE", "node_modules/@sveltia/cms/dist/sveltia-cms.js"))
        # The editor's package (node_modules/@sveltia/cms) and the node_modules above it.
        self.editor_package = os.path.dirname(os.path.dirname(self.editor_file))
        self.node_modules = os.path.dirname(os.path.dirname(self.editor_package))
        self.editor_required = settings.get("ADMIN_EDITOR_REQUIRED", False)
        self.csp = settings.get("ADMIN_CSP", {"default-src": ["'self'"]})
        self.sitename = settings.get("SITENAME", "")
        self.theme_static = settings.get("THEME_STATIC_DIR", "theme")

    def generate_context(self):
        pass

    def generate_output(self, writer):
        os.makedirs(self.output, exist_ok=True)
        articles = self.context.get("articles", []) + self.context.get("drafts", [])
        pages = sorted(self.context.get("pages", []),
                       key=lambda page: os.path.basename(page.source_path))
        config = cms_config(self.settings, categories_by_use(articles), pages, self.root)
        write_if_changed(os.path.join(self.output, "config.yml"),
                         yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
        editor = self.copy_editor()
        import_map = self.copy_preview_pieces() if editor else None
        csp = with_inline_script(self.csp, import_map) if import_map else self.csp
        page = Environment(autoescape=select_autoescape(default=True)).from_string(PAGE)
        write_if_changed(os.path.join(self.output, "index.html"), page.render(
            csp=policy(csp), sitename=self.sitename, editor=editor, import_map=import_map,
            theme_static=self.theme_static))
        for script in ("admin.js", "github-status.js"):
            copy_if_changed(os.path.join(os.path.dirname(__file__), script),
                            os.path.join(self.output, script))

    def copy_preview_pieces(self):
        """Copy what the preview template loads (PREVIEW_CHUNK, Immutable.js)
        beside the editor; the page's import map, or None without them."""
        chunk = os.path.join(os.path.dirname(self.editor_file), PREVIEW_CHUNK)
        immutable = os.path.join(self.root, IMMUTABLE_FILE)
        if not (os.path.isfile(chunk) and os.path.isfile(immutable)):
            return None
        os.makedirs(os.path.join(self.output, os.path.dirname(PREVIEW_CHUNK)), exist_ok=True)
        copy_if_changed(chunk, os.path.join(self.output, PREVIEW_CHUNK))
        copy_if_changed(immutable, os.path.join(self.output, "immutable.es.js"))
        with open(self.editor_file, encoding="utf-8") as editor:
            return preview_import_map(editor.read())

    def copy_editor(self):
        """Write the editor and its parts into the admin folder; the editor's file
        name, or None when node_modules lacks it or its fonts."""
        missing = self.editor_file
        if os.path.isfile(self.editor_file):
            with open(self.editor_file, "rb") as source:
                editor, fonts = self_hosted(source.read())
            missing = next((path for path in self.font_sources(fonts).values()
                            if not os.path.isfile(path)), None)
        if missing:
            if self.editor_required:
                report_problem(os.path.relpath(missing, self.root), None,
                               "The page /admin/ would not work: the editor or its fonts are "
                               "not installed.", "Run npm ci before building.")
            return None
        for name, source in self.font_sources(fonts).items():
            copy_if_changed(source, os.path.join(self.output, FONTS_FOLDER, name))
        self.copy_editor_parts()
        write_if_changed(os.path.join(self.output, EDITOR_NAME), editor)
        return EDITOR_NAME

    def font_sources(self, fonts):
        return {name: os.path.join(self.node_modules, path) for name, path in fonts.items()}

    def copy_editor_parts(self):
        """What the editor fetches from its own home: its version (for its
        "new version?" check), its interface's languages and its chunks."""
        version = installed_version(self.editor_package)
        write_if_changed(os.path.join(self.output, LOCAL_HOME, "package.json"),
                         json.dumps({"name": "@sveltia/cms", "version": version}))
        for folder, target in (("locales", f"{LOCAL_HOME}@{version}/locales"),
                               ("dist/chunks", "chunks")):
            source = os.path.join(self.editor_package, folder)
            for name in os.listdir(source) if os.path.isdir(source) else ():
                if name.startswith("en-") and name.endswith(".json"):
                    with open(os.path.join(source, name), "rb") as english:
                        write_if_changed(os.path.join(self.output, target, name),
                                         in_plain_words(english.read(), b'"'))
                elif name.endswith((".json", ".js")):
                    copy_if_changed(os.path.join(source, name),
                                    os.path.join(self.output, target, name))


def add_generator(pelican):
    return AdminGenerator


def register():
    signals.get_generators.connect(add_generator)
