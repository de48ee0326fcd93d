"""What must be filled in before the site can go live: every placeholder left
in the production settings or in a post or page that would be published.

- the site's address (SITEURL), the booking and contact addresses
  (BOOKING_URL, CONTACT_URL) at a domain kept for examples (address.py);
- the repository the editor at /admin/ saves to, while it is "OWNER/REPO" or
  no GitHub repository at all (no PUBLIC_REPO, no GitHub "origin"), and the
  editor is shipped (node_modules has it, or publishing requires it);
- a stand-in video id (PLACEHOLDR…, README: Videos) in a post or page;
- the new-post template's own text (new_post.md: its summary, and the
  "Write your post here" line) left in a post.

Drafts do not count: they are never published. A scheduled post does, since
it goes live on its date with nobody there to look. HTML comments do not
count either (plugins/html_comments: never published).

Read from the sources, not from a built site, so that publishing refuses in
a moment, before the build and the checks. Each placeholder is a problem as
the build reports them ({"file", "line", "what", "fix"}) for one list.
"""

import re
from pathlib import Path

import yaml
from pelican.plugins.yaml_metadata.yaml_metadata import HEADER_RE

from plugins.header_schema import PLACEHOLDER_SUMMARY
from site_tools.address import is_placeholder

# The settings this reads, from publishconf.py (which imports pelicanconf.py).
SETTINGS = ["SITEURL", "BOOKING_URL", "CONTACT_URL", "ADMIN_REPO", "ADMIN_EDITOR_REQUIRED",
            "ADMIN_EDITOR_FILE", "PATH", "ARTICLE_PATHS", "PAGE_PATHS"]
EDITOR_FILE = "node_modules/@sveltia/cms/dist/sveltia-cms.js"  # plugins/admin's default
SETTINGS_FILES = ["publishconf.py", "pelicanconf.py"]  # where a setting is written, in order
PLACEHOLDER_REPOS = ("OWNER/REPO", "USER/REPO")
LOCAL_REPO = "local/"  # plugins/admin's name for a project with no GitHub origin
TEMPLATE = Path(__file__).with_name("new_post.md")
# What Pelican reads as a post or page here: Markdown, reStructuredText and HTML.
SOURCE_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm")

VIDEO_PLACEHOLDER = re.compile(r"(?:https?://[^\s()<>\[\]\"']*?)?PLACEHOLDR[\w-]*")
COMMENT = re.compile(r"<!--.*?-->", re.S)
HTML_META = re.compile(r"""<meta\s+name=["']([\w-]+)["']\s+content=["']([^"']*)["']""", re.I)
KEY_VALUE = re.compile(r"^([A-Za-z][\w-]*):\s*(.*)$")
RST_FIELD = re.compile(r"^:([A-Za-z][\w-]*):\s*(.*)$")

# What each address setting is for, and how to fill it in, in the coach's words.
ADDRESSES = {
    "SITEURL": ("The site's address",
                "Set PUBLIC_SITEURL in publishconf.py (or, on GitHub, the repository "
                "variable SITEURL) to the site's real address, e.g. "
                "https://USER.github.io/REPO: README.md, Publishing."),
    "BOOKING_URL": ("The address of the “Book an online assessment” buttons",
                    "Set BOOKING_URL in pelicanconf.py to your booking form's address, "
                    "or to mailto: and your own email address."),
    "CONTACT_URL": ("The address of the “Arrange a chat” buttons",
                    "Set CONTACT_URL in pelicanconf.py to mailto: and your own email "
                    "address, or to your contact form's address."),
}


def find_placeholders(root, settings):
    """Every placeholder that would go live, as problems: the settings' first,
    then each post's and page's, file by file. `settings` holds SETTINGS."""
    root = Path(root)
    found = [setting_problem(root, settings[name], f"{what} is still the placeholder "
                             f"{settings[name]}.", fix)
             for name, (what, fix) in ADDRESSES.items()
             if settings.get(name) and is_placeholder(settings[name])]
    if editor_shipped(root, settings) and (problem := editor_repository_problem(root, settings)):
        found.append(problem)
    template = template_texts()
    for source in published_sources(root, settings):
        found += placeholders_in_post(source, source.relative_to(root).as_posix(), template)
    return found


def editor_repository_problem(root, settings):
    """The editor saves to ADMIN_REPO, else to the GitHub repository git's
    "origin" names (plugins/admin): a placeholder, or no GitHub repository at
    all, would give her an editor that cannot sign in."""
    from plugins.admin.admin import repository

    repo = repository(settings.get("ADMIN_REPO"), root)
    fix = ("Set PUBLIC_REPO in publishconf.py to the site's GitHub repository, \"USER/REPO\" "
           "(a publish on GitHub Actions fills it in by itself).")
    if repo in PLACEHOLDER_REPOS:
        return setting_problem(root, repo, f"The editor at /admin/ would save to {repo}, a "
                               "placeholder.", fix)
    if repo.startswith(LOCAL_REPO):
        return {"file": "publishconf.py", "line": line_holding(root / "publishconf.py",
                                                              "PUBLIC_REPO = "),
                "what": "The editor at /admin/ would save to no GitHub repository: "
                        "PUBLIC_REPO is empty and git's remote \"origin\" is not on GitHub.",
                "fix": fix}
    return None


def setting_problem(root, value, what, fix):
    """A problem at the settings file and line where `value` is written; a
    value from the environment (no file has it) names no file."""
    for name in SETTINGS_FILES:
        line = line_holding(root / name, value)
        if line:
            return {"file": name, "line": line, "what": what, "fix": fix}
    return {"what": what, "fix": fix}


def line_holding(path, value):
    """The number of the first line of `path` that has `value` in quotes, or
    starts with it (a setting's name: "PUBLIC_REPO = ")."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for number, line in enumerate(lines, start=1):
        if f'"{value}"' in line or f"'{value}'" in line or (value and line.startswith(value)):
            return number
    return None


def editor_shipped(root, settings):
    """The editor at /admin/ is published when the build finds it (plugins/admin)."""
    editor = root / (settings.get("ADMIN_EDITOR_FILE") or EDITOR_FILE)
    return bool(settings.get("ADMIN_EDITOR_REQUIRED")) or editor.is_file()


# -- Posts and pages ---------------------------------------------------------------


def published_sources(root, settings):
    """The post and page files that are not drafts, in order."""
    content = root / settings.get("PATH", "content")
    folders = [*(settings.get("ARTICLE_PATHS") or [""]), *(settings.get("PAGE_PATHS") or [])]
    files = sorted({path for folder in folders for path in (content / folder).rglob("*")
                    if path.suffix in SOURCE_SUFFIXES and path.is_file()})
    return [path for path in files if header_of(path).get("status", "").lower() != "draft"]


def header_of(path):
    """The post's header fields, names in lower case, values as text: YAML front
    matter, `Key: value` lines, or a reST field list. A header that cannot be
    read gives {}: the post counts as published (the build names the problem)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".rst":
        return {m[1].lower(): m[2].strip() for m in map(RST_FIELD.match, text.splitlines()) if m}
    if path.suffix in (".html", ".htm"):  # Pelican's HTML reader: <meta name content>
        return {m[1].lower(): m[2].strip() for m in HTML_META.finditer(text)}
    front = HEADER_RE.fullmatch(text)
    if front:
        try:
            fields = yaml.safe_load(front["metadata"])
        except yaml.YAMLError:
            return {}
        return {str(k).lower(): str(v) for k, v in fields.items()} \
            if isinstance(fields, dict) else {}
    fields = {}
    for line in text.splitlines():
        match = KEY_VALUE.match(line)
        if not match:
            break
        fields[match[1].lower()] = match[2].strip()
    return fields


def template_texts():
    """The new-post template's text a coach replaces: its summary, and each
    paragraph of its body outside the comment, as {first line: paragraph}."""
    text = HEADER_RE.fullmatch(TEMPLATE.read_text(encoding="utf-8"))
    summary = PLACEHOLDER_SUMMARY  # ./dev new-post writes the header schema's
    paragraphs = [p.strip() for p in COMMENT.sub("", text["content"]).split("\n\n")]
    return {"summary": " ".join(summary.split()),
            "paragraphs": {p.splitlines()[0]: " ".join(p.split()) for p in paragraphs if p}}


def placeholders_in_post(path, name, template):
    """The placeholders in one published post or page, by line."""
    found = []
    summary = " ".join(header_of(path).get("summary", "").split())
    text = path.read_text(encoding="utf-8", errors="replace")
    # Comments are never published; blank them, keeping the line numbers.
    lines = COMMENT.sub(lambda m: "\n" * m[0].count("\n"), text).splitlines()
    if summary and summary == template["summary"]:
        line = next((n for n, line in enumerate(lines, 1)
                     if line.lower().lstrip(":").startswith("summary:")), None)
        found.append({"file": name, "line": line,
                      "what": f"The summary is still the new post's example: “{summary}”",
                      "fix": "Write one or two sentences of your own about this post: "
                             "they show under its title on the home page and in searches."})
    for number, line in enumerate(lines, 1):
        for video in VIDEO_PLACEHOLDER.findall(line):
            found.append({"file": name, "line": number,
                          "what": f"The video {video} is a placeholder.",
                          "fix": "Replace it with the real video's address (from YouTube's "
                                 "Share button), then run ./dev videos."})
        if line.strip() in template["paragraphs"]:
            found.append({"file": name, "line": number,
                          "what": "The new post's instruction is still there: "
                                  f"“{template['paragraphs'][line.strip()]}”",
                          "fix": "Delete it (readers would see it), and write your own text."})
    return found


# -- Saying it -----------------------------------------------------------------------


def count_of(placeholders):
    return f"{len(placeholders)} placeholder{'s' if len(placeholders) != 1 else ''}"


def listing(placeholders):
    """The placeholders as the coach reads them in the terminal: where, what, the fix."""
    lines = []
    for problem in placeholders:
        if problem.get("file"):
            line = f", line {problem['line']}" if problem.get("line") else ""
            lines.append(f"{problem['file']}{line}")
        lines += [f"  {problem['what']}", f"  Fix: {problem['fix']}", ""]
    return "\n".join(lines)
