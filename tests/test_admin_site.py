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
    assert "Disallow: /admin/" in (site.output / "robots.txt").read_text().splitlines()


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
