"""build_speed's readers read a post as the readers they stand in for, with
one Markdown object for all posts; without building a site."""

import datetime
import logging
from pathlib import Path
from types import SimpleNamespace

import jinja2
import markdown
import pytest
import yaml
from pelican.contents import Article, Content
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader
from pelican.readers import MarkdownReader, RstReader
from pelican.settings import DEFAULT_CONFIG

from .build_speed import (
    OneMarkdownReader,
    OneYAMLReader,
    PostCards,
    PreChecked,
    RememberedUrls,
    SharedByGenerators,
    pre_check_magiclink,
    use_one_markdown,
)

POSTS = {
    "front-matter.md": ("---\ntitle: 'Hips: why'\nslug: hips\ndate: 2026-11-25 09:00\n"
                        "category: Running\ntags:\n- glutes\n- foam roller\nsummary: Two "
                        "ways.\n---\n\n## Release\n\nA *first* paragraph.\n"),
    "key-value.md": ("Title: Calves\nDate: 2026-11-20\nCategory: Yoga\nTags: calves, feet\n\n"
                     "Text with a [link](https://example.org).\n"),
    "second-front-matter.md": "---\ntitle: Knees\ndate: 2026-11-21\n---\n\nMore text.\n",
}

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def settings():
    return {**DEFAULT_CONFIG, "MARKDOWN": {
        "extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.meta": {}},
        "output_format": "html5"}}


@pytest.fixture
def posts(tmp_path):
    for name, text in POSTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path / name) for name in POSTS]


def test_each_post_reads_as_pelican_yaml_metadata_reads_it(settings, posts):
    theirs, ours = YAMLMetadataReader(settings), OneYAMLReader(settings)
    for post in posts:
        assert ours.read(post) == theirs.read(post)


def test_a_key_value_header_reads_as_pelicans_own_reader_reads_it(settings, posts):
    theirs, ours = MarkdownReader(settings), OneMarkdownReader(settings)
    for post in posts[1:2] * 2:
        assert ours.read(post) == theirs.read(post)


def test_one_markdown_object_reads_every_post(settings, posts, monkeypatch):
    made, build_parser = [], markdown.Markdown.build_parser
    monkeypatch.setattr(markdown.Markdown, "build_parser",
                        lambda md: made.append(md) or build_parser(md))
    reader = OneYAMLReader(settings)
    for post in posts * 3:
        reader.read(post)
    assert len(made) == 2  # one for front matter, one for `Key: value` headers


def test_the_front_matter_markdown_object_is_made_only_when_a_post_is_read(
        settings, posts, monkeypatch):
    made, build_parser = [], markdown.Markdown.build_parser
    monkeypatch.setattr(markdown.Markdown, "build_parser",
                        lambda md: made.append(md) or build_parser(md))
    reader = OneYAMLReader(settings)
    assert made == []
    reader.read(posts[0])
    assert len(made) == 1


def test_front_matter_yaml_cannot_read_is_reported_as_the_plugin_reports_it(
        settings, tmp_path, caplog):
    post = tmp_path / "broken.md"
    post.write_text("---\ntitle: Hips\nsummary: Why: because\n---\n\nText.\n", encoding="utf-8")
    reports = []
    for reader in (YAMLMetadataReader(settings), OneYAMLReader(settings)):
        caplog.clear()
        with caplog.at_level(logging.ERROR):
            assert reader.read(str(post))[1] == {}
        reports.append([(r.getMessage(), str(r.exc_info[1])) for r in caplog.records])
    assert reports[0] == reports[1] and "line 3" in reports[1][0][1]


@pytest.mark.parametrize("header", [
    "title:\tHips\n", "title: Hips\tand knees\n", "title: Hips\t# a note\n",
    "tags: [hips,\tknees]\n", "title: Hips\t\n", "title: !\n", "tags: [hips, !, knees]\n",
    "summary: |#\n  Hips.\n", "title: Hips\nsummary: Strong hips, strong stride!\n",
    "title: No\ntags: [yes, 'off']\n"])
def test_front_matter_reads_the_same_with_libyaml_and_pyyamls_own_parser(
        settings, tmp_path, caplog, monkeypatch, header):
    post = tmp_path / "post.md"
    post.write_text(f"---\n{header}---\n\nText.\n", encoding="utf-8")
    results = []
    for with_libyaml in (True, False):
        monkeypatch.setattr(yaml, "__with_libyaml__", with_libyaml)
        caplog.clear()
        with caplog.at_level(logging.ERROR):
            metadata = OneYAMLReader(settings).read(str(post))[1]
        results.append((metadata, [r.getMessage() for r in caplog.records]))
    assert results[0] == results[1]


def test_values_stay_as_written_where_pelican_yaml_metadata_guesses_a_type(settings, tmp_path):
    """YAML 1.1 reads No, yes, off as booleans and 3 as a number: a title "No"
    became "False". The header schema types only what it says."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: No\ndate: 2026-11-20\ntags: yes, off\nseries: 1.5\n"
                    "featured: yes\norder: 3\n---\n\nText.\n", encoding="utf-8")
    theirs = YAMLMetadataReader(settings).read(str(post))[1]
    ours = OneYAMLReader(settings).read(str(post))[1]
    assert (theirs["title"], theirs["series"]) == (False, 1.5)
    assert (ours["title"], ours["series"]) == ("No", "1.5")
    assert [tag.name for tag in ours["tags"]] == ["yes", "off"]
    assert (ours["featured"], ours["order"]) == (True, 3)
    assert ours["date"] == theirs["date"]


def test_a_generators_markdown_readers_are_swapped_whichever_plugin_chose_them(settings):
    yaml_reader, rst_reader = YAMLMetadataReader(settings), RstReader(settings)
    generator = SimpleNamespace(settings=settings, readers=SimpleNamespace(readers={
        "md": yaml_reader, "markdown": yaml_reader, "rst": rst_reader}))
    use_one_markdown(generator)
    readers = generator.readers.readers
    assert type(readers["md"]) is OneYAMLReader and readers["markdown"] is readers["md"]
    assert readers["rst"] is rst_reader


def test_a_builds_generators_share_their_readers_and_jinja_environment(settings):
    shared = SharedByGenerators()
    generators = [SimpleNamespace(settings=settings, env=jinja2.Environment(),
                                  readers=SimpleNamespace(readers={"md": MarkdownReader(settings)}))
                  for _ in range(3)]
    for generator in generators:
        shared.share(generator)
    assert len({id(g.env) for g in generators}) == 1
    assert len({id(g.readers.readers["md"]) for g in generators}) == 1
    assert type(generators[0].readers.readers["md"]) is OneMarkdownReader


CARD_THEME = {
    "partials/post_card.html": '<a href="{{ SITEURL }}/{{ article.url }}">{{ article.title }}'
                               "</a>\n",
    "included.html": ("{% for article in articles %}\n"
                      '{% include "partials/post_card.html" %}\n{% endfor %}\n'),
    "remembered.html": ("{% for article in articles %}\n"
                        "{% if post_card is defined %}{{ post_card(article) }}{% else %}"
                        '{% include "partials/post_card.html" %}{% endif %}\n{% endfor %}\n'),
}


def test_a_remembered_post_card_is_the_card_the_partial_renders(monkeypatch):
    env = jinja2.Environment(loader=jinja2.DictLoader(CARD_THEME), trim_blocks=True,
                             lstrip_blocks=True, autoescape=True)
    cards = PostCards()
    cards.add_to(SimpleNamespace(env=env))
    articles = [SimpleNamespace(url=f"post-{n}/", title=f"Hips & knees {n}") for n in range(3)]
    rendered = []
    render = env.get_template("partials/post_card.html").root_render_func
    monkeypatch.setattr(env.get_template("partials/post_card.html"), "root_render_func",
                        lambda context: rendered.append(1) or render(context))
    for siteurl in ("..", "../..", "..", "../.."):
        page = {"articles": articles, "SITEURL": siteurl}
        assert (env.get_template("remembered.html").render(page)
                == env.get_template("included.html").render(page))
    assert len(rendered) == 4 * 3 + 2 * 3  # the includes each time; the cards once a depth


def test_a_card_that_reads_more_than_its_post_is_included_every_time():
    theme = {**CARD_THEME, "partials/post_card.html": '{% include "meta.html" %}',
             "meta.html": "{{ article.title }} on {{ page_name }}"}
    env = jinja2.Environment(loader=jinja2.DictLoader(theme))
    PostCards().add_to(SimpleNamespace(env=env))
    assert "post_card" not in env.globals


def test_the_themes_card_is_remembered():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "theme" / "templates"))
    PostCards().add_to(SimpleNamespace(env=env))
    assert "post_card" in env.globals


def test_addresses_are_remembered_only_while_pages_are_written(settings, monkeypatch):
    monkeypatch.setattr(Content, "get_url_setting", Content.get_url_setting)  # restored after
    article = Article("<p>Text.</p>", settings=settings, metadata={
        "title": "Hips", "slug": "hips", "date": datetime.datetime(2026, 11, 25)})
    urls = RememberedUrls()
    urls.install()
    article.slug = "glutes"  # while posts are read, plugins may change them
    assert article.url == "glutes.html"
    urls.start(generators=[])
    assert (article.url, article.save_as) == ("glutes.html", "glutes.html")
    article.slug = "knees"
    assert (article.url, article.save_as) == ("glutes.html", "glutes.html")
    urls.stop(pelican=None)
    assert article.url == "knees.html"


MAGIC_TEXTS = ["See https://example.org/a_(b) and WWW.Example.com/x, or ftp://f.org.",
               "Write to coach@example.org (not @coach), <https://example.org/auto>.",
               "No address here: hips, knees and *feet*; a [link](https://a.org).",
               "`https://in.code/` and\n\n    www.indented.org\n\n> quoted me@x.io"]


def test_magiclink_pre_check_changes_no_output():
    plain = markdown.Markdown(extensions=["pymdownx.magiclink", "markdown.extensions.extra"])
    checked = pre_check_magiclink(
        markdown.Markdown(extensions=["pymdownx.magiclink", "markdown.extensions.extra"]))
    assert isinstance(checked.inlinePatterns["magic-mail"].compiled_re, PreChecked)
    for text in MAGIC_TEXTS:
        assert checked.reset().convert(text) == plain.reset().convert(text)
    assert checked.reset().convert(MAGIC_TEXTS[1]).count("<a ") == 2
