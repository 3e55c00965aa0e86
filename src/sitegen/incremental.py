"""Page records: which inputs each output page was made from, so unchanged pages are reused.

Every page gets a structure signature (the route, the lists it shows, and a digest of
templates, catalogs, configuration and authors) and the digests of the articles it read
while rendering. A later build re-renders a page only when one of those has changed; the
result must equal a clean build, which the tests check.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen import __version__
from sitegen.cache import engine_digest
from sitegen.model import Article
from sitegen.pickling import pickled_by_fields
from sitegen.routes import Route
from sitegen.site import Site
from sitegen.urls import Urls

RECORDS_FILE = "pages.pickle"
_FORMAT = 1


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PageRecord:
    """What one output page was made from."""

    structure: str
    reads: tuple[tuple[str, str], ...]
    """(article source, article digest) pairs the page read while rendering."""
    file: tuple[int, int, int] | None = None
    """Identity of the output file this record vouches for (see file_identity)."""


def digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def files_digest(paths: Iterable[Path]) -> str:
    """Digest of the bytes and names of files (templates, catalogs, configuration)."""
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(paths):
        hasher.update(str(path).encode() + b"\0")
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def article_digests(site: Site, urls: Urls) -> dict[str, str]:
    """Per article: its content, URL, clock state, and the URLs of articles it links to."""
    return {source: article_digest(article, site, urls)
            for source, article in site.articles.items()}


def article_digest(article: Article, site: Site, urls: Urls) -> str:
    """What a page that reads article depends on, as one digest (see article_digests)."""
    linked = tuple(sorted(
        (link.target, urls.article(site.articles[link.target]))
        for link in article.links if link.article and link.target in site.articles))
    scheduled = article.visible_from > site.clock
    return digest(article.digest, urls.article(article), scheduled, linked)


def structure_of(route: Route, site: Site, inputs: str) -> str:
    """Everything a page shows that is not the content of the articles it reads."""
    extra: object = ()
    if route.kind in ("article", "fallback"):
        article = site.articles[route.subject]
        extra = (site.related.get(route.subject), sorted(site.translations_of(article).items()))
    elif route.kind == "home":
        extra = tuple(site.by_section.get((route.lang, s), ())[:32] for s in site.config.sections)
    elif route.kind == "tags":
        extra = sorted((k, len(v)) for k, v in site.by_tag.items() if k[0] == route.lang)
    return digest(inputs, route, extra)


def reusable(record: PageRecord | None, structure: str, digests: Mapping[str, str],
             live: str | Path | None) -> bool:
    """True when none of the record's inputs changed and it describes the live file.

    live None: the caller wrote the output itself and knows the record describes it.
    """
    return (record is not None and record.structure == structure
            and all(digests.get(source) == value for source, value in record.reads)
            and (live is None or (record.file is not None
                                  and record.file == file_identity(live))))


def file_identity(path: str | Path) -> tuple[int, int, int] | None:
    """Inode, size and modification time: the output is never rewritten in place, so a file
    with the same identity still holds the bytes a record describes."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def load_records(path: Path, stamp: str) -> dict[str, PageRecord]:
    try:
        stored_stamp, records = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - a missing or broken record file means: render all
        return {}
    return records if stored_stamp == stamp and isinstance(records, dict) else {}


def save_records(path: Path, stamp: str, records: Mapping[str, PageRecord]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(pickle.dumps((stamp, dict(records)), pickle.HIGHEST_PROTOCOL))
    os.replace(temporary, path)


def records_stamp(out: Path) -> str:
    """Records are only valid for the output folder they describe."""
    return digest(_FORMAT, __version__, engine_digest(), str(out.resolve()))
