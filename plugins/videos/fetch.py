"""`invoke videos`: fetch, once, the poster and title of every video the
posts embed, into the repository, so that pages serve posters from the site
itself and a bare address gets a real title.

Reads the settings VIDEO_OEMBED_URL (YouTube's oEmbed endpoint; `{watch_url}`
is the video's address, URL-encoded), VIDEO_THUMBNAIL_URL (`{id}`),
VIDEO_POSTER_DIR and VIDEO_DATA_FILE (both under PATH). A video that fails is
named and skipped; what was fetched before stays; every file is written to a
temporary file first and then renamed into place, so none is ever half-written.
"""

import json
import os
import re
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import quote

import markdown

from .videos import DEFAULTS, VIDEO_MARKUP, VideoExtension, described, read_titles
from .youtube import VIDEO_ID, Video, VideoAddressError, video_id_from_url

# The glute post's stand-ins until the coach pastes her real addresses (README, Videos).
PLACEHOLDER_PREFIX = "PLACEHOLDR"
RST_DIRECTIVE = re.compile(r"^\s*\.\.\s+youtube::\s+(\S+)", re.M)
JPEG_START = b"\xff\xd8\xff"
TIMEOUT_SECONDS = 15


class FetchError(Exception):
    """A video whose title or poster could not be fetched."""


def videos_in_markdown(text):
    """The YouTube video ids a Markdown post embeds, in order (malformed ones
    skipped: the build names those; playlists and Vimeo videos have no
    poster or title to fetch here)."""
    rendered = markdown.markdown(text, extensions=[VideoExtension(), "markdown.extensions.meta"])
    ids = []
    for match in VIDEO_MARKUP.finditer(rendered):
        try:
            video_id = video_id_from_url(described(match)[0])
        except VideoAddressError:
            continue
        if video_id:
            ids.append(video_id)
    return ids


def videos_in_restructuredtext(text):
    return [video_id for video_id in RST_DIRECTIVE.findall(text) if VIDEO_ID.fullmatch(video_id)]


def referenced_videos(content_path, folders):
    """{video id: the first file, relative to content_path, that embeds it}."""
    found = {}
    for folder in folders:
        for path in sorted(Path(content_path, folder).rglob("*")):
            if path.suffix in (".md", ".markdown"):
                ids = videos_in_markdown(path.read_text(encoding="utf-8"))
            elif path.suffix == ".rst":
                ids = videos_in_restructuredtext(path.read_text(encoding="utf-8"))
            else:
                continue
            for video_id in ids:
                found.setdefault(video_id, str(path.relative_to(content_path)))
    return found


def download(url):
    with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
        return response.read()


def fetch_video(video_id, oembed_url, thumbnail_url):
    """(title, poster JPEG bytes) of one video; FetchError saying what failed."""
    watch_url = quote(Video(video_id).watch_url, safe="")
    try:
        answer = json.loads(download(oembed_url.format(watch_url=watch_url, id=video_id)))
        title = answer["title"].strip()
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as problem:
        raise FetchError(f"its title (oEmbed): {problem}") from problem
    try:
        poster = download(thumbnail_url.format(id=video_id))
    except OSError as problem:
        raise FetchError(f"its poster: {problem}") from problem
    if not title:
        raise FetchError("its title (oEmbed): the answer had an empty title")
    if not poster.startswith(JPEG_START):
        raise FetchError("its poster: the answer was not a JPEG image")
    return title, poster


def write_atomically(path, data):
    """Write bytes to a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def fetch_missing(settings, say=print):
    """Fetch the title and poster of every embedded video that lacks one.
    Returns the number of videos that failed."""
    content = Path(settings["PATH"])
    poster_dir = content / settings.get("VIDEO_POSTER_DIR", DEFAULTS["VIDEO_POSTER_DIR"])
    data_file = content / settings.get("VIDEO_DATA_FILE", DEFAULTS["VIDEO_DATA_FILE"])
    titles = read_titles(data_file)
    failures = 0
    folders = settings["ARTICLE_PATHS"] + settings["PAGE_PATHS"]
    for video_id, source in referenced_videos(content, folders).items():
        poster = poster_dir / f"{video_id}.jpg"
        if video_id.startswith(PLACEHOLDER_PREFIX):
            say(f"{video_id} ({source}) is a placeholder: replace it with the real "
                "video's address, then run this again.")
            continue
        if video_id in titles and poster.exists():
            continue
        try:
            title, image = fetch_video(video_id, settings["VIDEO_OEMBED_URL"],
                                       settings["VIDEO_THUMBNAIL_URL"])
        except FetchError as problem:
            failures += 1
            say(f"Could not fetch video {video_id} ({source}): {problem}. "
                "Kept what was there before.")
            continue
        write_atomically(poster, image)
        titles[video_id] = title
        write_atomically(data_file, titles_json(titles))
        say(f"Fetched video {video_id} ({source}): “{title}”.")
    return failures


def titles_json(titles):
    data = {video_id: {"title": title} for video_id, title in sorted(titles.items())}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
