"""Why the scaffolder refused a request, and which exit code the command line returns."""

from __future__ import annotations

EXIT_CONTENT, EXIT_USAGE = 1, 2


class ScaffoldError(Exception):
    """A request refused before anything was written; message and hint are for the writer."""

    exit_code = EXIT_CONTENT

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(ScaffoldError):
    """The command line asked for something the site does not have (exit code 2)."""

    exit_code = EXIT_USAGE


class RefusedError(ScaffoldError):
    """The content stands in the way: a file exists, a translation exists (exit code 1)."""

    exit_code = EXIT_CONTENT
