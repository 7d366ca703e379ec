"""The one error type a user sees: it names the file (or option) and the problem, never a traceback."""

from __future__ import annotations


class NativeApiError(Exception):
    """Bad input: a missing or malformed file, an unknown platform, a wrong option.

    The CLI prints it as one line on stderr and exits 2; the Sphinx extension turns it into a warning at
    the directive or the config value that caused it.
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.problem = message
