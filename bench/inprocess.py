"""The in-process child: Builder.build after edits, timed as the serve loop sees them.

    python bench/inprocess.py SPEC_JSON   (run by run.py under the measured engine)
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import timezone
from pathlib import Path

from measuring import cpu_seconds

CLOCK = "2026-01-01T00:00:00Z"


# --- the in-process child (what the serve loop does) -------------------------

def edit_body(path: Path, original: str, mark: str) -> None:
    """Append one sentence to the article's body."""
    path.write_text(original.rstrip("\n") + f"\n\nOne more sentence, {mark}.\n",
                    encoding="utf-8")


def edit_headline(path: Path, original: str, mark: str) -> None:
    """Append a word to the article's headline (front matter: headline: "...")."""
    lines = original.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("headline: "))
    headline = json.loads(lines[index].removeprefix("headline: "))
    lines[index] = "headline: " + json.dumps(f"{headline} {mark}", ensure_ascii=False)
    path.write_text("\n".join(lines), encoding="utf-8")


EDITS: dict[str, Callable[[Path, str, str], None]] = {"body": edit_body,
                                                       "headline": edit_headline}


def inprocess_main(spec_json: str) -> int:
    """Time Builder.build([changed]) after each edit, after one warm-up; print JSON times."""
    from sitegen.build import Builder, BuildOptions  # the child runs under sitegen's Python
    from sitegen.dates import parse_datetime
    from sitegen.parallel import default_jobs
    from sitegen.project import Project

    spec = json.loads(spec_json)
    source, changed = Path(spec["source"]), Path(spec["path"])
    clock = parse_datetime(CLOCK, timezone.utc)
    options = BuildOptions(clock=clock, jobs=spec["jobs"] or default_jobs())
    builder = Builder(Project(source), source / "public", options, now=lambda: clock)
    original = changed.read_text(encoding="utf-8")
    builder.build([changed])
    times = []
    try:
        for run in range(spec["runs"]):
            EDITS[spec["edit"]](changed, original, f"in-process {run + 1}")
            cpu, started = cpu_seconds(), time.perf_counter()
            builder.build([changed])
            times.append({"seconds": time.perf_counter() - started,
                          "cpu_seconds": cpu_seconds() - cpu})
    finally:
        changed.write_text(original, encoding="utf-8")
    print(json.dumps(times))
    return 0



if __name__ == "__main__":
    sys.exit(inprocess_main(sys.argv[1]))
