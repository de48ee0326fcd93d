"""The editor's folder /admin/ in the built site: for the coach, not for
readers or search engines, and configured from the settings it was built with."""

import yaml

from conftest import indexed_pages, run_pelican


def test_admin_is_in_no_sitemap_feed_or_search_index_and_robots_keep_out(site):
    assert (site.output / "admin" / "index.html").exists()
    assert "admin" not in (site.output / "sitemap.xml").read_text()
    for feed in (site.output / "feeds").iterdir():
        assert "/admin" not in feed.read_text(), feed.name
    assert not any("admin" in url for url in indexed_pages(site.output))
    # A site at the root of its host: crawlers read this robots.txt.
    robots = (site.output / "robots.txt").read_text().splitlines()
    assert "Disallow: /admin/" in robots
    assert not any(line.startswith("#") for line in robots)


def test_under_a_sub_path_robots_says_crawlers_never_read_it_and_noindex_keeps_out(production):
    # https://coach.github.io/site: crawlers read https://coach.github.io/robots.txt only.
    robots = (production.output / "robots.txt").read_text()
    assert "Disallow: /site/admin/" in robots.splitlines()
    note = " ".join(line.lstrip("# ") for line in robots.splitlines() if line.startswith("#"))
    assert "only at the root of a host (/robots.txt), never here" in note
    assert "noindex" in note
    admin = production.page("admin/")
    assert admin.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"


def test_reader_pages_keep_their_own_policy(site):
    policies = {site.page(path).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
                ["content"] for path in ("", "cant-fire-my-glutes/", "about/")}
    for policy in policies:
        assert "github" not in policy and "unsafe-inline" not in policy
    admin = site.page("admin/").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert "https://api.github.com" in admin["content"]


def test_the_live_editor_saves_to_the_repository_github_actions_names(tmp_path, project):
    build = run_pelican(project, tmp_path / "output", "publishconf.py",
                        {"SITEURL": "https://tracy.github.io/site",
                         "GITHUB_REPOSITORY": "tracy/site"})
    assert build.returncode == 0, build.log
    config = yaml.safe_load((tmp_path / "output" / "admin" / "config.yml").read_text())
    assert config["backend"]["repo"] == "tracy/site"
    assert config["site_url"] == "https://tracy.github.io/site"
    assert "Running" in config["collections"][0]["fields"][3]["hint"]
