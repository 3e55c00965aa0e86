"""Up-to-date check: a build whose inputs and output are as the last build left them is
skipped, as make and ninja skip a target that is newer than its sources.

After a good build, the identity (inode, size, modification time) of every input file and
every output file is recorded with the options, the engine and the span of clock times for
which the site looks the same. The next build with the same options compares them: a file
added, removed or touched anywhere, a different engine, or the clock reaching a scheduled
publication, an expiry or the edge of the news sitemap's window means a real build.

Identities taken at the start of a build are compared, so an edit made while it runs is
seen by the next one; a file modified in the last seconds before the build is not trusted
(its next edit could keep the same time stamp), so no record is written then.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import babel
import jinja2
import markdown
import pyromark

from sitegen import __version__
from sitegen.cache import engine_digest
from sitegen.model import Article
from sitegen.project import Project
from sitegen.report import BuildReport
from sitegen.sitemaps import NEWS_WINDOW
from sitegen.status import git_state_files
from sitegen.theme import static_dirs, template_dirs

RECORD_FILE = "uptodate.pickle"
RACY_SECONDS = 2
"""Inputs changed this recently before a build are not trusted to show their next change."""

Identities = dict[str, tuple[int, int, int]]


@dataclass(frozen=True, slots=True)
class ClockSpan:
    """Clock times at which the site is the same: (after, before), open at both ends, or
    exactly at, when the build's clock itself was a moment of change."""

    after: datetime | None
    before: datetime | None
    at: datetime | None = None

    def holds(self, clock: datetime) -> bool:
        if self.at is not None:
            return clock == self.at
        return ((self.after is None or self.after < clock)
                and (self.before is None or clock < self.before))


@dataclass(frozen=True, slots=True)
class BuildRecord:
    """What a good build read and wrote, and what it reported."""

    key: str
    inputs: Identities
    outputs: Identities
    span: ClockSpan
    report: BuildReport


def clock_span(articles: Iterable[Article], clock: datetime) -> ClockSpan:
    """The clock times around clock at which every article is shown, hidden, scheduled and
    in or out of the news sitemap as it is at clock."""
    moments: set[datetime] = set()
    for article in articles:
        moments.update((article.visible_from, article.date, article.date + NEWS_WINDOW))
        if article.expire_at is not None:
            moments.add(article.expire_at)
    if clock in moments:
        return ClockSpan(None, None, clock)
    return ClockSpan(max((m for m in moments if m < clock), default=None),
                     min((m for m in moments if m > clock), default=None))


def record_key(project: Path, out: Path, options: object) -> str:
    """Everything but files and clock that decides the output."""
    return hashlib.blake2b(repr((
        __version__, engine_digest(), markdown.__version__, pyromark.__version__,
        jinja2.__version__,
        babel.__version__, str(project.resolve()), str(out.resolve()), options,
    )).encode(), digest_size=20).hexdigest()


def record_path(project: Project, out: Path) -> Path:
    """Where the record of the last build into out is kept."""
    name = hashlib.blake2b(str(out.resolve()).encode(), digest_size=6).hexdigest()
    return project.cache / f"{name}-{RECORD_FILE}"


def input_identities(project: Project) -> Identities:
    """Every file a build reads: configuration, content, templates, catalogs, static files
    (the theme's too) and the git state the translation status report reads."""
    return identities([project.content, *template_dirs(project), *static_dirs(project)],
                      [project.config_path, *git_state_files(project.root)])


def identities(folders: Iterable[Path], files: Iterable[Path] = ()) -> Identities:
    """Identity of every file below folders (links followed) and of the given files."""
    found: Identities = {}
    for folder in folders:
        for directory, _, names in os.walk(folder, followlinks=True):
            for name in names:
                _add(found, os.path.join(directory, name))
    for file in files:
        _add(found, str(file))
    return found


def _add(found: Identities, path: str) -> None:
    try:
        info = os.stat(path)
    except OSError:
        return
    found[path] = (info.st_ino, info.st_size, info.st_mtime_ns)


def is_racy(inputs: Identities, started_ns: int) -> bool:
    """True when an input changed so shortly before the build that a later edit might not
    change its modification time."""
    limit = started_ns - RACY_SECONDS * 1_000_000_000
    return any(mtime >= limit for _, _, mtime in inputs.values())


def load_record(path: Path, key: str) -> BuildRecord | None:
    try:
        record = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - a missing or broken record means: build
        return None
    return record if isinstance(record, BuildRecord) and record.key == key else None


def save_record(path: Path, record: BuildRecord) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(pickle.dumps(record, pickle.HIGHEST_PROTOCOL))
    os.replace(temporary, path)


def now_ns() -> int:
    return time.time_ns()
