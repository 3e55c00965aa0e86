"""BuildReport: the figures of a finished build, for the summary line and --report-json."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sitegen.errors import Problem
from sitegen.output import WriteReport


@dataclass(frozen=True, slots=True)
class BuildReport:
    """Figures of a finished build, for the summary line and --report-json."""

    pages: Counter[tuple[str, str]]
    """(language, kind) -> number of pages."""
    warnings: tuple[Problem, ...]
    written: WriteReport
    seconds: float
    hidden: int = 0
    next_change: datetime | None = None
    """When the output will next change by itself: a scheduled publication or an expiry."""
    up_to_date: bool = False
    """Nothing changed since the last build, which was kept as it was."""

    def as_json(self) -> dict[str, object]:
        """The figures for --report-json."""
        return {
            "pages": {f"{lang}/{kind}": n for (lang, kind), n in sorted(self.pages.items())},
            "pages_total": sum(self.pages.values()),
            "files_written": self.written.written,
            "files_unchanged": self.written.unchanged,
            "articles_left_out": self.hidden,
            "warnings": [str(w) for w in self.warnings],
            "seconds": round(self.seconds, 3),
            "next_change": self.next_change.isoformat() if self.next_change else None,
            "up_to_date": self.up_to_date,
        }
