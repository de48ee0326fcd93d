"""Nothing was dropped when the gates began to run side by side: through the
path `./dev check` and `./dev publish` take (site_tools.gates.check_sites), a
page that fails one gate fails the run, with the message each gate gave when
they ran one after another, and the run's list of what to fix names it.

The sites are a few hand-written pages (no Pelican build: the gates are what
is tested); Lighthouse audits one page, and only once every other gate
has passed."""

import random
import re
import string

from test_quality_gates import write_page

from checks.browser import RENDER_BYTES_BUDGET
from conftest import chromium_or_skip
from site_tools.build import Failed
from site_tools.gates import PASSED, check_sites

DESCRIBED = '<meta name="description" content="A page of the test site.">'


def good_site(folder):
    write_page(folder, "", body='<p><a href="/good/">Good</a></p>', head=DESCRIBED)
    write_page(folder, "good", body="<p>All is well.</p>", head=DESCRIBED)


def run_gates(tmp_path, capsys, production=good_site, development=good_site,
              lighthouse_pages=("good/",)):
    """check_sites on a production site and a development site made by
    `production` and `development` (each writes pages into a folder): the
    Failed it raised (None if it passed), and what it printed."""
    chromium_or_skip()
    production_output = tmp_path / "production"
    production(production_output)

    def build_development(folder):
        print("Done: the development site.")
        development(folder)

    failed = None
    try:
        check_sites(production_output, "", build_development, list(lighthouse_pages),
                    tools_ready=True)
    except Failed as error:
        failed = error
    printed = capsys.readouterr()
    return failed, printed.out, printed.err


def problems_listed(failed):
    return [problem["what"] for problem in failed.problems]


def test_a_broken_internal_link_fails_the_run_before_the_development_site_is_told(
        tmp_path, capsys):
    def with_broken_link(folder):
        good_site(folder)
        write_page(folder, "lost", body='<p><a href="/no-such-page/">Gone</a></p>',
                   head=DESCRIBED)

    failed, out, err = run_gates(tmp_path, capsys, production=with_broken_link)

    message = "lost/index.html: link '/no-such-page/' goes to a page that does not exist"
    assert failed is not None and "1 problem(s) found by the checks" in failed.message
    assert problems_listed(failed) == [message]
    assert err.splitlines() == [message]
    # As one after another: the production site's HTML is told, nothing after it.
    assert out.splitlines() == [PASSED["html"]]


def test_invalid_html_of_the_development_site_fails_the_run_naming_page_and_line(
        tmp_path, capsys):
    def with_invalid_html(folder):
        good_site(folder)
        write_page(folder, "bad", body="<p><div>block in a paragraph</p></div>",
                   head=DESCRIBED)

    failed, out, err = run_gates(tmp_path, capsys, development=with_invalid_html)

    assert failed is not None
    assert problems_listed(failed) and all(
        problem.startswith("bad/index.html:1: ") for problem in problems_listed(failed))
    assert err.splitlines() == problems_listed(failed)
    # One Java checked both sites: the production site's pages are valid, and
    # the development site's error is told as the development site's.
    assert out.splitlines() == [PASSED["links"], PASSED["html"], "Done: the development site.",
                                PASSED["links"], PASSED["browser"],
                                "Lighthouse: not run, since a check above failed."]


def test_an_axe_violation_and_a_page_over_the_byte_budget_both_fail_the_run(
        tmp_path, capsys):
    # Random letters barely compress: 40,000 of them are about 24 KB gzipped.
    text = "".join(random.Random(1).choices(string.ascii_lowercase + " ", k=40000))

    def with_browser_problems(folder):
        good_site(folder)
        # Valid HTML, but a screen reader cannot name the link.
        write_page(folder, "no-name", body='<p><a href="/good/"></a></p>', head=DESCRIBED)
        write_page(folder, "heavy", body=f"<p>{text}</p>", head=DESCRIBED)

    failed, out, err = run_gates(tmp_path, capsys, development=with_browser_problems)

    problems = problems_listed(failed)
    assert [p for p in problems if p.startswith("no-name/: axe: link-name (serious)")]
    assert [p for p in problems if p.startswith("heavy/: ")
            and p.endswith(f"over the {RENDER_BYTES_BUDGET}-byte budget")]
    assert len(problems) == 2 and err.splitlines() == problems
    assert PASSED["browser"] not in out
    assert out.splitlines()[-1] == "Lighthouse: not run, since a check above failed."


# Half a second of script on the main thread once the page has loaded: a
# long task on any phone, whatever the CPU slowdown.
BLOCKING_SCRIPT = ("<script>addEventListener('load', () => setTimeout(() => "
                   "{ const end = performance.now() + 500; while (performance.now() < end); "
                   "}, 0))</script>")


def test_a_lighthouse_score_under_100_fails_the_run_naming_the_category_and_audit(
        tmp_path, capsys):
    """The gate's messages for each category are test_quality_gates.py's;
    here, one that varies with the machine, through the parallel path."""
    def with_a_slow_page(folder):
        good_site(folder)
        write_page(folder, "slow", body=f"<p>Wait.</p>{BLOCKING_SCRIPT}", head=DESCRIBED)

    failed, out, err = run_gates(tmp_path, capsys, development=with_a_slow_page,
                                 lighthouse_pages=("slow/",))

    # A slow page stays slow when audited again on the phone calibrated to
    # this machine's speed, and the problem says at what slowdown; the log
    # says it was audited twice (a run's time varies with that).
    assert failed is not None
    [slow] = problems_listed(failed)
    assert slow.startswith("slow/: Lighthouse performance ") and "Total Blocking Time" in slow
    assert "(its best run, the CPU slowed " in slow
    assert err.splitlines() == [slow]
    assert out.splitlines()[-3:-1] == [PASSED["html"], PASSED["browser"]]
    assert re.fullmatch(r"slow/: Lighthouse performance \d+ with the CPU slowed 4×, so "
                        r"audited again, alone, slowed [\d.]+×: \d+\.", out.splitlines()[-1])
