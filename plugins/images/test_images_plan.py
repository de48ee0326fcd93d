"""The pure parts of the images plugin, without building a site."""

from .images import (
    content_relative_path,
    plan_widths,
    svg_size,
    tag_attributes,
    upright_size,
    variant_path,
)


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


def test_a_space_in_a_file_name_may_be_written_as_it_is_or_as_percent_20():
    for src in ["images/Glute Bridge.jpg", "images/Glute%20Bridge.jpg"]:
        assert content_relative_path(src, "articles") == "images/Glute Bridge.jpg"


def test_a_photo_stored_on_its_side_is_measured_upright():
    assert upright_size((4000, 3000), 6) == (3000, 4000)  # phone held upright
    assert upright_size((4000, 3000), 3) == (4000, 3000)  # upside down: same size
    assert upright_size((4000, 3000), None) == (4000, 3000)


def test_an_svg_size_comes_from_width_and_height_else_its_viewbox():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" {}/>'
    assert svg_size(svg.format('width="120px" height="40"')) == (120, 40)
    assert svg_size(svg.format('width="100%" viewBox="0 0 64 32"')) == (64, 32)
    assert svg_size(svg.format("")) is None
