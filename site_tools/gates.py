"""The quality gates over a built site, and the tools they need.

One behaviour for `test`, `check` and `publish` alike: under CI (CI=true) a
missing tool fails the run, naming the command that installs it, and
nothing is installed behind the workflow's back, so that what a run needs
is written in its workflow (.ci/run, .github/workflows/pages.yml); on a
laptop the checks whose tools are missing skip, each named with that
command. Only `./dev test` on a laptop installs what it can first (the
locked npm packages; Debian's Chromium, as root): it is the README's set-up
command.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from checks.browser import CHROMIUM
from site_tools.build import Failed, pelican_run

NPM_CI = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
# Debian's Chromium without what it recommends (a desktop's printing, power,
# notification and GPU packages: about 90 that a headless browser never uses),
# except the fonts with Arial's and Times's metrics, the pages' tested layout.
INSTALL_CHROMIUM = "apt-get install --no-install-recommends chromium fonts-liberation"


def under_ci():
    return os.environ.get("CI") == "true"


def npm_packages_installed(root):
    """node_modules holds package-lock.json's packages (npm ci writes its own
    copy of the lock file there; a newer lock file means a stale install)."""
    installed = Path(root) / "node_modules" / ".package-lock.json"
    lock = Path(root) / "package-lock.json"
    return installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime


def missing_tools(root):
    """(tool, how to get it) for each tool the HTML, browser and Lighthouse
    checks need and this machine lacks."""
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append((f"Chromium (none at {CHROMIUM})",
                        f"sudo {INSTALL_CHROMIUM}, or set CHROME_PATH to a Chromium or "
                        "Google Chrome"))
    if not shutil.which("java"):
        missing.append(("Java (for the HTML checker)",
                        "sudo apt-get install default-jre-headless"))
    if not npm_packages_installed(root):
        missing.append(("the npm packages of package-lock.json", " ".join(NPM_CI[:2])))
    return missing


def install_what_can_be_installed(root):
    if not npm_packages_installed(root) and shutil.which("npm"):
        print("Installing the quality checks' npm packages (npm ci)...")
        subprocess.run(NPM_CI, cwd=root, check=True)
    if not Path(CHROMIUM).exists() and shutil.which("apt-get") and os.geteuid() == 0:
        print("Installing Chromium for the browser checks (first run only)...")
        install_chromium()


def install_chromium():
    """INSTALL_CHROMIUM, quietly: dpkg prints lines for every package even
    under -qq, so apt's output is shown only when it fails."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], [*INSTALL_CHROMIUM.split(), "-y", "-qq"]):
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stdout + done.stderr, file=sys.stderr)
            raise Failed(f"Installing Chromium failed: `{' '.join(command)}` said what is "
                         "wrong just above.")


def quality_tools_ready(root, install=False):
    """True when every check can run; under CI, a missing tool fails. With
    install, on a laptop, installs what it can first."""
    if install and not under_ci():
        install_what_can_be_installed(root)
    missing = missing_tools(root)
    if missing and under_ci():
        raise Failed("CI must run every check, but this machine lacks:\n"
                     + "\n".join(f"  {tool}: {how}" for tool, how in missing),
                     [{"what": f"The run lacks {tool}.", "fix": f"Run {how} first."}
                      for tool, how in missing])
    if missing:
        print("Skipping the HTML, browser and Lighthouse checks: this machine lacks "
              + "; ".join(f"{tool} ({how})" for tool, how in missing) + ".")
    return not missing


def run_checks(output, siteurl="", in_browser=False, tools_ready=True, lighthouse_pages=()):
    """The checks over a built site, each naming every problem it finds:
    internal links and, with the tools, valid HTML; with in_browser, also
    every page in a real Chromium (no outside or failed request, nothing
    render-blocking, no console or CSP error, no axe violation, the article
    byte budget) and Lighthouse's four scores. Raises Failed when any fails."""
    from checks.html_valid import html_errors
    from checks.links import broken_internal_links

    gates = [("Internal links: all resolve.", lambda: broken_internal_links(output, siteurl))]
    if tools_ready:
        gates.append(("HTML: every page is valid.", lambda: html_errors(output)))
    if in_browser and tools_ready:
        from checks.browser import browser_problems
        from checks.lighthouse import lighthouse_results

        gates.append(("Browser: no outside request, no error, no axe violation, within budget.",
                      lambda: browser_problems(output)))
    found = []
    for passed_message, gate in gates:
        found += run_gate(passed_message, gate)
    if in_browser and tools_ready:
        if found:
            # A minute of audits adds nothing once a check has failed: nothing
            # is published until that is fixed, and the next run audits.
            print("Lighthouse: not run, since a check above failed.")
        else:
            found += run_gate("Lighthouse: 100 in all four categories.",
                              lambda: lighthouse_results(output, lighthouse_pages)[1])
    if found:
        raise Failed(f"\n{len(found)} problem(s) found by the checks: see above.",
                     [{"what": problem} for problem in found])


def run_gate(passed_message, gate):
    """Run one gate: print each problem it finds, or that it passed; the problems."""
    problems = gate()
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(passed_message)
    return problems


def build_and_check(project, production_settings, development_settings, output, siteurl,
                    lighthouse_pages, verbose=False):
    """The strict production build into `output`, then every check on it
    (check_built_site)."""
    tools_ready = quality_tools_ready(project)
    build_strictly(project, production_settings, output, verbose)
    check_built_site(project, development_settings, output, siteurl, lighthouse_pages,
                     tools_ready, verbose)


def check_built_site(project, development_settings, output, siteurl, lighthouse_pages,
                     tools_ready, verbose=False):
    """Every check of a production build in `output`: links and valid HTML on
    it; the browser checks and Lighthouse on a development build of the same
    sources, whose relative links can be served here. check and publish both
    run this, so a check added in run_checks guards both."""
    run_checks(output, siteurl, tools_ready=tools_ready)
    with tempfile.TemporaryDirectory() as scratch:
        development = Path(scratch) / "development"
        build_strictly(project, development_settings, development, verbose)
        run_checks(development, "", in_browser=True, tools_ready=tools_ready,
                   lighthouse_pages=lighthouse_pages)


def build_strictly(project, settings, output, verbose=False):
    built = pelican_run(project, settings, output, verbose, fatal=True)
    if not built.succeeded:
        raise Failed(f"The build with {Path(settings).name} failed: nothing was checked "
                     "further. To see Pelican's own messages, add --verbose.", built.problems)
