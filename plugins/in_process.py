"""A plugin's tests build its tiny `test_data/` folder with Pelican in the
test's own process, as pelican-plugins test theirs: the site's settings and
theme, only the plugins named, and fresh signals before and after (as the warm
preview starts each build), so no other test's plugin answers them."""

from pathlib import Path

from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings

from preview import reset_plugin_state

ROOT = Path(__file__).resolve().parent.parent


class Site:
    """A built site: its output folder, and its pages parsed."""

    def __init__(self, output):
        self.output = Path(output)

    def page(self, path):
        """The page at a site path ("", "about/"), parsed."""
        file = self.output / path
        if path == "" or path.endswith("/"):
            file = file / "index.html"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def build_in_process(test_data, output, plugins, **settings):
    """Build `test_data` into `output` with pelicanconf.py's settings, only
    `plugins` (modules) and `settings` changed."""
    reset_plugin_state()
    try:
        Pelican(read_settings(str(ROOT / "pelicanconf.py"), override={
            "PATH": str(test_data), "OUTPUT_PATH": str(output), "PLUGINS": plugins,
            "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False, **settings})).run()
    finally:
        reset_plugin_state()
    return Site(output)
