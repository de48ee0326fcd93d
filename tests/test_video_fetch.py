"""`invoke videos` against a YouTube stand-in on 127.0.0.1: it fetches each
embedded video's poster and title once, names a video that fails, keeps what
it had and never leaves half a file."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import run_pelican, run_task


def a_jpeg():
    """A poster as YouTube sends one: a real JPEG (the site publishes it cleaned)."""
    import io

    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (48, 36), "teal").save(data, "JPEG")
    return data.getvalue()


JPEG = a_jpeg()
POST = """Title: Hip hinge
Date: 2026-11-22 10:00
Category: Running

https://youtu.be/aaaaaaaaaaa?t=10

[My own title](https://www.youtube.com/watch?v=bbbbbbbbbbb)

Read [this](https://youtu.be/ccccccccccc) in a sentence: a link, not fetched.
"""


class StandIn(BaseHTTPRequestHandler):
    """oEmbed at /oembed?url=…, posters at /vi/ID/hqdefault.jpg; ids in `failing` get a 500."""
    failing = set()
    requests = []

    def do_GET(self):
        parts = urlsplit(self.path)
        self.requests.append(self.path)
        if parts.path == "/oembed":
            video_id = parse_qs(urlsplit(parse_qs(parts.query)["url"][0]).query)["v"][0]
            body, kind = json.dumps({"title": f"Title of {video_id}"}).encode(), "application/json"
        else:
            video_id, body, kind = parts.path.split("/")[2], JPEG, "image/jpeg"
        if video_id in self.failing:
            self.send_error(500)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def youtube_stand_in():
    StandIn.failing, StandIn.requests = set(), []
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield StandIn, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def point_at(project, address):
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(f'\nVIDEO_OEMBED_URL = "{address}/oembed?format=json&url={{watch_url}}"\n'
                       f'VIDEO_THUMBNAIL_URL = "{address}/vi/{{id}}/hqdefault.jpg"\n')


@pytest.fixture
def project_with_videos(project, youtube_stand_in):
    (project / "content" / "articles" / "hip-hinge.md").write_text(POST, encoding="utf-8")
    point_at(project, youtube_stand_in[1])
    return project


def leftovers(folder):
    return [path.name for path in folder.rglob(".*")]


def test_it_fetches_posters_and_titles_once_and_the_build_uses_them(
        project_with_videos, youtube_stand_in, tmp_path):
    project, (stand_in, _) = project_with_videos, youtube_stand_in
    result = run_task(project, "videos")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PLACEHOLDR1 (articles/cant-fire-my-glutes.md) is a placeholder" in result.stdout
    titles = json.loads((project / "content" / "videos.json").read_text())
    assert titles == {"aaaaaaaaaaa": {"title": "Title of aaaaaaaaaaa"},
                      "bbbbbbbbbbb": {"title": "Title of bbbbbbbbbbb"}}
    posters = project / "content" / "images" / "videos"
    assert sorted(p.name for p in posters.iterdir()) == ["aaaaaaaaaaa.jpg", "bbbbbbbbbbb.jpg"]
    assert (posters / "aaaaaaaaaaa.jpg").read_bytes() == JPEG

    stand_in.requests.clear()
    again = run_task(project, "videos")
    assert again.returncode == 0 and stand_in.requests == []  # once: nothing fetched again

    build = run_pelican(project, tmp_path / "output")
    assert build.returncode == 0, build.log
    links = build.page("hip-hinge/").select("a.video-link")
    assert [(a["aria-label"], a.img["src"]) for a in links] == [
        ("Play video: Title of aaaaaaaaaaa", "../images/videos/aaaaaaaaaaa.jpg"),
        ("Play video: My own title", "../images/videos/bbbbbbbbbbb.jpg"),  # link text first
    ]
    assert links[0]["data-player"].endswith("aaaaaaaaaaa?autoplay=1&start=10")


def test_a_failing_answer_names_the_video_and_keeps_what_was_there(
        project_with_videos, youtube_stand_in):
    project, (stand_in, _) = project_with_videos, youtube_stand_in
    data_file = project / "content" / "videos.json"
    data_file.write_text('{"aaaaaaaaaaa": {"title": "Fetched before"}}\n')
    posters = project / "content" / "images" / "videos"
    posters.mkdir(parents=True)
    (posters / "aaaaaaaaaaa.jpg").write_bytes(JPEG)
    stand_in.failing = {"bbbbbbbbbbb"}
    result = run_task(project, "videos")
    assert result.returncode == 1
    assert "Could not fetch video bbbbbbbbbbb (articles/hip-hinge.md)" in result.stdout
    assert json.loads(data_file.read_text()) == {"aaaaaaaaaaa": {"title": "Fetched before"}}
    assert sorted(p.name for p in posters.iterdir()) == ["aaaaaaaaaaa.jpg"]
    assert leftovers(project / "content") == []


def test_a_poster_that_is_not_an_image_is_not_saved(project_with_videos, youtube_stand_in):
    project = project_with_videos
    point_at(project, youtube_stand_in[1])
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(f'VIDEO_THUMBNAIL_URL = "{youtube_stand_in[1]}/oembed?url=x%3Fv%3D{{id}}"\n')
    result = run_task(project, "videos")
    assert result.returncode == 1
    assert "its poster: the answer was not a JPEG image" in result.stdout
    assert not (project / "content" / "images" / "videos").exists() or not any(
        (project / "content" / "images" / "videos").iterdir())


def test_without_a_network_it_names_each_video_and_writes_nothing(project):
    (project / "content" / "articles" / "hip-hinge.md").write_text(POST, encoding="utf-8")
    point_at(project, "http://127.0.0.1:9")  # nothing listens there
    result = run_task(project, "videos")
    assert result.returncode == 1
    for video_id in ("aaaaaaaaaaa", "bbbbbbbbbbb"):
        assert f"Could not fetch video {video_id} (articles/hip-hinge.md): its title" in (
            result.stdout)
    assert "ccccccccccc" not in result.stdout
    assert not (project / "content" / "videos.json").exists()
    assert leftovers(project / "content") == []
