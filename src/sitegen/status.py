"""Translation status: UI catalogs, missing articles and stale translations, per language."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from sitegen.i18n import SOURCE_LANGUAGE
from sitegen.model import Article
from sitegen.site import Site


@dataclass(frozen=True, slots=True)
class StaleTranslation:
    translation: str
    """Source path of the translation that lags behind."""
    original: str
    reason: str


@dataclass(frozen=True, slots=True)
class LanguageStatus:
    """How far one language is translated."""

    lang: str
    ui_total: int
    ui_translated: int
    missing_articles: tuple[str, ...]
    """Source paths of originals with no version in this language."""
    stale: tuple[StaleTranslation, ...]

    @property
    def ui_percent(self) -> float:
        return 100.0 if not self.ui_total else round(100 * self.ui_translated / self.ui_total, 1)

    def as_json(self) -> dict[str, object]:
        return {"lang": self.lang, "ui_total": self.ui_total,
                "ui_translated": self.ui_translated, "ui_percent": self.ui_percent,
                "missing_articles": list(self.missing_articles),
                "stale": [{"translation": s.translation, "original": s.original,
                           "reason": s.reason} for s in self.stale]}


def untranslated_ids(template: Catalog, catalog: Catalog, lang: str) -> list[str]:
    """Msgids of the templates with no usable translation in catalog."""
    if lang == SOURCE_LANGUAGE:
        return []
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        strings = found.string if found else None
        done = all(strings) if isinstance(strings, (tuple, list)) else bool(strings)
        if not found or found.fuzzy or not done:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def translation_status(
    site: Site, template: Catalog, catalogs: Mapping[str, Catalog],
    commit_times: Mapping[str, int],
) -> list[LanguageStatus]:
    """Status of every language of the site."""
    statuses = []
    default = site.config.default_language
    for language in site.config.languages:
        lang = language.code
        total = sum(1 for m in template if m.id)
        missing_ui = untranslated_ids(template, catalogs[lang], lang)
        missing, stale = [], []
        for versions in sorted(site.translations.values(), key=lambda v: sorted(v.values())):
            original = site.articles[versions.get(default) or _earliest(site, versions)]
            if lang not in versions:
                missing.append(original.source)
            elif versions[lang] != original.source:
                reason = _staleness(original, site.articles[versions[lang]], commit_times)
                if reason:
                    stale.append(StaleTranslation(versions[lang], original.source, reason))
        statuses.append(LanguageStatus(lang, total, total - len(missing_ui),
                                       tuple(sorted(missing)),
                                       tuple(sorted(stale, key=lambda s: s.translation))))
    return statuses


def git_state_files(root: Path) -> list[Path]:
    """Files that change when a commit is made or checked out (for the up-to-date check)."""
    return [root / ".git" / "HEAD", root / ".git" / "logs" / "HEAD"]


def git_commit_times(root: Path) -> dict[str, int]:
    """Last commit time of every file, by project-relative path; empty outside git."""
    try:
        log = subprocess.run(
            ["git", "-C", str(root), "log", "--format=@%ct", "--name-only", "--no-renames",
             "--relative", "--", "content"],
            capture_output=True, text=True, check=True, timeout=120).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    times: dict[str, int] = {}
    stamp = 0
    for line in log.splitlines():
        if line.startswith("@"):
            stamp = int(line[1:])
        elif line.strip():
            times.setdefault(line.strip(), stamp)  # newest first: keep the first seen
    return times


def _earliest(site: Site, versions: Mapping[str, str]) -> str:
    return min(versions.values(), key=lambda s: (site.articles[s].date, s))


def _staleness(original: Article, translation: Article, commits: Mapping[str, int]) -> str:
    if original.modified > translation.modified:
        return (f"the original was updated {original.modified.isoformat()}, after the "
                f"translation ({translation.modified.isoformat()})")
    original_commit = commits.get(original.source)
    translation_commit = commits.get(translation.source)
    if original_commit and translation_commit and original_commit > translation_commit:
        return "the original was committed after the translation"
    return ""
