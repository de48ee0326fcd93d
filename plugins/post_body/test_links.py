"""Where a link or image in a post points, without building a site: the
file meant, in the form Pelican resolves, or the problem with what to write."""

import unicodedata

import pytest

from .links import ContentFiles, Refused, Resolved, resolve

NFD_NAME = unicodedata.normalize("NFD", "images/café-stretch.jpg")
FILES = ContentFiles(
    ["articles/other-post.md", "articles/cant-fire-my-glutes.md", "pages/about.md",
     "images/x.jpg", "images/glute-bridge.jpg", "images/stretch #2.jpg", "images/drill.mp4",
     "images/plan.pdf", NFD_NAME, "docs/notes.pdf", "videos.json"],
    sources_in=["articles", "pages"], published_in=["images"])


def from_post(address, is_image=False, post_dir="articles"):
    return resolve(address, post_dir, FILES, is_image)


@pytest.mark.parametrize("written, meant", [
    ("./images/x.jpg", "{static}/images/x.jpg"),
    ("content/images/x.jpg", "{static}/images/x.jpg"),
    ("/content/images/x.jpg", "{static}/images/x.jpg"),
    ("images/Glute-Bridge.JPG", "{static}/images/glute-bridge.jpg"),  # a Mac finds it anyway
    ("images/stretch #2.jpg", "{static}/images/stretch%20%232.jpg"),
    ("images/café-stretch.jpg", "{static}/images/cafe%CC%81-stretch.jpg"),  # stored as NFD
    ("images/drill.mp4", "{static}/images/drill.mp4"),
])
def test_a_photo_written_another_way_is_the_photo_meant(written, meant):
    assert from_post(written, is_image=True) == Resolved(meant)


def test_a_photo_the_images_plugin_finds_as_written_is_left_to_it():
    for written in ["images/x.jpg", "/images/x.jpg", "images/x.jpg?v=2", "../images/x.jpg",
                    "images/stretch%20%232.jpg"]:
        assert from_post(written, is_image=True) is None


@pytest.mark.parametrize("written, meant", [
    ("other-post.md", "{filename}/articles/other-post.md"),
    ("./other-post.md#why", "{filename}/articles/other-post.md#why"),
    ("content/articles/other-post.md", "{filename}/articles/other-post.md"),
    ("images/plan.pdf", "{static}/images/plan.pdf"),
    ("plan.pdf", "{static}/images/plan.pdf"),
    ("images/drill.mp4", "{static}/images/drill.mp4"),
    ("{filename}about.md", "{filename}/pages/about.md"),  # the page is in pages/
])
def test_a_link_to_a_file_of_the_site_is_the_file_meant(written, meant):
    assert from_post(written) == Resolved(meant)


def test_a_bare_name_is_found_from_a_page_in_another_folder():
    assert resolve("other-post.md", "pages", FILES) == Resolved(
        "{filename}/articles/other-post.md")


@pytest.mark.parametrize("written", [
    "https://example.org/x.jpg", "mailto:hi@example.com", "#how", "/about/", "../about/",
    "{filename}other-post.md", "{static}/images/x.jpg", "//cdn.example.org/x.js", "",
    "{filename}hamstrings.md",  # Pelican's own check names a missing {filename}
    "images/missing.jpg",  # an image: the images plugin names it
])
def test_addresses_that_work_or_are_checked_elsewhere_are_left_as_they_are(written):
    assert from_post(written, is_image=written.startswith("images/")) is None


@pytest.mark.parametrize("written, fix", [
    ("/Users/tracy/Desktop/squat.jpg",
     "Copy squat.jpg into content/images/ and write images/squat.jpg."),
    ("C:\\Users\\Tracy\\Pictures\\squat.jpg",
     "Copy squat.jpg into content/images/ and write images/squat.jpg."),
    ("file:///Users/tracy/Desktop/squat.jpg",
     "Copy squat.jpg into content/images/ and write images/squat.jpg."),
    ("/Users/tracy/Desktop/glute-bridge.jpg",
     "The file is in content/images/: write images/glute-bridge.jpg instead."),
    ("~/Desktop/other-post.md",
     "The file is in content/articles/: write {filename}/articles/other-post.md instead."),
])
def test_a_file_on_her_computer_stops_the_build_with_what_to_write(written, fix):
    refused = from_post(written, is_image=True)
    assert refused == Refused(f"{written} is a file on your computer, which readers cannot "
                              "open.", fix)


@pytest.mark.parametrize("written, fix", [
    ("other-pots.md", "Did you mean content/articles/other-post.md? Write "
                      "{filename}/articles/other-post.md."),
    ("./images/glute-brige.jpg", "Did you mean content/images/glute-bridge.jpg? Write "
                                 "images/glute-bridge.jpg."),
    ("hamstrings.md", "Check the file name in content/articles/ or content/pages/."),
    ("images/squat.mp4", "Copy squat.mp4 into content/images/ and write images/squat.mp4."),
])
def test_a_file_that_is_not_there_stops_the_build_with_the_closest_name(written, fix):
    assert from_post(written) == Refused(f"{written} points to a file that is not in "
                                         "content/.", fix)


def test_a_file_in_a_folder_the_site_does_not_publish_is_named():
    assert from_post("../docs/notes.pdf") == Refused(
        "../docs/notes.pdf is content/docs/notes.pdf, in a folder the site does not publish.",
        "Move it into content/images/ and write images/notes.pdf.")


def test_another_site_without_https_is_named():
    assert from_post("www.runnersworld.com/glutes") == Refused(
        "www.runnersworld.com/glutes is another site's address without https:// in front, "
        "so it would lead to a page of this site that does not exist.",
        "Write https://www.runnersworld.com/glutes.")


def test_a_missing_photo_with_a_hash_in_its_name_is_named_whole():
    assert from_post("images/stretch #3.jpg", is_image=True) == Refused(
        "images/stretch #3.jpg points to a file that is not in content/.",
        "Did you mean content/images/stretch #2.jpg? Write images/stretch #2.jpg.")
