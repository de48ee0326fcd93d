"""Markup the site's security policy would block, found in a post's rendered
HTML as a browser reads it, and the source line it came from."""

import pytest

from .markup import blocked_markup, lines_of_blocked


def names(rendered):
    return [blocked.name for blocked in blocked_markup(rendered)]


@pytest.mark.parametrize("address", [
    "javascript:alert(1)", "JavaScript:alert(1)", "  javascript:go()", "jav&#x61;script:go()",
    "jav&#97;script:go()", "java&#09;script:go()", "java&#x0A;script:go()", "java\tscript:go()",
    "&#x01;javascript:go()", "javascript&colon;go()", "JAVASCRIPT:go()", "vbscript:msgbox(1)",
])
def test_a_script_link_in_any_spelling_is_blocked(address):
    scheme = "vbscript" if "vb" in address else "javascript"
    assert names(f'<p><a href="{address}">Tap</a></p>') == [f"a {scheme}: link"]


@pytest.mark.parametrize("rendered, found", [
    ("<style>p { color: red }</style>", ["a <style> block"]),
    ("<STYLE media=all>p{}</STYLE>", ["a <style> block"]),
    ('<p onclick="go()">x</p><img src="x.jpg" ONERROR="go()">', ["onclick=…", "onerror=…"]),
    ('<p style="color: red">x</p>', ["style=…"]),
    ("<script>go()</script>", ["a <script>"]),
    ('<iframe src="https://maps.example.com/x"></iframe>', ["embed code from maps.example.com"]),
    ('<form action="javascript:go()"><button formaction="JavaScript:go()">x</button></form>',
     ["a javascript: link", "a javascript: link"]),
])
def test_markup_the_policy_blocks_is_named(rendered, found):
    assert names(rendered) == found


@pytest.mark.parametrize("rendered", [
    "<p>Write <code>&lt;style&gt;</code> or <code>javascript:go()</code> in code.</p>",
    '<a href="https://example.org/javascript:x">An article on javascript:</a>',
    '<a href="notes/javascript-tips/">tips</a>', '<p class="x">styled by the site</p>',
])
def test_text_and_harmless_addresses_are_not_blocked(rendered):
    assert names(rendered) == []


def test_each_piece_is_found_on_its_own_source_line():
    source = ("Title: x\n\n[Tap](JavaScript:go())\n\n<style>p{}</style>\n\n"
              '<a href="jav&#x61;script:go()">Tap</a>\n')
    rendered = ('<p><a href="JavaScript:go()">Tap</a></p><style>p{}</style>'
                '<a href="jav&#x61;script:go()">Tap</a>')
    found = blocked_markup(rendered)
    assert list(lines_of_blocked(found, source)) == [3, 5, 7]
