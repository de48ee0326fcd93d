"""The editor's folder without building a site: its configuration comes from
the settings and the content, and a copy without node_modules still builds."""

import logging
from types import SimpleNamespace

import yaml

from .admin import AdminGenerator, categories_by_use, cms_config, policy

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
    assert list(fields) == ["title", "slug", "date", "category", "tags", "summary", "status",
                            "body"]
    assert fields["category"]["default"] == "Running"
    assert "Running, Yoga" in fields["category"]["hint"]
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert [option["value"] for option in fields["status"]["options"]] == ["draft", "published"]
    assert fields["body"]["editor_components"] == ["video", "photo", "code-block"]
    assert fields["body"]["modes"] == ["raw", "rich_text"]  # opens as written
    entry = pages["files"][0]
    assert entry["file"] == f"{tmp_path.name}/about.md"
    # Its own header's fields, in its order; Pelican's additions (category) left out.
    assert [(f["name"], f["widget"]) for f in entry["fields"]] == [
        ("title", "string"), ("slug", "hidden"), ("summary", "text"), ("template", "hidden"),
        ("order", "hidden"), ("body", "markdown")]
    assert entry["fields"][4]["default"] == 1  # a number stays a number


def test_a_policy_is_written_directive_by_directive():
    assert policy({"default-src": ["'self'"], "img-src": ["'self'", "blob:"]}) == \
        "default-src 'self'; img-src 'self' blob:"


def generate(tmp_path, **settings):
    content = tmp_path / "content"
    content.mkdir()
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


def test_with_the_editor_the_page_loads_it_under_its_own_policy(tmp_path):
    editor = tmp_path / "node_modules" / "sveltia-cms.js"
    editor.parent.mkdir()
    editor.write_text("window.CMS = {};")
    admin = generate(tmp_path, ADMIN_EDITOR_FILE="node_modules/sveltia-cms.js",
                     THEME_STATIC_DIR="static",
                     ADMIN_CSP={"default-src": ["'self'"], "connect-src": ["https://api.github.com"]})
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="sveltia-cms.js"></script>' in page
    # admin.js styles the editor's preview with the site's stylesheet, from THEME_STATIC_DIR.
    assert '<script src="admin.js" data-preview-style="../static/css/main.css"></script>' in page
    assert "default-src &#39;self&#39;; connect-src https://api.github.com" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert (admin / "sveltia-cms.js").read_text() == "window.CMS = {};"
