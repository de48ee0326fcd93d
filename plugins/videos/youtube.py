"""Pure functions about YouTube addresses and our video embed: no Pelican, no
network, so they are unit-tested on their own (test_video_addresses.py, beside it).

An address is a *video address* when it is on a YouTube host and has the shape
of one video (watch?v=, youtu.be/, /embed/, /shorts/, /live/, /v/). A video
address whose id is not 11 letters, digits, `-` or `_` is malformed. A YouTube
playlist (/playlist?list=, or the embed code's /embed/videoseries?list=) and
a Vimeo video (vimeo.py) get the same embed, playing the list or the Vimeo
video; other YouTube pages (a channel) are not videos and stay plain links.
"""

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import parse_qs, urlsplit

from .vimeo import VIMEO_PLAYER_URL, VIMEO_WATCH_URL, vimeo_parts

VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
PLAYLIST_ID = re.compile(r"[A-Za-z0-9_-]{10,64}")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com",
                 "youtube-nocookie.com", "www.youtube-nocookie.com"}
SHORT_HOSTS = {"youtu.be", "www.youtu.be"}
# Path prefixes under which the next path segment is the video id.
ID_IN_PATH = ("/embed/", "/shorts/", "/live/", "/v/")
# "1h2m3s", "90s", "90": the start-time forms YouTube writes in t= and start=.
START_TIME = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")

WATCH_URL = "https://www.youtube.com/watch?v={id}"
PLAYER_URL = "https://www.youtube-nocookie.com/embed/{id}?autoplay=1"
PLAYLIST_URL = "https://www.youtube.com/playlist?list={id}"
PLAYLIST_PLAYER_URL = "https://www.youtube-nocookie.com/embed/videoseries?list={id}&autoplay=1"


class VideoAddressError(ValueError):
    """A video address whose id is missing or malformed: what is wrong with
    it, and how to fix it (the text of the error is both)."""

    def __init__(self, what, fix=""):
        super().__init__(f"{what} {fix}".rstrip())
        self.what, self.fix = what, fix


@dataclass(frozen=True)
class Video:
    id: str
    start: int = 0  # seconds from the beginning
    kind: str = "youtube"  # or "playlist" (YouTube's), or "vimeo"
    key: str = ""  # an unlisted Vimeo video's private hash

    @property
    def watch_url(self):
        """The video's page on YouTube (or Vimeo), at its start time: the no-script link."""
        if self.kind == "playlist":
            return PLAYLIST_URL.format(id=self.id)
        if self.kind == "vimeo":
            url = VIMEO_WATCH_URL.format(id=self.id) + (f"/{self.key}" if self.key else "")
            return f"{url}#t={self.start}s" if self.start else url
        url = WATCH_URL.format(id=self.id)
        return f"{url}&t={self.start}s" if self.start else url

    @property
    def player_url(self):
        """The privacy-enhanced player (Vimeo's do-not-track one), loaded only
        when the reader presses play."""
        if self.kind == "playlist":
            return PLAYLIST_PLAYER_URL.format(id=self.id)
        if self.kind == "vimeo":
            url = VIMEO_PLAYER_URL.format(id=self.id) + (f"&h={self.key}" if self.key else "")
            return f"{url}#t={self.start}s" if self.start else url
        url = PLAYER_URL.format(id=self.id)
        return f"{url}&start={self.start}" if self.start else url


def with_scheme(address):
    """Addresses pasted without https:// ("youtu.be/…") get one."""
    address = address.strip()
    if re.match(r"(?i)(www\.|m\.)?(youtube(-nocookie)?\.com|youtu\.be)/", address):
        return "https://" + address
    return address


def is_youtube_address(address):
    """True for any address on a YouTube host, video or not."""
    host = (urlsplit(with_scheme(address)).hostname or "").lower()
    return host in YOUTUBE_HOSTS or host in SHORT_HOSTS


def raw_video_id(address):
    """The id part of a video address as written (maybe malformed), or None
    when the address is not a video address at all."""
    parts = urlsplit(with_scheme(address))
    host = (parts.hostname or "").lower()
    if host in SHORT_HOSTS:
        return parts.path.strip("/").split("/")[0]
    if host not in YOUTUBE_HOSTS:
        return None
    if parts.path.rstrip("/") in ("/watch", ""):
        if parts.path.rstrip("/") == "" and "v" not in parse_qs(parts.query):
            return None  # the home page
        return (parse_qs(parts.query).get("v") or [""])[0]
    for prefix in ID_IN_PATH:
        if parts.path.startswith(prefix):
            return parts.path[len(prefix):].split("/")[0]
    return None


def playlist_id_from_url(address):
    """The list id of a YouTube playlist address (/playlist?list=, or the
    embed code's /embed/videoseries?list=); None for any other address;
    VideoAddressError when the list id is malformed."""
    parts = urlsplit(with_scheme(address))
    if (parts.hostname or "").lower() not in YOUTUBE_HOSTS:
        return None
    if parts.path.rstrip("/") not in ("/playlist", "/embed/videoseries"):
        return None
    list_id = (parse_qs(parts.query).get("list") or [""])[0]
    if not PLAYLIST_ID.fullmatch(list_id):
        raise VideoAddressError(
            f"The YouTube playlist address {address.strip()} has no list id it can read.",
            "Copy the address again from the playlist's Share button.")
    return list_id


def video_id_from_url(address):
    """The 11-character id of a YouTube video address; None when the address
    is not a video address; VideoAddressError when its id is malformed."""
    video_id = raw_video_id(address)
    if video_id is None:
        return None
    if not VIDEO_ID.fullmatch(video_id):
        shown = f"“{video_id}”" if video_id else "no video id"
        raise VideoAddressError(
            f"The YouTube address {address.strip()} has {shown}, and a video id is "
            "11 letters, digits, - or _.", "Copy the address again from YouTube's Share button.")
    return video_id


def start_seconds(value):
    """Seconds from a t= or start= value ("90", "90s", "1m30s", "1h2m"); 0 when unreadable."""
    match = START_TIME.fullmatch((value or "").strip().lower())
    if not match or not any(match.groups()):
        return 0
    hours, minutes, seconds = (int(group or 0) for group in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def start_from_url(address):
    """The start time an address asks for (t= or start=, in the query or after #)."""
    parts = urlsplit(with_scheme(address))
    for where in (parts.query, parts.fragment):
        asked = parse_qs(where)
        for name in ("t", "start"):
            if name in asked:
                return start_seconds(asked[name][0])
    return 0


def is_video_address(address):
    """An address shaped like a video or a playlist (maybe malformed)."""
    if is_youtube_address(address):
        return raw_video_id(address) is not None or urlsplit(
            with_scheme(address)).path.rstrip("/") in ("/playlist", "/embed/videoseries")
    try:
        return vimeo_parts(address) is not None
    except ValueError:
        return True


def video_from_url(address):
    """The Video an address points to (a YouTube video with its start time, a
    YouTube playlist, a Vimeo video), None for any other address;
    VideoAddressError when malformed."""
    try:
        vimeo = vimeo_parts(address)
    except ValueError as malformed:  # (what is wrong, how to fix it)
        raise VideoAddressError(*malformed.args) from None
    if vimeo:
        return Video(vimeo[0], start_from_url(address), "vimeo", vimeo[1])
    list_id = playlist_id_from_url(address)
    if list_id:
        return Video(list_id, kind="playlist")
    video_id = video_id_from_url(address)
    if video_id is None:
        return None
    return Video(video_id, start_from_url(address))


def embed_html(video, title, poster_src=None, mark="", anchor=""):
    """Our embed: a link to the video (all a feed reader or a browser without
    JavaScript sees) with a poster and the title; video.js turns it into a
    button that swaps in the player. poster_src None: a styled poster, never
    an image from elsewhere: the title and `mark` (the site's name, drawn by
    the CSS from data-mark, so a feed reader shows only the title) on the
    brand colour. `anchor`: the box's id, for links to this video on its page."""
    poster, box = "", ' class="video"'
    if poster_src:
        poster = (f'<img class="video-poster" src="{escape(poster_src)}" alt="" '
                  'width="480" height="360" loading="lazy" decoding="async">')
    else:
        box = f' class="video video-styled" data-mark="{escape(mark)}"'
    if anchor:
        box += f' id="{escape(anchor)}"'
    return (
        f'<div{box}>'
        f'<a class="video-link" href="{escape(video.watch_url)}" '
        f'data-player="{escape(video.player_url)}" '
        f'aria-label="{escape("Play video: " + title)}">'
        f'{poster}<span class="video-title">{escape(title)}</span>'
        '<span class="video-play" aria-hidden="true"></span></a></div>'
    )
