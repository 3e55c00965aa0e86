"""Problems found in the input, carrying the path, line and a hint to fix them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from sitegen.pickling import pickled_by_fields

Severity = Literal["error", "warning"]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about one input file."""

    path: str
    """Path of the file at fault, relative to the project where possible."""
    line: int | None
    """1-based line of the offending key or text, if known."""
    message: str
    """What is wrong, in one sentence."""
    hint: str = ""
    """How to fix it."""
    col: int | None = None
    """1-based column, if known."""
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line or 0, self.col or 0, self.message)


class BuildError(Exception):
    """Raised when the input has errors; carries every problem found in the run."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=Problem.sort_key))
        super().__init__("\n".join(str(p) for p in self.problems))


def errors_in(problems: Sequence[Problem]) -> list[Problem]:
    """The problems that stop a build."""
    return [p for p in problems if p.severity == "error"]


def raise_if_errors(problems: Sequence[Problem]) -> None:
    """Raise BuildError if any problem is an error."""
    if errors_in(problems):
        raise BuildError(problems)
