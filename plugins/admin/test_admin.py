"""The editor's folder without building a site: its configuration comes from
the settings and the content, and a copy without node_modules still builds."""

import base64
import dataclasses
import hashlib
import json
import logging
import re
import subprocess
from types import SimpleNamespace

import pytest
import yaml

from plugins.videos.youtube import VideoAddressError, video_from_url

from . import admin as admin_module
from .admin import AdminGenerator, categories_by_use, cms_config, policy, repository, self_hosted

SETTINGS = {"PATH": "/project/content", "ARTICLE_PATHS": ["articles"], "PAGE_PATHS": ["pages"],
            "STATIC_PATHS": ["images"], "SITEURL": "https://coach.example",
            "ADMIN_REPO": "tracy/site", "SITENAME": "One Body Coach"}


def post(category):
    return SimpleNamespace(category=SimpleNamespace(name=category))


def page(folder, name, header):
    source = folder / f"{name}.md"
    source.write_text(f"---\n{header}---\n\nText.\n", encoding="utf-8")
    return SimpleNamespace(slug=name, title=name.title(), source_path=str(source),
                           metadata={"category": "pages"})


def test_the_configuration_is_written_from_the_settings_and_the_content(tmp_path):
    categories = categories_by_use([post("Yoga"), post("Running"), post("Running")])
    about = page(tmp_path, "about", "title: About\nslug: about\nsummary: Me.\ntemplate: about\n"
                 "order: 1\n")
    config = cms_config(SETTINGS, categories, [about], str(tmp_path.parent))
    assert config["backend"] == {"name": "github", "repo": "tracy/site", "branch": "main",
                                 "auth_methods": ["token"]}
    assert config["site_url"] == "https://coach.example"
    assert (config["media_folder"], config["public_folder"]) == ("content/images", "images")
    posts, pages = config["collections"]
    assert posts["folder"] == "content/articles"
    fields = {field["name"]: field for field in posts["fields"]}
    assert list(fields) == ["title", "slug", "date", "category", "series", "tags", "summary",
                            "status", "body"]
    # A post in no series: the empty field is left out of the file it saves.
    assert fields["series"]["required"] is False
    assert config["output"]["omit_empty_optional_fields"] is True
    assert fields["category"]["default"] == "Running"
    assert "Running, Yoga" in fields["category"]["hint"]
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert [option["value"] for option in fields["status"]["options"]] == ["published", "draft"]
    assert fields["body"]["editor_components"] == ["video", "photo", "code-block"]
    assert fields["body"]["modes"] == ["raw", "rich_text"]  # opens as written
    entry = pages["files"][0]
    assert entry["file"] == f"{tmp_path.name}/about.md"
    # Its own header's fields, in its order; Pelican's additions (category) left out.
    assert [(f["name"], f["widget"]) for f in entry["fields"]] == [
        ("title", "string"), ("slug", "hidden"), ("summary", "text"), ("template", "hidden"),
        ("order", "hidden"), ("body", "markdown")]
    assert entry["fields"][4]["default"] == 1  # a number stays a number


def test_the_sign_in_screen_has_the_sites_name_and_mark_even_under_a_sub_path(tmp_path):
    config = cms_config({**SETTINGS, "SITEURL": "https://tracy.github.io/site",
                         "THEME_STATIC_DIR": "static"}, [], [], str(tmp_path))
    assert config["app_title"] == "One Body Coach"
    assert config["logo"] == {"src": "/site/static/favicon.svg"}
    assert config["media_libraries"] == {"stock_assets": False}


def test_the_repository_is_the_setting_else_gits_origin_else_the_folders_name(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert repository("", str(tmp_path)) == f"local/{tmp_path.name}"
    for url in ("https://github.com/tracy/onebodycoach.git", "git@github.com:tracy/onebodycoach",
                "ssh://git@github.com/tracy/onebodycoach.git/"):
        subprocess.run(["git", "remote", "remove", "origin"], cwd=tmp_path, capture_output=True)
        subprocess.run(["git", "remote", "add", "origin", url], cwd=tmp_path, check=True)
        assert repository("", str(tmp_path)) == "tracy/onebodycoach", url
    assert repository("tracy/site", str(tmp_path)) == "tracy/site"


def test_the_editor_fetches_its_fonts_and_parts_from_the_site_and_says_photos():
    editor = (b"src:url(https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf"
              b"@5.3.7/latin-wght-normal.woff2) src:url(https://cdn.jsdelivr.net/fontsource/fonts/"
              b"noto-mono@5.3.0/latin-400-normal.woff2) iP=`https://unpkg.com/@sveltia/cms`,"
              b"global_assets:`Global Assets`")
    text, fonts = self_hosted(editor)
    assert text == (b"src:url(fonts/material-symbols-outlined-latin-wght-normal.woff2) "
                    b"src:url(fonts/noto-mono-latin-400-normal.woff2) iP=`./editor`,"
                    b"global_assets:`Photos`")
    assert fonts == {
        "material-symbols-outlined-latin-wght-normal.woff2":
            "@fontsource-variable/material-symbols-outlined/files/"
            "material-symbols-outlined-latin-wght-normal.woff2",
        "noto-mono-latin-400-normal.woff2":
            "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2"}


def test_a_policy_is_written_directive_by_directive():
    assert policy({"default-src": ["'self'"], "img-src": ["'self'", "blob:"]}) == \
        "default-src 'self'; img-src 'self' blob:"


def generate(tmp_path, **settings):
    content = tmp_path / "content"
    content.mkdir(parents=True, exist_ok=True)
    generator = AdminGenerator({"articles": [post("Running")], "pages": []},
                               {**SETTINGS, "PATH": str(content), **settings}, str(content),
                               "theme", str(tmp_path / "output"))
    generator.generate_output(writer=None)
    return tmp_path / "output" / "admin"


def test_without_node_modules_the_admin_page_says_how_to_get_the_editor(tmp_path):
    admin = generate(tmp_path)
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page and "npm ci" in page
    assert not (admin / "sveltia-cms.js").exists()
    assert yaml.safe_load((admin / "config.yml").read_text())["backend"]["repo"] == "tracy/site"


def test_publishing_under_ci_requires_the_editor(tmp_path, caplog):
    with caplog.at_level(logging.ERROR):
        generate(tmp_path, ADMIN_EDITOR_REQUIRED=True)
    assert "the editor" in caplog.text and "npm ci" in caplog.text


def test_without_its_fonts_the_admin_page_says_how_to_get_them(tmp_path):
    editor = tmp_path / "node_modules" / "@sveltia" / "cms" / "dist" / "sveltia-cms.js"
    editor.parent.mkdir(parents=True)
    editor.write_text("url(https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/"
                      "latin-400-normal.woff2)")
    admin = generate(tmp_path, ADMIN_EDITOR_FILE="node_modules/@sveltia/cms/dist/sveltia-cms.js")
    assert "npm ci" in (admin / "index.html").read_text(encoding="utf-8")
    font = tmp_path / "node_modules/@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2"
    font.parent.mkdir(parents=True)
    font.write_bytes(b"wOF2")
    (editor.parent.parent / "package.json").write_text('{"version": "1.2.3"}')
    (editor.parent.parent / "locales").mkdir()
    (editor.parent.parent / "locales" / "en-GB.json").write_text('{"a": "Global Assets"}')
    admin = generate(tmp_path, ADMIN_EDITOR_FILE="node_modules/@sveltia/cms/dist/sveltia-cms.js")
    assert '<script src="sveltia-cms.js"></script>' in (admin / "index.html").read_text()
    assert (admin / "fonts" / "noto-mono-latin-400-normal.woff2").read_bytes() == b"wOF2"
    assert (admin / "editor" / "package.json").read_text() == \
        '{"name": "@sveltia/cms", "version": "1.2.3"}'
    assert (admin / "editor@1.2.3" / "locales" / "en-GB.json").read_text() == '{"a": "Photos"}'


def test_with_the_editor_the_page_loads_it_under_its_own_policy(tmp_path):
    editor = tmp_path / "node_modules" / "sveltia-cms.js"
    editor.parent.mkdir()
    editor.write_text("window.CMS = {};")
    admin = generate(tmp_path, ADMIN_EDITOR_FILE="node_modules/sveltia-cms.js",
                     THEME_STATIC_DIR="static",
                     ADMIN_CSP={"default-src": ["'self'"], "connect-src": ["https://api.github.com"]})
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="sveltia-cms.js"></script>' in page
    # admin.js styles the editor's preview with the site's stylesheet, from
    # THEME_STATIC_DIR, and marks a video's styled poster with the site's name.
    assert ('<script src="admin.js" data-preview-style="../static/css/main.css"\n'
            '  data-site-name="One Body Coach"></script>') in page
    assert "default-src &#39;self&#39;; connect-src https://api.github.com" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert (admin / "sveltia-cms.js").read_text() == "window.CMS = {};"


def test_the_editor_refuses_what_the_rules_refuse_and_follows_a_changed_rule(tmp_path,
                                                                             monkeypatch):
    def post_fields_in(admin):
        config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
        return {field["name"]: field for field in config["collections"][0]["fields"]}

    fields = post_fields_in(generate(tmp_path / "before"))
    assert [fields[name].get("required", True) for name in ("title", "date", "category")] == \
        [True, True, True]
    assert fields["slug"]["required"] is False
    pattern, message = fields["slug"]["pattern"]
    assert [bool(re.fullmatch(pattern, slug)) for slug in ("my-new-post", "glutes-2", "My New",
                                                         "a--b", "é")] == \
        [True, True, False, False, False]
    assert "Lower-case words joined by hyphens" in message
    assert [option["value"] for option in fields["status"]["options"]] == ["published", "draft"]
    assert fields["summary"]["required"] is False  # the build takes a post without one

    # A rule changed in the one header schema: the editor follows.
    schema = admin_module.header_schema
    status, summary = schema.FIELDS["status"], schema.FIELDS["summary"]
    monkeypatch.setitem(schema.FIELDS, "status", dataclasses.replace(
        status, values={**status.values, "post": ("draft", "published", "hidden")}))
    monkeypatch.setitem(schema.FIELDS, "summary", dataclasses.replace(
        summary, required_for=("post",)))
    fields = post_fields_in(generate(tmp_path / "after"))
    assert [option["value"] for option in fields["status"]["options"]] == \
        ["draft", "published", "hidden"]
    assert fields["summary"]["required"] is True


PLAYABLE = ["https://youtu.be/dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ?si=Abc123share",
            "https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&list=PL123",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m5s", "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "<https://youtu.be/dQw4w9WgXcQ>",
            "https://youtube.com/shorts/dQw4w9WgXcQ?feature=share",
            "https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
            "https://vimeo.com/76979871/8272103f6e", "https://vimeo.com/channels/staffpicks/76979871",
            "https://player.vimeo.com/video/76979871?h=8272103f6e&badge=0",
            "https://vimeo.com/76979871#t=90s",
            # Not videos, so links: the build takes them as they are.
            "https://www.youtube.com/@onebodycoach", "https://vimeo.com/onebodycoach",
            "https://www.youtube.com/"]
UNPLAYABLE = ["https://www.youtube.com/watch?v=short", "https://youtu.be/abc",
              "https://www.youtube.com/watch?v=waytoolongvideoid", "https://youtu.be/",
              "https://www.youtube.com/embed/", "https://www.youtube.com/playlist?list=",
              "https://vimeo.com/12345abc", "  https://youtu.be/dQw4w9WgXc  "]


def test_the_text_of_a_post_must_have_videos_the_site_plays_and_described_photos():
    pattern, message = admin_module.BODY_RULE["pattern"]

    def accepted(body):
        return re.search(pattern, body.strip()) is not None  # as the editor tests it

    assert [address for address in PLAYABLE if not accepted(f"Intro.\n\n{address}\n\nMore.")] == []
    assert [address for address in UNPLAYABLE if accepted(f"Intro.\n\n{address}\n\nMore.")] == []
    assert accepted(f"Watch {UNPLAYABLE[0]} inside a sentence: the build keeps it a link.")
    assert accepted("![A glute bridge](images/bridge.jpg)")
    assert not accepted("Text.\n\n![](images/bridge.jpg)\n")
    assert "Share" in message and "description" in message
    # The same verdicts as the build's own reading of an address (plugins/videos).
    for address in PLAYABLE:
        video_from_url(address.strip("<>"))
    for address in UNPLAYABLE:
        with pytest.raises(VideoAddressError):
            video_from_url(address)


def test_the_preview_pieces_come_from_the_site_by_an_import_map_the_policy_allows(tmp_path):
    editor = tmp_path / "node_modules" / "sveltia-cms.js"
    (editor.parent / "chunks").mkdir(parents=True)
    editor.write_text("window.CMS = {}; var deps = {immutable:`^5.1.9`};")
    (editor.parent / "chunks" / "react-dom.js").write_text("export default {};")
    immutable = tmp_path / "node_modules" / "immutable" / "dist" / "immutable.es.js"
    immutable.parent.mkdir(parents=True)
    immutable.write_text("export const Map = 1;")
    admin = generate(tmp_path, ADMIN_EDITOR_FILE="node_modules/sveltia-cms.js",
                     ADMIN_CSP={"default-src": ["'self'"], "script-src": ["'self'"]})
    page = (admin / "index.html").read_text(encoding="utf-8")
    import_map = re.search(r'<script type="importmap">(.*?)</script>', page)[1]
    assert json.loads(import_map) == {"imports": {
        "https://unpkg.com/immutable@5.1.9/dist/immutable.es.js": "./immutable.es.js"}}
    digest = base64.b64encode(hashlib.sha256(import_map.encode()).digest()).decode()
    assert f"script-src &#39;self&#39; &#39;sha256-{digest}&#39;" in page
    assert (admin / "immutable.es.js").read_text() == "export const Map = 1;"
    assert (admin / "chunks" / "react-dom.js").exists()
