"""The pure parts of the images plugin, without building a site."""

from .images import content_relative_path, plan_widths, tag_attributes, variant_path


def test_widths_stop_at_the_photo_and_at_the_maximum():
    assert plan_widths(3000, [480, 960, 1600], 2000) == [480, 960, 1600, 2000]
    assert plan_widths(1200, [480, 960, 1600], 2000) == [480, 960, 1200]
    assert plan_widths(300, [480, 960, 1600], 2000) == [300]


def test_every_way_the_coach_writes_a_photo_points_into_the_content_folder():
    for src in ["images/x.jpg", "/images/x.jpg", "{static}/images/x.jpg", "../images/x.jpg"]:
        assert content_relative_path(src, "articles") == "images/x.jpg", src
    assert content_relative_path("https://example.org/x.jpg", "articles") is None
    assert content_relative_path("//cdn.example.org/x.jpg", "articles") is None
    assert content_relative_path("data:image/png;base64,AA", "articles") is None


def test_variant_names_and_attributes():
    assert variant_path("images/x.jpeg", 480, "webp") == "images/x-480w.webp"
    assert tag_attributes('<img alt="A &amp; B" src="x.jpg">') == {"alt": "A & B", "src": "x.jpg"}
