"""HTML validity: every generated page passes the Nu HTML Checker (vnu.jar
from npm's vnu-jar, run with the machine's Java).

Usage: python -m checks.html_valid OUTPUT_DIR
"""

import json
import subprocess
import sys
from pathlib import Path

VNU_JAR = Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"


def html_errors(output):
    """Every validation error of the pages in `output`, as 'page:line: message'."""
    output = Path(output).resolve()
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
         "--skip-non-html", str(output)],
        capture_output=True, text=True,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = []
    for message in messages:
        page = message.get("url", "").removeprefix("file:").removeprefix(str(output) + "/")
        errors.append(f"{page}:{message.get('lastLine', '?')}: {message['message']}")
    return errors


def main(argv):
    errors = html_errors(argv[1])
    for error in errors:
        print(error, file=sys.stderr)
    print(f"{len(errors)} HTML error(s)." if errors else "HTML: every page is valid.")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
