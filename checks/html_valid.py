"""HTML validity: every generated page passes the Nu HTML Checker (vnu.jar
from npm's vnu-jar, run with the machine's Java).

Usage: python -m checks.html_valid OUTPUT_DIR [OUTPUT_DIR ...]
"""

import json
import subprocess
import sys
from pathlib import Path

VNU_JAR = Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"
# The checker runs for seconds, not hours: Java's quick compiler alone (C1)
# and its simplest collector halve the CPU it takes (11 s to 5 s on the real
# site's two builds), same messages. The quick compiler's deeper frames need
# a larger stack than the checker's own 512 KB minimum.
JAVA_FLAGS = ["-Xss2m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def html_errors(output):
    """Every validation error of the pages in `output`, as 'page:line: message'."""
    return html_errors_by_folder([output])[Path(output).resolve()]


def html_errors_by_folder(outputs, stop=None):
    """{folder (resolved): its errors as html_errors gives them}, from one Java
    for all the folders: starting and warming up the checker costs more than
    checking a small site's pages."""
    folders = [Path(output).resolve() for output in outputs]
    checker = subprocess.Popen(
        ["java", *JAVA_FLAGS, "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
         "--skip-non-html", *map(str, folders)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    if stop is not None:
        stop.on_stop(checker.kill)
    stdout, stderr = checker.communicate()
    messages = json.loads(stderr or stdout or '{"messages": []}')["messages"]
    errors = {folder: [] for folder in folders}
    for message in messages:
        file = message.get("url", "").removeprefix("file:")
        # The deepest folder holding the file: one folder may hold another.
        folder = max((f for f in folders if file.startswith(f"{f}/")),
                     key=lambda f: len(str(f)), default=folders[0])
        page = file.removeprefix(f"{folder}/")
        errors[folder].append(f"{page}:{message.get('lastLine', '?')}: {message['message']}")
    return errors


def main(argv):
    errors = [error for folder_errors in html_errors_by_folder(argv[1:]).values()
              for error in folder_errors]
    for error in errors:
        print(error, file=sys.stderr)
    print(f"{len(errors)} HTML error(s)." if errors else "HTML: every page is valid.")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
