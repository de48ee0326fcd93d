"""Each quality gate fails, with a message naming the page and the cause,
on a page made to break it; the real site passes them all (`./dev check`,
in test_bad_input.py)."""

import random
import string

import pytest

from checks.browser import RENDER_BYTES_BUDGET, browser_reports, served
from checks.html_valid import html_errors
from checks.lighthouse import (
    PRESET_CPU_SLOWDOWN,
    Runner,
    calibrated_slowdown,
    lighthouse_results,
)
from conftest import chromium_or_skip

GOOD_HEAD = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
             '<meta name="viewport" content="width=device-width, initial-scale=1">'
             '<title>Page</title><link rel="icon" href="data:,">{head}</head>'
             '<body><main><article class="post"><h1>Page</h1>{body}</article></main></body></html>')


def write_page(folder, path, body="", head=""):
    file = folder / path / "index.html"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(GOOD_HEAD.format(head=head, body=body), encoding="utf-8")


# A page made to break each browser gate, all loaded in one run of the gate
# (browser_reports, in its tabs), as `check` loads a site's pages.
BAD_PAGES = {
    # Random letters barely compress: 40,000 of them are about 24 KB gzipped.
    "heavy/": {"body": "<p>{}</p>".format("".join(
        random.Random(1).choices(string.ascii_lowercase + " ", k=40000)))},
    "tracked/": {"body": '<img src="https://tracker.example/pixel.gif" alt="">'},
    "blocked/": {"head": '<link rel="stylesheet" href="/style.css">',
                 "body": '<img src="/missing.png" alt="A missing photo">'},
    "injected/": {"head": '<meta http-equiv="Content-Security-Policy" '
                          'content="script-src \'self\'">',
                  "body": "<script>document.title='pwned'</script>"},
    "no-alt/": {"body": '<img src="data:," width="10" height="10">'},
    "fine/": {},
}


@pytest.fixture(scope="module")
def problems(tmp_path_factory):
    """{path: its problems} for BAD_PAGES."""
    chromium_or_skip()
    folder = tmp_path_factory.mktemp("bad-pages")
    (folder / "style.css").write_text("body { margin: 0 }")
    for path, parts in BAD_PAGES.items():
        write_page(folder, path, **parts)
    return {report.path: report.problems() for report in browser_reports(folder, list(BAD_PAGES))}


def test_the_html_gate_names_the_page_and_line_of_invalid_html(tmp_path):
    write_page(tmp_path, "good")
    write_page(tmp_path, "bad", body="<p><div>block in a paragraph</p></div>")
    errors = html_errors(tmp_path)
    assert errors and all(e.startswith("bad/index.html:1: ") for e in errors)
    assert any("No “p” element in scope" in e or "Stray end tag" in e for e in errors)


def test_a_page_that_breaks_no_gate_has_no_problem(problems):
    assert problems["fine/"] == []


def test_a_page_over_the_byte_budget_is_named_with_its_weight(problems):
    [problem] = problems["heavy/"]
    assert problem.startswith("heavy/: ") and f"over the {RENDER_BYTES_BUDGET}-byte budget" in (
        problem)


def test_a_request_to_another_host_is_named(problems):
    assert ("tracked/: requested https://tracker.example/pixel.gif from another host before "
            "the reader acted") in problems["tracked/"]


def test_a_render_blocking_stylesheet_and_a_missing_file_are_named(problems):
    assert any(p.startswith("blocked/: render-blocking request: ") and p.endswith("/style.css")
               for p in problems["blocked/"])
    assert any(p.startswith("blocked/: request failed: ") and p.endswith("/missing.png (HTTP 404)")
               for p in problems["blocked/"])


def test_an_inline_script_blocked_by_the_csp_is_a_console_error(problems):
    assert any(p.startswith("injected/: console error: ") and "Content Security Policy" in p
               for p in problems["injected/"])


def test_an_accessibility_violation_is_named_with_its_axe_rule(problems):
    assert any(p.startswith("no-alt/: axe: image-alt (critical)") for p in problems["no-alt/"])


def test_lighthouse_names_the_category_and_the_audits_under_100(tmp_path):
    chromium_or_skip()
    write_page(tmp_path, "weak", body='<p style="color:#bbb;background:#fff">Faint text</p>')
    results, problems, _ = lighthouse_results(tmp_path, ["weak/"])
    assert results["weak/"]["accessibility"] < 100
    assert any(p.startswith("weak/: Lighthouse accessibility") and "contrast" in p.lower()
               for p in problems)
    assert any(p.startswith("weak/: Lighthouse seo") and "meta description" in p
               for p in problems)


def test_a_lighthouse_runner_says_when_the_machine_is_measured_and_the_page_loads(tmp_path):
    """The next audit waits for that (checks/lighthouse.py, Turn): were the
    runner never to say it, the audits would run one at a time."""
    chromium_or_skip()
    write_page(tmp_path / "site", "page")
    told = []
    with served(tmp_path / "site") as base:
        runner = Runner(tmp_path)
        try:
            report = runner.audit(7, f"{base}/page/", PRESET_CPU_SLOWDOWN,
                                  benchmarked=lambda: told.append("benchmarked"))
        finally:
            runner.close()
    runner.check()
    assert told == ["benchmarked"]
    assert report["requestedUrl"] == f"{base}/page/"
    assert report["environment"]["benchmarkIndex"] > 0


@pytest.mark.parametrize("benchmark_index, slowdown", [
    (2500, PRESET_CPU_SLOWDOWN),  # a fast desktop keeps the preset
    (1750, 4.0),  # the desktop the preset is made for
    (875, 2.0),  # half as fast: half the slowdown for the same phone
    (300, 1.0),  # slower than the phone itself: never sped up
])
def test_the_cpu_slowdown_is_calibrated_to_the_machine_as_lighthouse_measured_it(
        benchmark_index, slowdown):
    assert calibrated_slowdown({"environment": {"benchmarkIndex": benchmark_index}}) == slowdown
