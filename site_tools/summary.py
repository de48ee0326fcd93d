"""What a publish changed, and the GitHub run's summary that tells the coach.

compare_with_live: the pages of a built site against the live gh-pages
commit, file by file (blob hashes, nothing written to git), and which posts
are new, changed or gone. The search index and the sitemap are made from
the pages (and differ between two builds of the same pages: Pagefind orders
its filters by chance, the sitemap dates lists by the build's time), so they
count as changed only with a page.

write_run_summary: under GitHub Actions ($GITHUB_STEP_SUMMARY set), Markdown
for the run's summary page; elsewhere it writes nothing. It says how long
the run took, from its first step ($RUN_STARTED, seconds since the epoch,
which the workflow's first step sets) to the push, and where GitHub shows
the Pages deployment that follows (the run does not wait for it).
"""

import html
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

# Made from the pages: see the docstring.
DERIVED = re.compile(r"^(pagefind/|sitemap\.xml$)")
# A published post's body, as the theme marks it for the search index.
POST_BODY = re.compile(rb"<article class=\"post\"[^>]* data-pagefind-body>.*?</article>", re.S)
TITLE = re.compile(rb"<h1>(.*?)</h1>", re.S)
LISTED_AT_MOST = 20  # posts named per kind in the summary; the rest are counted
NOTHING_NEW = "## Nothing new to publish"


@dataclass
class Post:
    title: str
    path: str  # the site path, e.g. "why-stretching-isn-t-working/"


@dataclass
class SiteChanges:
    live: str | None = None  # the live commit compared with; None on a first publish
    pages: list = field(default_factory=list)  # changed, added or removed (not DERIVED)
    new_posts: list = field(default_factory=list)
    changed_posts: list = field(default_factory=list)
    removed_posts: list = field(default_factory=list)
    page_count: int = 0  # HTML pages in the built site


def compare_with_live(git, output, live):
    """The SiteChanges of the built site in `output` against commit `live`."""
    built = folder_blobs(git, output)
    published = tree_blobs(git, live) if live else {}
    differing = sorted(path for path in built.keys() | published.keys()
                       if built.get(path) != published.get(path) and not DERIVED.match(path))
    changes = SiteChanges(live, differing,
                          page_count=sum(path.endswith(".html") for path in built))
    for path in differing:
        new = post_body(output / path) if path in built else None
        old = post_body(git.show(live, path)) if path in published else None
        if new and not old:
            changes.new_posts.append(Post(title_of(new), site_path(path)))
        elif new and old != new:
            changes.changed_posts.append(Post(title_of(new), site_path(path)))
        elif old and not new:
            changes.removed_posts.append(Post(title_of(old), site_path(path)))
    return changes


def folder_blobs(git, folder):
    """{path: git blob hash} of every file under folder, as git would store them."""
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    if not files:
        return {}
    hashes = git.run("hash-object", "--stdin-paths",
                     input="\n".join(str(p) for p in files)).stdout.split()
    return {p.relative_to(folder).as_posix(): h for p, h in zip(files, hashes, strict=True)}


def tree_blobs(git, commit):
    """{path: git blob hash} of every file in commit."""
    listing = git.run("ls-tree", "-r", "-z", commit).stdout
    blobs = {}
    for entry in filter(None, listing.split("\0")):
        meta, path = entry.split("\t", 1)
        blobs[path] = meta.split()[2]
    return blobs


def post_body(page):
    """The post's own part of a page (title, date, tags and text; not the
    links to other posts around it), as bytes; None for a page that is not a
    published post. `page` is a path, or the page's bytes."""
    data = page.read_bytes() if isinstance(page, Path) else page
    match = POST_BODY.search(data)
    return match.group(0) if match else None


def title_of(body):
    match = TITLE.search(body)
    text = re.sub(r"<[^>]+>", "", match.group(1).decode("utf-8")) if match else ""
    return html.unescape(text).strip()


def site_path(path):
    return path.removesuffix("index.html")


# -- The run's summary ------------------------------------------------------------------


def markdown_text(text):
    """Text shown as it is in GitHub's Markdown: HTML and Markdown's own
    characters escaped, so a title like "<b>Hips</b> *now*" reads as written."""
    text = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", text)


def duration(seconds):
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


def write_run_summary(lines, outcome):
    """Append Markdown `lines` to the GitHub run's summary page
    ($GITHUB_STEP_SUMMARY), and the outcome to the step's outputs
    ($GITHUB_OUTPUT); without them (on a laptop) nothing is written."""
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as summary:
            summary.write("\n".join(lines) + "\n")
    write_step_output("outcome", outcome)


def write_step_output(name, value):
    """A step output ($GITHUB_OUTPUT) the workflow's later steps read."""
    output_file = os.environ.get("GITHUB_OUTPUT")
    if output_file:
        with open(output_file, "a", encoding="utf-8") as outputs:
            outputs.write(f"{name}={value}\n")


def run_seconds():
    """Seconds since the run's first step ($RUN_STARTED), or None outside a run."""
    started = os.environ.get("RUN_STARTED", "")
    return time.time() - int(started) if started.isdigit() else None


def run_time_line(what):
    seconds = run_seconds()
    return [f"The whole run took {duration(seconds)} from its first step to {what}."] \
        if seconds is not None else []


def pages_deployment_line():
    """Where GitHub shows the Pages deployment that the push starts: on the
    repository's github-pages environment (GitHub reports it there, live
    when it says Active)."""
    server, repository = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    if not (server and repository):
        return []
    return [f"GitHub Pages deploys it next: [follow its deployment]({server}/{repository}/"
            "deployments/github-pages); the new version is live when it shows Active, "
            "usually within a minute or two."]


def success_lines(publication, seconds):
    changes, url = publication.changes, markdown_text(publication.siteurl)
    if publication.outcome == "unchanged":
        return [NOTHING_NEW, "",
                f"Nothing changed: every page of {url} is already live as it was built now "
                "(no new post, none newly due, no changed file), so nothing was checked or "
                f"pushed. Built and compared in {duration(seconds)}.",
                *run_time_line("the end")]
    heading = "## Published" if publication.outcome == "published" else "## Built and checked"
    where = (f"The site is live at {url} (GitHub Pages shows the new version within a "
             "minute or two)." if publication.outcome == "published" else
             f"Dry run: the site for {url} passed every check; nothing was pushed.")
    lines = [heading, "", where, ""]
    for label, posts in [("New posts", changes.new_posts),
                         ("Changed posts", changes.changed_posts),
                         ("Posts taken down", changes.removed_posts)]:
        if posts:
            lines += [f"{label}:", ""] + post_items(publication.siteurl, posts) + [""]
    if not (changes.new_posts or changes.changed_posts or changes.removed_posts):
        lines += ["No post is new or changed; other pages are.", ""]
    if publication.outcome != "published":
        return [*lines, f"{changes.page_count} pages, built and checked in {duration(seconds)}."]
    done = "built, checked and published" if publication.built_here else "checked and published"
    return [*lines, *pages_deployment_line(), *run_time_line("the push"),
            f"{changes.page_count} pages, {done} in {duration(seconds)}."]


def post_items(siteurl, posts):
    items = [f"- [{markdown_text(post.title)}]({siteurl}/{post.path})"
             for post in posts[:LISTED_AT_MOST]]
    if len(posts) > LISTED_AT_MOST:
        items.append(f"- and {len(posts) - LISTED_AT_MOST} more")
    return items


def failure_lines(problems, message, not_published, heading=None):
    """What to fix, one problem a paragraph; `heading` in place of "Not published:
    N problems to fix" (placeholders have their own)."""
    from site_tools.build import count_of  # imported here: summary.py runs before .venv exists

    heading = heading or (f"## Not published: {count_of(problems)} to fix"
                          if problems else "## Not published")
    lines = [heading, "", not_published, ""]
    for problem in problems:
        where = problem.get("file")
        if where:
            line = f", line {problem['line']}" if problem.get("line") else ""
            lines.append(f"**{markdown_text(where + line)}**  ")
        lines.append(markdown_text(problem["what"]) + ("  " if problem.get("fix") else ""))
        if problem.get("fix"):
            lines.append(f"Fix: {markdown_text(problem['fix'])}")
        lines.append("")
    if not problems:
        lines += ["```", message.strip(), "```", ""]
    lines.append("Fix it, commit and push: the site is checked and published again then.")
    return lines
