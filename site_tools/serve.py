"""The web server behind `./dev serve`: the built site, and for an address
it does not have, the site's own 404 page (404.html) with the status 404,
as GitHub Pages serves it. Standard library only."""

from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

NOT_FOUND_PAGE = "404.html"


class SiteHandler(SimpleHTTPRequestHandler):
    """Files from the site's folder; the site's 404 page for a missing one."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def site_server(folder, host, port, handler=SiteHandler):
    """A server (not yet serving) for the site in `folder` on host:port
    (port 0: any free port, in server.server_address)."""
    return ThreadingHTTPServer((host, int(port)), partial(handler, directory=str(folder)))
