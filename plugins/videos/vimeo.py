"""Pure functions about Vimeo addresses, for the same embed as YouTube's
(youtube.Video with kind "vimeo"): no Pelican, no network.

A Vimeo video address: vimeo.com/ID, vimeo.com/ID/HASH (an unlisted video's
private link), vimeo.com/channels/NAME/ID, vimeo.com/groups/NAME/videos/ID,
player.vimeo.com/video/ID?h=HASH (the embed code's). Its player is Vimeo's
do-not-track one (dnt=1: no cookies, no tracking), loaded only on play.
"""

import re
from urllib.parse import parse_qs, urlsplit

VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
VIMEO_ID = re.compile(r"\d{6,12}")
VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")
VIMEO_WATCH_URL = "https://vimeo.com/{id}"
VIMEO_PLAYER_URL = "https://player.vimeo.com/video/{id}?dnt=1&autoplay=1"


def vimeo_parts(address):
    """(video id, private hash or "") of a Vimeo video address; None for any
    other address (Vimeo's home, a channel); ValueError (what is wrong, how to
    fix it) when it is on Vimeo and shaped like a video but its id is not digits."""
    address = address.strip()
    if re.match(r"(?i)(www\.|player\.)?vimeo\.com/", address):
        address = "https://" + address
    parts = urlsplit(address)
    if (parts.hostname or "").lower() not in VIMEO_HOSTS:
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    if parts.hostname.lower() == "player.vimeo.com":
        if segments[:1] != ["video"]:
            return None
        candidates = segments[1:2]
        key = (parse_qs(parts.query).get("h") or [""])[0]
    else:
        if segments[:1] in (["channels"], ["groups"]):
            segments = segments[-1:] if segments[-1].isdigit() else []
        candidates = segments[:1]
        key = segments[1] if len(segments) == 2 and VIMEO_HASH.fullmatch(segments[1]) else ""
    if not candidates or not candidates[0][:1].isdigit():
        return None  # not a video page
    if not VIMEO_ID.fullmatch(candidates[0]):
        raise ValueError(f"The Vimeo address {address} has “{candidates[0]}”, and a Vimeo "
                         "video id is digits only.",
                         "Copy the address again from Vimeo's Share button.")
    return candidates[0], key
