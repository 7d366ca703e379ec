"""``python -m sphinx_nativeapi.scanner.worker``: scan platforms given as JSON on stdin, print JSON.

The scanner runs one of these per core when a project has several platforms (see
``scanner._scan_platforms``); it is no user command.
"""

from __future__ import annotations

import json
import sys

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.scanner import scan_in_worker


def main() -> int:
    try:
        sys.stdout.write(json.dumps(scan_in_worker(json.load(sys.stdin))))  # one write, not thousands
    except NativeApiError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
