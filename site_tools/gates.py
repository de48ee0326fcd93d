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

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
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


PASSED = {
    "links": "Internal links: all resolve.",
    "html": "HTML: every page is valid.",
    "browser": "Browser: no outside request, no error, no axe violation, within budget.",
    "lighthouse": "Lighthouse: 100 in all four categories.",
}


def report_gate(gate, problems):
    """Print each problem one gate found, or that it passed; the problems."""
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(PASSED[gate])
    return problems


def fail_if_found(found):
    if found:
        raise Failed(f"\n{len(found)} problem(s) found by the checks: see above.",
                     [{"what": problem} for problem in found])


def build_and_check(project, production_settings, development_settings, output, siteurl,
                    lighthouse_pages, verbose=False):
    """The strict production build into `output` (and the development build
    beside it), then every check on it (check_built_site)."""
    tools_ready = quality_tools_ready(project)
    build_with_development(project, production_settings, development_settings, output, verbose)
    check_built_site(project, development_settings, output, siteurl, lighthouse_pages,
                     tools_ready, verbose)


def development_beside(output):
    """Where build_with_development puts the development build of the sources
    it builds into `output`."""
    return Path(output).with_name(f"{Path(output).name}-development")


def build_with_development(project, production_settings, development_settings, output,
                           verbose=False):
    """The strict production build into `output` and, at the same time, the
    development build of the same sources that the checks load in browsers,
    beside it (development_beside): two Pelicans on two cores take about the
    time of one (the real site: 1.0 s alone, 1.0 to 1.15 s both,
    1.9 to 2.1 s one after the other). The production build tells its
    problems as build_strictly does; the development build's messages are
    held back, and when it fails its folder is removed, so that the checks
    build it again and tell its problems in their turn (check_sites)."""
    development = development_beside(output)
    shutil.rmtree(development, ignore_errors=True)

    def build_development():
        # Into streams of its own, not quietly()'s redirection of the whole
        # process: the production build prints meanwhile.
        try:
            build_strictly(project, development_settings, development, verbose,
                           io.StringIO(), io.StringIO())
        except Exception:  # Failed, or worse: the checks build it again and tell why
            shutil.rmtree(development, ignore_errors=True)

    with ThreadPoolExecutor(max_workers=1) as beside:
        beside.submit(build_development)
        build_strictly(project, production_settings, output, verbose)


def check_built_site(project, development_settings, output, siteurl, lighthouse_pages,
                     tools_ready, verbose=False):
    """Every check of a production build in `output` (check_sites), with a
    development build of the same sources for the browsers: the one
    build_with_development made beside it, else one made now. check and
    publish both run this, so a check added in check_sites guards both."""
    made_beside = development_beside(output)

    def build_development(folder):
        if made_beside.is_dir():
            return made_beside
        build_strictly(project, development_settings, folder, verbose)
        return folder

    check_sites(output, siteurl, build_development, lighthouse_pages, tools_ready)


def check_sites(output, siteurl, build_development, lighthouse_pages, tools_ready):
    """Every check of a production build in `output`: internal links and, with
    the tools, valid HTML on it; then the same two, every page in a real
    Chromium (no outside or failed request, nothing render-blocking, no
    console or CSP error, no axe violation, the article byte budget) and
    Lighthouse's four scores on `lighthouse_pages`, on the development build
    that build_development(folder) makes of the same sources, whose relative
    links can be served here (build_development returns the folder, None
    meaning the one it was given: a site it made before may be elsewhere).
    Raises Failed when any fails.

    The gates share nothing but the built sites, so they run side by side:
    one Java checks both sites while the pages load in tabs of one Chromium
    (checks/browser.py). Lighthouse comes after them (checks/lighthouse.py):
    it measures time, which the others' work on the same cores would cost
    it, and it is not wanted when they failed. The development site is served once for both
    browsers. What they find is told as if they had run one after another:
    the production site's problems stop the run before anything of the
    development site's is told (a broken link on it, before the development
    site's gates start), and Lighthouse runs only when every other check
    passed (nothing is published until that is fixed, and the next run
    audits). Whatever is not told is stopped, not waited for."""
    from checks.browser import browser_problems, served
    from checks.html_valid import html_errors_by_folder
    from checks.lighthouse import lighthouse_results
    from checks.links import broken_internal_links
    from checks.stopping import Stop

    output = Path(output).resolve()
    stop = Stop()
    # Left in reverse order: the gates end before the server and the folder go.
    with (tempfile.TemporaryDirectory() as scratch, contextlib.ExitStack() as serving,
          ThreadPoolExecutor(max_workers=4) as gates):
        try:
            links = gates.submit(broken_internal_links, output, siteurl)
            development = Path(scratch).resolve() / "development"
            build_log, built_in, build_failure = quietly(build_development, development)
            development = Path(built_in or development).resolve()
            # A broken link on the production site ends the run once its HTML
            # is checked too: the development site's gates are not started.
            built = build_failure is None and not links.result()
            if tools_ready:
                sites = [output, development] if built else [output]
                html = gates.submit(html_errors_by_folder, sites, stop)
            if built:
                base = serving.enter_context(served(development))
                development_links = gates.submit(broken_internal_links, development)
                if tools_ready:
                    browser = gates.submit(browser_problems, development, base=base, stop=stop)

            found = report_gate("links", links.result())
            if tools_ready:
                found += report_gate("html", html.result()[output])
            fail_if_found(found)
            for stream, printed in zip((sys.stdout, sys.stderr), build_log, strict=True):
                stream.write(printed.getvalue())
            if build_failure is not None:
                raise build_failure
            found = report_gate("links", development_links.result())
            if tools_ready:
                found += report_gate("html", html.result()[development])
                found += report_gate("browser", browser.result())
                if found:
                    print("Lighthouse: not run, since a check above failed.")
                else:
                    audited = lighthouse_results(development, lighthouse_pages, base=base,
                                                 stop=stop)
                    for note in audited.notes:
                        print(note)
                    found += report_gate("lighthouse", audited.problems)
            fail_if_found(found)
        finally:
            stop.set()


def quietly(step, *args):
    """Run step, holding back what it prints (to tell it in its turn): what
    it printed (out, err), what it returned, and the Failed it raised or
    None. Only this thread prints meanwhile: the gates running beside it
    print nothing, check_sites tells their results."""
    printed = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(printed[0]), contextlib.redirect_stderr(printed[1]):
            returned = step(*args)
    except Failed as failed:
        return printed, None, failed
    return printed, returned, None


def build_strictly(project, settings, output, verbose=False, out=None, err=None):
    built = pelican_run(project, settings, output, verbose, fatal=True, out=out, err=err)
    if not built.succeeded:
        raise Failed(f"The build with {Path(settings).name} failed: nothing was checked "
                     "further. To see Pelican's own messages, add --verbose.", built.problems)
