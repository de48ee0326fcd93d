"""Every YouTube address form a coach pastes, and every malformed one, read by
the pure functions of plugins/videos/youtube.py (no site is built)."""

import pytest

from .youtube import (
    Video,
    VideoAddressError,
    embed_html,
    start_seconds,
    video_from_url,
    video_id_from_url,
)

ID = "dQw4w9WgXcQ"


@pytest.mark.parametrize("address", [
    f"https://www.youtube.com/watch?v={ID}",
    f"https://youtube.com/watch?v={ID}",
    f"http://www.youtube.com/watch?v={ID}",
    f"https://m.youtube.com/watch?v={ID}",
    f"https://music.youtube.com/watch?v={ID}",
    f"https://www.youtube.com/watch?feature=share&v={ID}&list=PL123",
    f"https://youtu.be/{ID}",
    f"https://youtu.be/{ID}?si=Abc123share",
    f"https://www.youtube.com/embed/{ID}",
    f"https://www.youtube.com/embed/{ID}?rel=0",
    f"https://www.youtube-nocookie.com/embed/{ID}",
    f"https://youtube-nocookie.com/embed/{ID}",
    f"https://www.youtube.com/shorts/{ID}",
    f"https://youtube.com/shorts/{ID}?feature=share",
    f"https://www.youtube.com/live/{ID}",
    f"https://www.youtube.com/v/{ID}",
    f"youtu.be/{ID}",
    f"www.youtube.com/watch?v={ID}",
    f"  https://youtu.be/{ID}  ",
    f"https://WWW.YOUTUBE.COM/watch?v={ID}",
])
def test_every_address_form_gives_the_video_id(address):
    assert video_id_from_url(address) == ID


@pytest.mark.parametrize(("address", "start"), [
    (f"https://youtu.be/{ID}?t=42", 42),
    (f"https://www.youtube.com/watch?v={ID}&t=90s", 90),
    (f"https://www.youtube.com/watch?v={ID}&t=1m30s", 90),
    (f"https://www.youtube.com/watch?v={ID}&t=1h2m3s", 3723),
    (f"https://www.youtube.com/watch?v={ID}#t=75", 75),
    (f"https://www.youtube.com/embed/{ID}?start=30", 30),
    (f"https://www.youtube-nocookie.com/embed/{ID}?start=30&rel=0", 30),
    (f"https://m.youtube.com/watch?v={ID}&t=12", 12),
    (f"https://youtube.com/shorts/{ID}?t=5", 5),
    (f"https://youtu.be/{ID}", 0),
    (f"https://youtu.be/{ID}?t=soon", 0),
])
def test_start_times_are_kept(address, start):
    assert video_from_url(address) == Video(ID, start)


@pytest.mark.parametrize("address", [
    "https://www.youtube.com/watch?v=short",
    "https://www.youtube.com/watch?v=waytoolongvideoid",
    "https://www.youtube.com/watch?v=bad!id$here",
    "https://www.youtube.com/watch",
    "https://www.youtube.com/watch?list=PL123",
    "https://youtu.be/",
    "https://youtu.be/abc",
    "https://www.youtube.com/embed/",
    "https://www.youtube.com/shorts/abc def",
    "https://www.youtube-nocookie.com/embed/tooshort",
    "https://m.youtube.com/watch?v=",
])
def test_a_malformed_video_id_is_an_error_that_quotes_the_address(address):
    with pytest.raises(VideoAddressError) as error:
        video_id_from_url(address)
    assert address.strip() in str(error.value)


@pytest.mark.parametrize("address", [
    "https://www.youtube.com/",
    "https://www.youtube.com/@onebodycoach",
    "https://www.youtube.com/channel/UC1234567890",
    "https://www.youtube.com/playlist?list=PL123",
    f"https://vimeo.com/{ID}",
    f"https://example.com/watch?v={ID}",
    f"https://notyoutube.com/watch?v={ID}",
    "not an address",
])
def test_other_addresses_are_not_videos(address):
    assert video_id_from_url(address) is None


@pytest.mark.parametrize(("value", "seconds"), [
    ("90", 90), ("90s", 90), ("2m", 120), ("1m5s", 65), ("1h", 3600), ("", 0), ("x", 0),
])
def test_start_seconds(value, seconds):
    assert start_seconds(value) == seconds


def test_the_player_is_youtube_nocookie_and_starts_at_the_start_time():
    assert Video(ID, 30).player_url == (
        f"https://www.youtube-nocookie.com/embed/{ID}?autoplay=1&start=30")
    assert Video(ID).watch_url == f"https://www.youtube.com/watch?v={ID}"
    assert Video(ID, 30).watch_url == f"https://www.youtube.com/watch?v={ID}&t=30s"


def test_the_embed_escapes_its_title():
    html = embed_html(Video(ID), 'Squats <script>alert("x")</script> & "lunges"')
    assert "<script>" not in html
    assert 'aria-label="Play video: Squats &lt;script&gt;' in html
    assert "&amp; &quot;lunges&quot;" in html


def test_without_a_poster_the_embed_is_a_styled_poster_with_the_sites_mark():
    styled = embed_html(Video(ID), "Squats", mark='Tracy & "Co"')
    assert styled.startswith(
        '<div class="video video-styled" data-mark="Tracy &amp; &quot;Co&quot;">')
    assert "<img" not in styled
    with_poster = embed_html(Video(ID), "Squats", "{static}/images/videos/x.jpg", "Tracy")
    assert with_poster.startswith('<div class="video"><a ') and "data-mark" not in with_poster
    anchored = embed_html(Video(ID), "Squats", mark="Tracy", anchor="video-2")
    assert anchored.startswith('<div class="video video-styled" data-mark="Tracy" id="video-2">')


LIST = "PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG"


@pytest.mark.parametrize("address", [
    f"https://www.youtube.com/playlist?list={LIST}",
    f"https://youtube.com/playlist?list={LIST}&si=share",
    f"https://www.youtube.com/embed/videoseries?si=abc&list={LIST}",
    f"https://www.youtube-nocookie.com/embed/videoseries?list={LIST}",
])
def test_a_playlist_plays_the_list_in_the_private_player(address):
    video = video_from_url(address)
    assert video == Video(LIST, kind="playlist")
    assert video.player_url == (
        f"https://www.youtube-nocookie.com/embed/videoseries?list={LIST}&autoplay=1")
    assert video.watch_url == f"https://www.youtube.com/playlist?list={LIST}"


@pytest.mark.parametrize(("address", "key", "start"), [
    ("https://vimeo.com/76979871", "", 0),
    ("vimeo.com/76979871", "", 0),
    ("https://vimeo.com/76979871/8272103f6e", "8272103f6e", 0),
    ("https://vimeo.com/channels/staffpicks/76979871", "", 0),
    ("https://player.vimeo.com/video/76979871?h=8272103f6e&badge=0", "8272103f6e", 0),
    ("https://vimeo.com/76979871#t=90s", "", 90),
])
def test_a_vimeo_video_plays_in_vimeos_do_not_track_player(address, key, start):
    video = video_from_url(address)
    assert (video.kind, video.id, video.key, video.start) == ("vimeo", "76979871", key, start)
    assert video.player_url.startswith("https://player.vimeo.com/video/76979871?dnt=1&autoplay=1")
    assert (f"&h={key}" in video.player_url) == bool(key)


@pytest.mark.parametrize("address", [
    "https://www.youtube.com/playlist?list=",
    "https://www.youtube.com/embed/videoseries?list=bad!",
    "https://vimeo.com/12345abc",
])
def test_a_malformed_playlist_or_vimeo_address_is_an_error_that_quotes_it(address):
    with pytest.raises(VideoAddressError) as error:
        video_from_url(address)
    assert address in str(error.value)


@pytest.mark.parametrize("address", ["https://vimeo.com/", "https://vimeo.com/onebodycoach",
                                     "https://www.youtube.com/@onebodycoach"])
def test_other_vimeo_and_youtube_pages_are_not_videos(address):
    assert video_from_url(address) is None


def test_a_video_box_never_takes_an_id_the_page_has_already():
    from .videos import ID_ATTRIBUTE, unique_id

    page = '<h2 id="video-1">Video 1</h2><h2 id="video-1-2">Video 1, again</h2>'
    taken = set(ID_ATTRIBUTE.findall(page))
    assert unique_id("video-1", taken) == "video-1-3"
    assert unique_id("video-2", taken) == "video-2"
