"""Build speed: the same site, written with less work.

Adds, without changing a byte of the output (but for the one item that says so):
- one Markdown object per build (per reader), reset between posts, instead
  of a new one for every post (Python-Markdown's own way to convert many
  documents: building one loads every extension again). This holds for
  pelican-yaml-metadata's reader as well, which takes `.md` files when that
  plugin is on: it keeps one Markdown object for YAML front matter itself,
  but makes a new one for every post with a `Key: value` header;
- YAML front matter read as the header schema reads it
  (plugins/header_schema.py: every value as she typed it, `title: No` is
  "No", not False; then tags, numbers and true/false typed as the schema
  says). This one changes what is read, on purpose: pelican-yaml-metadata's
  safe_load guesses YAML 1.1 types. It is read by libyaml when PyYAML has
  it (ten times faster than PyYAML's own parser, with the same resolver, so
  the same values); front matter libyaml cannot read, or may read otherwise
  (tabs, tags, comments), is read by PyYAML's own parser, so the coach's
  error message stays what it was; one reader of each kind a build, shared
  by the generators, and its Markdown objects made only once it reads a post;
- one Jinja environment a build, shared by the generators (each makes its
  own, from the same settings, and compiles the same templates in it again);
- magiclink's address and e-mail patterns tried only on text that holds
  what every match of theirs holds (`://` or `www.`; `@`): Python-Markdown
  runs each inline pattern over every piece of text of every post, and
  these patterns try a match at each character (a sixth of the Markdown
  time at 1,000 posts); on text without those characters they cannot match;
- remembered relative source paths: every address of a post or page is
  made from its path relative to the content folder, which Pelican works
  out again each time (about 20,000 times at 1,000 posts) from the same two
  strings; a pure function, so it is remembered;
- each post's card in a list (partials/post_card.html) rendered once per
  page depth, not once per list it is in (the home page's pages, its
  category's, each of its tags'): with relative addresses, a card depends
  only on the post and SITEURL (`..` as deep as the page), so cards are
  remembered by both for the build; the theme calls `post_card(article)`
  when this plugin gives it, and includes the partial itself otherwise;
- a writer that renders every page as before but writes a file only when
  its bytes differ from the file already there (a preview building in place
  then writes a handful of files, not thousands; a changed file is replaced
  in one step, so a page being served is never seen half written).

Settings read (defaults): BUILD_WRITER (None: the writer above; the warm
preview names a subclass of it, "preview:PreviewWriter", that also keeps
pages it knows cannot have changed).
Signals: initialized (remember paths), generator_init (each generator's
Markdown readers, once every plugin has chosen them, swapped for the ones
above, shared by the build's generators, as is the first generator's Jinja
environment; the `post_card` global), get_writer (the writer).
"""

import functools
import importlib
import io
import logging
import os
import re

from jinja2 import meta, pass_context
from markupsafe import Markup
from pelican import signals
from pelican.contents import Content
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open, posixize_path
from pelican.writers import FileOverwriteFailedError, Writer

try:  # pelican-yaml-metadata, when installed
    import yaml
    from pelican.plugins.yaml_metadata.yaml_metadata import (
        HEADER_RE,
        YAMLMetadataReader,
        _convert_py_to_meta,
    )

    from plugins.header_schema import load_front_matter

    yaml_logger = logging.getLogger("pelican.plugins.yaml_metadata.yaml_metadata")
except ImportError:
    YAMLMetadataReader = None

logger = logging.getLogger(__name__)


class PreChecked:
    """A compiled inline pattern that is searched only in text where
    `needed` (what every one of its matches holds) is found first."""

    def __init__(self, compiled, needed):
        self.compiled, self.needed = compiled, needed

    def finditer(self, text, start=0):
        if self.needed.search(text, start) is None:
            return iter(())
        return self.compiled.finditer(text, start)

    def __getattr__(self, name):
        return getattr(self.compiled, name)


# pymdownx.magiclink's patterns (by the names it registers them under), and
# what each match of theirs contains: RE_AUTOLINK `<(ht|f)tps?://...>`,
# RE_LINK `(ht|f)tps?://` or `www.` (any case), RE_MAIL a local part, `@`, a domain.
MAGICLINK_NEEDS = {
    "autolink": re.compile("://"),
    "magic-link": re.compile(r"://|[wW]{3}\."),
    "magic-mail": re.compile("@"),
}


def pre_check_magiclink(md):
    """Put magiclink's patterns of a new Markdown object behind their pre-check."""
    for name, needed in MAGICLINK_NEEDS.items():
        if name in md.inlinePatterns:
            pattern = md.inlinePatterns[name]
            if type(pattern).__module__ == "pymdownx.magiclink":
                pattern.compiled_re = PreChecked(pattern.compiled_re, needed)
    return md


class OneMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with one Markdown object for all its posts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._md = None
        self._meta = None

    def markdown(self):
        """The reader's Markdown object, reset for the next post. Pelican's
        reader takes the metadata preprocessor out after reading a header (so
        formatted fields are not read as headers): put it back first."""
        if self._md is None:
            from markdown import Markdown

            self._md = pre_check_magiclink(Markdown(**self.settings["MARKDOWN"]))
            self._meta = next(((item.name, item.priority) for item in
                               self._md.preprocessors._priority if item.name == "meta"), None)
            self._meta_processor = self._md.preprocessors[self._meta[0]] if self._meta else None
            return self._md
        self._md.reset()
        if self._meta and self._meta[0] not in self._md.preprocessors:
            self._md.preprocessors.register(self._meta_processor, *self._meta)
        return self._md

    def read(self, source_path):
        self._source_path = source_path
        md = self.markdown()
        with pelican_open(source_path) as text:
            content = md.convert(text)
        metadata = self._parse_metadata(md.Meta) if hasattr(md, "Meta") else {}
        return content, metadata


if YAMLMetadataReader is not None:

    class OneYAMLReader(YAMLMetadataReader):
        """pelican-yaml-metadata's reader, with libyaml for the front matter,
        and a post with a `Key: value` header read by OneMarkdownReader."""

        def __init__(self, *args, **kwargs):
            # The plugin's own __init__ makes its Markdown object: put off
            # until a post is read (most generators of a build read none).
            MarkdownReader.__init__(self, *args, **kwargs)
            self._front_matter_md = None
            self.key_value_reader = OneMarkdownReader(*args, **kwargs)

        @property
        def _md(self):
            """The plugin's Markdown object for front matter posts, made on first use."""
            if self._front_matter_md is None:
                YAMLMetadataReader.__init__(self, self.settings)  # sets _md below
            return self._front_matter_md

        @_md.setter
        def _md(self, md):
            self._front_matter_md = pre_check_magiclink(md)

        def read(self, source_path):
            """YAMLMetadataReader.read, whose fallback makes a new Markdown
            object for every post without front matter."""
            with pelican_open(source_path) as text:
                front_matter = HEADER_RE.fullmatch(text)
            if not front_matter:
                logger.info("No YAML metadata header found in '%s' - falling back to "
                            "Markdown metadata parsing.", source_path)
                return self.key_value_reader.read(source_path)
            metadata = self._load_yaml_metadata(front_matter["metadata"], source_path)
            self._md.Meta = {key: _convert_py_to_meta(value) for key, value in metadata.items()}
            return self._md.reset().convert(front_matter["content"]), metadata

        def _load_yaml_metadata(self, text, source_path):
            """The front matter as the header schema reads it (every value as
            she typed it, then typed by the schema: header_schema.load_front_matter),
            by libyaml when it may; by PyYAML's own parser otherwise, and
            whenever libyaml cannot read it, so the coach's error message
            stays what it was."""
            if getattr(yaml, "__with_libyaml__", False) and not any(
                    sign in text for sign in LIBYAML_DIFFERS_ON):
                try:
                    header = load_front_matter(text, yaml.CBaseLoader)
                except yaml.YAMLError:
                    header = None
                if isinstance(header, dict):
                    return self._parse_yaml_metadata(header, source_path)
            try:
                header = load_front_matter(text, yaml.BaseLoader)
            except yaml.YAMLError:
                # pelican-yaml-metadata's own message, which the content checks know.
                yaml_logger.error("Error parsing YAML for file '%s", source_path,
                                  exc_info=True)
                return {}
            if not isinstance(header, dict):
                yaml_logger.error("YAML header didn't parse as a dict for file '%s'",
                                  source_path)
                return {}
            return self._parse_yaml_metadata(header, source_path)


# Front matter libyaml reads otherwise than PyYAML's own parser: tabs (libyaml
# takes a tab where PyYAML refuses it), tags ("!") and comments ("#", after a
# block scalar's "|" libyaml takes one). A header holding one is read by
# PyYAML's own parser, as pelican-yaml-metadata reads it.
LIBYAML_DIFFERS_ON = ("\t", "!", "#")

# Each reader that makes Markdown objects, and the one that keeps one a build.
ONE_MARKDOWN_READERS = {MarkdownReader: OneMarkdownReader}
if YAMLMetadataReader is not None:
    ONE_MARKDOWN_READERS[YAMLMetadataReader] = OneYAMLReader


def use_one_markdown(generator, twins=None):
    """Swap each Markdown reader of a generator for its one-Markdown twin
    (from `twins`, {twin class: reader}, when given: shared by the build's
    generators). After readers_init, not in it: which plugin's reader takes
    `.md` files is settled only once every plugin's readers_init handler has
    run, and pelican-yaml-metadata's (which adds its reader) runs after ours,
    since this plugin comes first in PLUGINS."""
    readers, twins = generator.readers.readers, {} if twins is None else twins
    for extension, reader in readers.items():
        twin = ONE_MARKDOWN_READERS.get(type(reader))
        if twin is not None:
            if twin not in twins:
                twins[twin] = twin(generator.settings)
            readers[extension] = twins[twin]


class SharedByGenerators:
    """What each of a build's generators makes for itself, made once a build:
    the one-Markdown readers, and the Jinja environment (every generator
    makes its own from the same settings and theme, and compiles the same
    templates again in it)."""

    def __init__(self):
        self.twins = {}
        self.environment = None

    def share(self, generator):
        use_one_markdown(generator, self.twins)
        if self.environment is None:
            self.environment = generator.env
        else:
            generator.env = self.environment


# -- Remembered paths ---------------------------------------------------------------


@functools.cache
def relative_source_path(content_path, source_path):
    """Pelican's Content.get_relative_source_path, for the same arguments."""
    return posixize_path(os.path.relpath(
        os.path.abspath(os.path.join(content_path, source_path)),
        os.path.abspath(content_path)))


def remembered_relative_source_path(self, source_path=None):
    source_path = source_path or self.source_path
    if source_path is None:
        return None
    return relative_source_path(self.settings["PATH"], source_path)


def remember_paths(pelican):
    Content.get_relative_source_path = remembered_relative_source_path


# -- Remembered addresses -------------------------------------------------------------

# Pelican's own, kept before any build replaced it (the warm preview imports
# this module under a second name).
PELICANS_URL_SETTING = getattr(Content.get_url_setting, "__wrapped__",
                               Content.get_url_setting)


class RememberedUrls:
    """Each post's and page's addresses (url, save_as), worked out once a
    build while its pages are written. Pelican works one out again on every
    use from the post's metadata (about 25,000 times at 1,000 posts: every
    card in a list, every feed entry, neighbour and related link). Once every
    generator has read its content, nothing changes a post's slug, date,
    category or status any more; before that (a scheduled post becomes a
    draft, with a draft's address), each use asks Pelican again."""

    def __init__(self):
        self.known = None  # {(id(content), key): (content, address)} while writing

    def install(self):
        """Content's get_url_setting asks this object from now on. That is the
        one strong reference to it: the next build's object, installed in its
        place, lets it go, and its (weak) signal connections with it."""

        @functools.wraps(PELICANS_URL_SETTING)
        def get_url_setting(content, key):
            return self.get_url_setting(content, key)

        Content.get_url_setting = get_url_setting

    def start(self, generators):
        self.known = {}

    def stop(self, pelican):
        self.known = None

    def get_url_setting(self, content, key):
        if self.known is None:
            return PELICANS_URL_SETTING(content, key)
        remembered = self.known.get((id(content), key))
        if remembered is None:  # the content is held too, so its id is not reused
            remembered = self.known[id(content), key] = (
                content, PELICANS_URL_SETTING(content, key))
        return remembered[1]


# -- Post cards rendered once ------------------------------------------------------


class PostCards:
    """Each post's card, rendered once per build and page depth. The card's
    partial reads only `article` and SITEURL (which Pelican sets, with
    RELATIVE_URLS, to the way up from the page being written), so a card
    already rendered for the same post at the same depth is the same text."""

    TEMPLATE = "partials/post_card.html"
    READS = {"article", "SITEURL"}

    def __init__(self):
        self.cards = {}  # {(id(article), SITEURL): (article, card)}

    def add_to(self, generator):
        # Only while the card reads nothing else: should it ever read more,
        # the theme includes it on every list again, and the output stays right.
        if names_read(generator.env, self.TEMPLATE) <= self.READS:
            generator.env.globals["post_card"] = self.render

    @pass_context
    def render(self, context, article):
        """The card, as `{% include "partials/post_card.html" %}` renders it."""
        key = (id(article), context.get("SITEURL"))
        remembered = self.cards.get(key)
        if remembered is None:  # the article is held too, so its id is not reused
            template = context.environment.get_template(self.TEMPLATE)
            card = Markup("".join(template.root_render_func(
                template.new_context(context.get_all(), True, {"article": article}))))
            remembered = self.cards[key] = (article, card)
        return remembered[1]


def names_read(environment, name):
    """The variables a template reads from its context, its includes' included."""
    names, templates, seen = set(), [name], set()
    while templates:
        template = templates.pop()
        if template in seen:
            continue
        seen.add(template)
        source = environment.loader.get_source(environment, template)[0]
        tree = environment.parse(source)
        names |= meta.find_undeclared_variables(tree)
        templates += [found for found in meta.find_referenced_templates(tree) if found]
    return names


# -- Write only what changed ---------------------------------------------------------


# What a template may render to say "the file already written is right": the
# writer then neither compares nor writes it (the warm preview's kept pages).
KEEP_EXISTING = type("KeepExisting", (str,), {})()


class ChangedOnlyFile(io.StringIO):
    """A file opened for writing that, when closed, replaces the file on
    disk only if the text differs from it."""

    def __init__(self, path, encoding, writer):
        super().__init__()
        self.path, self.text_encoding, self.writer = path, encoding, writer
        self.kept = False

    def write(self, text):
        if text is KEEP_EXISTING:
            self.kept = True
            return 0
        return super().write(text)

    def close(self):
        if not self.closed and not self.kept:
            self.writer.settle(self.path, self.getvalue().encode(self.text_encoding))
        super().close()


def unchanged(path, data):
    try:
        with open(path, "rb") as existing:
            return existing.read() == data
    except OSError:
        return False


def write_new_file(path, data):
    """Write `data` to `path` if no file is there; False if one is."""
    try:
        with open(path, "xb") as new:
            new.write(data)
    except FileExistsError:
        return False
    return True


def replace_file(path, data):
    """Write `data` to `path`; an existing file is replaced in one step."""
    if write_new_file(path, data):
        return
    partial = f"{path}.part"
    with open(partial, "wb") as new:
        new.write(data)
    os.replace(partial, path)


class ChangedOnlyWriter(Writer):
    """Pelican's writer; a file whose bytes are already on disk is left alone."""

    def _open_w(self, filename, encoding, override=False):
        # Pelican's bookkeeping of files written twice, as in Writer._open_w.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time '
                    "(was previously overwritten)")
            logger.info('Skipping "%s", not overwriting', filename)
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already '
                "written to it previously (set `override=True` if intended)")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return ChangedOnlyFile(filename, encoding, self)

    def settle(self, path, data):
        """Put `data` at `path` unless it is there already. A new file first:
        a full build writes into a fresh folder, where there is nothing to
        compare (one system call a file instead of three)."""
        if not write_new_file(path, data) and not unchanged(path, data):
            replace_file(path, data)


def choose_writer(pelican):
    """BUILD_WRITER ("module:Class", a subclass of ChangedOnlyWriter), else ours.
    A name rather than the class: settings are pickled with the content cache."""
    name = pelican.settings.get("BUILD_WRITER")
    if not name:
        return ChangedOnlyWriter
    module, _, attribute = name.partition(":")
    return getattr(importlib.import_module(module), attribute)


def register():
    signals.initialized.connect(remember_paths)
    urls = RememberedUrls()  # a new one for each build (Pelican registers plugins per build)
    urls.install()
    signals.all_generators_finalized.connect(urls.start)
    signals.finalized.connect(urls.stop)
    shared = SharedByGenerators()
    signals.generator_init.connect(shared.share, weak=False)
    cards = PostCards()
    signals.generator_init.connect(cards.add_to, weak=False)
    signals.get_writer.connect(choose_writer)
