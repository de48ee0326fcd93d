"""Minifying keeps the CSS meaning; the hash is the one browsers compute."""

from .inline_css import build_policy, csp_hash, minify_css


def test_minify_drops_comments_and_spaces_but_keeps_values():
    css = "/* colours */\n:root {\n  --a: #fff;\n}\na > b, c { margin: 0 auto; }\n"
    assert minify_css(css) == ":root{--a:#fff}a>b,c{margin:0 auto}"


def test_minify_keeps_the_space_before_a_pseudo_class_of_a_descendant():
    css = ".menu :focus-visible { outline: 2px solid; }\na:hover { color: red; }"
    assert minify_css(css) == ".menu :focus-visible{outline:2px solid}a:hover{color:red}"


def test_the_hash_is_the_base64_sha256_of_the_exact_text():
    # echo -n 'a{}' | openssl dgst -sha256 -binary | base64
    assert csp_hash("a{}") == "'sha256-X1RutGBrXCt9KkSaXMK7tHftWiRscFHOhxsS8tv8hBk='"


def test_the_policy_adds_the_style_hash_and_never_unsafe_inline():
    policy = build_policy({"default-src": ["'self'"], "img-src": ["'self'", "data:"]},
                          "'sha256-x'")
    assert policy == "default-src 'self'; img-src 'self' data:; style-src 'sha256-x'"


def test_the_search_page_policy_adds_its_sources_to_the_same_directives():
    policy = build_policy({"script-src": ["'self'"]}, "'sha256-x'",
                          {"script-src": ["'wasm-unsafe-eval'"]})
    assert policy == "script-src 'self' 'wasm-unsafe-eval'; style-src 'sha256-x'"
