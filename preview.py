"""The warm preview behind `./dev livereload`: Pelican stays loaded, each save
rebuilds in place and writes only what changed, and the browser reloads.

- One process: Pelican, the theme and the plugins are imported once; each
  build reads the settings afresh and starts from fresh plugin state.
- The first build goes to a fresh folder that then replaces output/ (no page
  left over from an older site); later builds write into output/, and only
  the files whose bytes changed, each replaced in one step.
- Posts come from Pelican's content cache (per file, by its date; as the
  plugins left them), so a save re-reads one post, not all of them. After a
  failed build, or a save of anything but a post or page, every post is read
  again: a cached post would not report its problems again, and a photo or
  videos.json changes what plugins make of posts.
- When only posts or pages were saved and nothing that lists pages show
  (titles, dates, summaries, tags, reading times, videos, first photos,
  addresses) changed, the pages of the other posts and the lists are kept as
  they are instead of rendered again: they cannot differ. Anything else (the
  theme, a photo, videos.json, a new title) renders every page, as a full
  build does.
- Strict as every build: any warning fails it; the coach sees the problems in
  plain words, and the pages stay as the last good build left them (they are
  written only once the whole build succeeded).
- Search is indexed after the browser was told to reload, in the background,
  so the Search page of the preview catches up a moment after each save
  (it says so); `./dev build` and `./dev check` index before they finish.
- Files are watched with `watchfiles` (inotify), not polled. A saved plugin or
  settings file restarts the process, so new plugin code is what builds.
"""

import logging
import os
import shutil
import sys
import tempfile
import threading
import traceback
import weakref
from pathlib import Path

# The plugin's module as this file imports it; Pelican loads its own copy
# (as "build_speed", from PLUGIN_PATHS) for the readers and remembered paths.
from plugins.build_speed.build_speed import (
    KEEP_EXISTING,
    ChangedOnlyWriter,
    replace_file,
    unchanged,
)
from site_tools.build import format_problems, read_problems, replace_folder

SOURCE_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm"}
# What a list, a neighbour link or a related-post link can show of a post or page.
LISTED_FIELDS = ("url", "save_as", "status", "template", "summary", "reading_minutes",
                 "videos", "first_photo")


def listed_facts(context):
    """Everything other pages can show of each post and page: when it is the
    same before and after a build, pages of unchanged posts cannot differ."""
    facts = []
    for path, content in sorted(context["generated_content"].items()):
        if content is None:
            facts.append((path, None))
            continue
        metadata = sorted((key, repr(value)) for key, value in content.metadata.items())
        facts.append((path, metadata, [repr(getattr(content, name, None))
                                       for name in LISTED_FIELDS]))
    return facts


def without_build_context(content):
    """A post or page as the content cache stores it: without the build's
    context (every other post, linked to its neighbours: pickled along, it
    overflows Python's recursion limit at 1,000 posts). content_read gives
    each cached post the new build's context."""
    state = content.__dict__.copy()
    state.pop("_context", None)
    return state


class KeptPage:
    """Stands in for a template when a page cannot have changed: the file
    already written is kept (the writer neither renders nor compares it)."""

    def __init__(self, template, output_path):
        self.template, self.output_path = template, output_path

    def render(self, context):
        if os.path.isfile(os.path.join(self.output_path, context["output_file"])):
            return KEEP_EXISTING
        return self.template.render(context)


class PreviewWriter(ChangedOnlyWriter):
    """build_speed's writer, which also keeps the pages the build's plan says
    cannot have changed, and holds every changed file back until `commit()`
    (so a build that fails writes nothing)."""

    plan = None  # the BuildPlan of the build running now

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending = {}
        self.plan.writer = self

    def write_file(self, name, template, context, *args, **kwargs):
        if self.plan.keeps(kwargs.get("article") or kwargs.get("page")):
            template = KeptPage(template, self.output_path)
        return super().write_file(name, template, context, *args, **kwargs)

    def settle(self, path, data):
        if not unchanged(path, data):
            self.pending[path] = data

    def commit(self):
        for path, data in self.pending.items():
            os.makedirs(os.path.dirname(path), exist_ok=True)
            replace_file(path, data)
        return len(self.pending)


class BuildPlan:
    """What one preview build may keep: decided once the content is read."""

    def __init__(self, changed, previous_facts):
        self.changed = changed  # source paths saved since the last good build, or None
        self.previous_facts = previous_facts
        self.facts = None
        self.keep_unchanged = False
        self.published = 0
        self.writer = None

    def content_read(self, generators):
        context = generators[0].context
        # A post from the content cache still holds the context of the build
        # that cached it, where its {filename} links are looked up: this one's.
        for content in context["generated_content"].values():
            if content is not None:
                content._context = context
        self.facts = listed_facts(context)
        self.published = len(context.get("articles", ()))
        self.keep_unchanged = (self.changed is not None
                               and self.facts == self.previous_facts)

    def keeps(self, content):
        """True when the page of `content` (None: a list page) cannot have changed."""
        if not self.keep_unchanged:
            return False
        return content is None or os.path.abspath(content.source_path) not in self.changed


class StrictLog(logging.Handler):
    """Every warning or error logged while a build runs (the server's own
    messages aside): one is enough to fail the build."""

    IGNORED = ("tornado", "livereload", "watchfiles", "asyncio")

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        if not record.name.startswith(self.IGNORED):
            self.records.append(record)


class WarmBuilder:
    """Builds the site again and again in this process, each build strict."""

    def __init__(self, root, settings_file, output, verbose=False):
        self.root = Path(root)
        self.settings_file = Path(settings_file)
        self.output = Path(output)
        self.verbose = verbose
        self.facts = None
        self.published = 0
        self.unbuilt = set()  # sources saved since the last good build
        self.plan = None
        self.cache_trusted = False  # the content cache was saved by a good build

    def settings(self, output, problem_report, load_cache):
        from pelican.settings import read_settings

        return read_settings(str(self.settings_file), override={
            "OUTPUT_PATH": str(output),
            "PROBLEM_REPORT": str(problem_report),
            # The content cache: posts and pages as the last build made them
            # (plugins included), so a save re-reads only the saved files.
            "CACHE_CONTENT": True,
            "LOAD_CONTENT_CACHE": load_cache,
            "CONTENT_CACHING_LAYER": "generator",
            "CACHE_PATH": str(self.root / "cache" / "preview"),
            "GZIP_CACHE": False,
            "STATIC_CHECK_IF_MODIFIED": True,
            "SEARCH_INDEX": False,  # indexed after the reload (SearchIndexer)
            "PREVIEW": True,
            # A name, not the class: settings are pickled with the content cache.
            "BUILD_WRITER": "preview:PreviewWriter",
        })

    def build(self, saved=()):
        """Build the site; True when it succeeded. `saved`: the paths saved
        since the last build (none: build everything afresh)."""
        first = self.facts is None
        self.unbuilt |= {os.path.abspath(path) for path in saved}
        only_sources = bool(self.unbuilt) and all(
            Path(path).suffix.lower() in SOURCE_SUFFIXES
            and Path(path).is_relative_to(self.root / "content") for path in self.unbuilt)
        self.plan = PreviewWriter.plan = BuildPlan(self.unbuilt if only_sources else None,
                                                   self.facts)
        # Cached posts were made by plugins from their files alone: a saved photo,
        # videos.json or template, or a failed build (whose problems a cached
        # post would not report again), means reading every post afresh.
        load_cache = self.cache_trusted and only_sources
        output = self.output.with_name(self.output.name + ".new") if first else self.output
        if first:
            shutil.rmtree(output, ignore_errors=True)
        succeeded = self.run_pelican(output, load_cache)
        self.cache_trusted = succeeded
        if not succeeded:
            if first:
                shutil.rmtree(output, ignore_errors=True)
            return False
        written = self.plan.writer.commit() if self.plan.writer else 0
        if first:
            replace_folder(self.output, output)
        self.facts, self.published = self.plan.facts, self.plan.published
        self.unbuilt = set()
        if self.verbose:
            print(f"Wrote {written} changed file(s).")
        return True

    def run_pelican(self, output, load_cache):
        from pelican import Pelican
        from pelican.contents import Content


        reset_plugin_state()
        Content.__getstate__ = without_build_context
        strict = StrictLog()
        root_logger = logging.getLogger()
        root_logger.addHandler(strict)
        with tempfile.TemporaryDirectory() as scratch:
            report = Path(scratch) / "problems.jsonl"
            crash = None
            try:
                pelican = Pelican(self.settings(output, report, load_cache))
                from pelican import signals
                signals.all_generators_finalized.connect(self.plan.content_read)
                try:
                    pelican.run()
                finally:
                    signals.all_generators_finalized.disconnect(self.plan.content_read)
            except Exception:  # a crash or the content checks' stop: reported below
                crash = traceback.format_exc()
            finally:
                root_logger.removeHandler(strict)
            problems = read_problems(report)
        failed = bool(crash or strict.records or problems)
        if failed and (self.verbose or not problems):
            for record in strict.records:
                print(f"{record.levelname} {record.getMessage()}", file=sys.stderr)
            if crash and (self.verbose or not strict.records):
                print(crash, file=sys.stderr)
        if failed:
            print(format_problems(problems), file=sys.stderr, flush=True)
            print(f"{self.output.name}/ was left as it was: the preview shows the last good "
                  "site.", file=sys.stderr, flush=True)
        return not failed


def reset_plugin_state():
    """Every build starts with no plugin connected to Pelican's signals, as in
    a new process: Pelican calls each plugin's register() again, and ours each
    connect a new object, so the handlers of the build before must go.
    pelican-sitemap keeps one object for the whole process, and a build that
    stops before writing leaves it waiting for that build forever (no sitemap
    again): give every build a new one too."""
    from blinker import Signal
    from pelican.plugins import signals

    for signal in vars(signals).values():
        if isinstance(signal, Signal):
            for receiver in list(signal.receivers.values()):
                receiver = receiver() if isinstance(receiver, weakref.ref) else receiver
                if receiver is not None:
                    signal.disconnect(receiver)
    sitemap = sys.modules.get("pelican.plugins.sitemap.sitemap")
    if sitemap is not None:
        sitemap.generator = sitemap.SitemapGenerator()


# -- Search, after the reload ------------------------------------------------------


class SearchIndexer:
    """Runs Pagefind over output/ in the background, one run at a time; a
    save during a run asks for one more run after it."""

    def __init__(self, output, settings_file):
        from pelican.settings import read_settings

        self.output = output
        # Read once: a change to the settings restarts the preview.
        self.save_as = read_settings(str(settings_file)).get("ARTICLE_SAVE_AS", "**/*.html")
        self.wanted = threading.Event()
        threading.Thread(target=self.run, daemon=True).start()

    def request(self):
        self.wanted.set()

    def run(self):
        import subprocess

        from plugins.search.search import pagefind_command, pagefind_failed
        while True:
            self.wanted.wait()
            self.wanted.clear()
            result = subprocess.run(pagefind_command(self.output, self.save_as),
                                    capture_output=True, text=True)
            if result.returncode != 0:
                problem = pagefind_failed(result)
                print(f"{problem['what']}\n  Fix: {problem['fix']}", file=sys.stderr, flush=True)


# -- Watching and serving ------------------------------------------------------------


LIVERELOAD_SCRIPT = b'<script defer src="/livereload.js?port=%d"></script>'


def make_app(output, port):
    """Tornado: the site in `output`, with livereload's script (a file, so the
    site's Content-Security-Policy allows it) in each page's head."""
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
    from tornado import web

    script = LIVERELOAD_SCRIPT % port

    class SiteFiles(StaticFileHandler):
        """The site's files; for an address it does not have, its own 404
        page (404.html) with the status 404, as GitHub Pages serves it."""

        def write_error(self, status_code, **kwargs):
            page = Path(output) / "404.html"
            if status_code != 404 or not page.is_file():
                return super().write_error(status_code, **kwargs)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(page.read_bytes())

    class InjectScript(web.OutputTransform):
        def transform_first_chunk(self, status_code, headers, chunk, finishing):
            if "html" in headers.get("Content-Type", "") and b"</head>" in chunk:
                chunk = chunk.replace(b"</head>", script + b"</head>", 1)
                if "Content-Length" in headers:
                    headers["Content-Length"] = str(int(headers["Content-Length"]) + len(script))
            return status_code, headers, chunk

    LiveReloadHandler.watcher = type("NoWatcher", (), {"filepath": None})()
    return web.Application([
        (r"/livereload", LiveReloadHandler),
        (r"/livereload.js", LiveReloadJSHandler),
        (r"/(.*)", SiteFiles, {"path": str(output), "default_filename": "index.html"}),
    ], transforms=[InjectScript])


def restart_process():
    """Start this command again: plugins and settings are read at start-up."""
    print("A plugin or the settings changed: restarting the preview.", flush=True)
    os.execv(sys.executable, sys.orig_argv)


def watch_and_build(builder, indexer, watched, restart_paths, reload, first_build):
    """Rebuild on every save. Watching starts before the first build, so a
    save during it is built next; building waits for `first_build` (an Event)."""
    import watchfiles

    for changes in watchfiles.watch(*watched, debounce=400, step=30):
        first_build.wait()
        paths = {path for _, path in changes}
        if any(Path(path).is_relative_to(restart) for path in paths for restart in restart_paths):
            restart_process()
        if builder.build(paths):
            reload()
            if builder.published:
                indexer.request()


def serve_preview(root, settings_file, output, watched, restart_paths, host, port,
                  verbose=False):
    """Build, serve on host:port, and rebuild and reload on every save."""
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import IOLoop

    os.chdir(root)
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    builder = WarmBuilder(root, settings_file, output, verbose)
    indexer = SearchIndexer(output, builder.settings_file)
    loop = IOLoop.current()

    def reload():
        loop.add_callback(LiveReloadHandler.reload_waiters, "*")

    first_build = threading.Event()
    threading.Thread(target=watch_and_build, daemon=True,
                     args=(builder, indexer, watched, restart_paths, reload, first_build)).start()
    if builder.build():
        print(f"Built the site into {Path(output).name}/.", flush=True)
        if builder.published:
            indexer.request()
    else:
        print(f"The site could not be built: fix the problems above and save; "
              f"until then {Path(output).name}/ is served as it was.", file=sys.stderr)
    first_build.set()
    make_app(output, port).listen(port, address=host)
    print(f"Serving the site on http://{host}:{port}/ and rebuilding on every save "
          "(Ctrl+C stops)", flush=True)
    try:
        loop.start()
    except KeyboardInterrupt:
        pass
