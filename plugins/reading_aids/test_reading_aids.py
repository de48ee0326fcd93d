"""Reading time and table of contents, from HTML, without building a site."""

from .reading_aids import TextAndHeadings, reading_minutes, table_of_contents, without_title_heading

HTML = ('<h2 id="why">Why <em>glutes</em></h2><p>One two three.</p>'
        '<p><a href="https://www.youtube.com/watch?v=x" class="video">Play</a></p>'
        '<h3 id="how">How</h3><h2>No id</h2>')


def parsed(html):
    parser = TextAndHeadings()
    parser.feed(html)
    return parser


def test_only_the_words_a_reader_reads_count():
    assert parsed(HTML).words == 9  # Why glutes, One two three, Play, How, No id


def test_reading_time_rounds_up_and_is_never_zero():
    assert reading_minutes(0, 200) == 1
    assert reading_minutes(201, 200) == 2
    assert reading_minutes(400, 200) == 2


def test_headings_with_ids_make_the_table_of_contents_of_a_long_post_only():
    headings = parsed(HTML).headings
    assert headings == [(2, "why", "Why glutes"), (3, "how", "How")]
    assert table_of_contents(headings, 3) == []
    long_post = headings + [(2, "a", "A"), (2, "b", "B")]
    assert table_of_contents(long_post, 3) == long_post


def test_a_first_heading_that_repeats_the_title_is_dropped():
    body = '<h1 id="x">Why  <em>stretching</em> &amp; yoga</h1>\n<p>Text.</p>'
    assert without_title_heading(body, "Why stretching & Yoga") == "<p>Text.</p>"
    other = "<h1>Another heading</h1><p>Text.</p>"
    assert without_title_heading(other, "Why stretching") == other
    later = "<p>Intro.</p><h1>Why stretching</h1>"
    assert without_title_heading(later, "Why stretching") == later
