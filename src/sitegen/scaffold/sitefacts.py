"""What the scaffolder needs to know about a site, read from disk, and checks against it."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from sitegen.build import load_project_config
from sitegen.config import SiteConfig
from sitegen.fields import did_you_mean
from sitegen.project import Project
from sitegen.scaffold.errors import RefusedError, UsageError
from sitegen.scaffold.translation import path_key, read_front_matter
from sitegen.sources import AUTHORS_FOLDER, is_ignored_name, walk_files


@dataclass(frozen=True, slots=True)
class SiteFacts:
    """The site's configuration, author ids and the translation keys already in use."""

    config: SiteConfig
    authors: frozenset[str]
    keys: Mapping[str, Mapping[str, str]]
    """Language -> translation key (written or implied by the path) -> article path."""

    @property
    def keys_in_use(self) -> set[str]:
        return {key for per_lang in self.keys.values() for key in per_lang}

    def require_lang(self, lang: str) -> None:
        _require("language", lang, self.config.languages_by_code, "languages are set in site.yaml")

    def require_section(self, section: str) -> None:
        _require("section", section, self.config.sections, "sections are set in site.yaml")

    def require_author(self, author: str) -> None:
        _require("author", author, self.authors, "authors live in content/authors/<id>.yaml")


def _require(kind: str, value: str, known: Collection[str], where: str) -> None:
    if value not in known:
        raise UsageError(f"unknown {kind} {value!r}", f"{did_you_mean(value, known)} — {where}")


def read_site_facts(project: Project) -> SiteFacts:
    """Read site.yaml, the author ids and every article's translation key."""
    config = load_project_config(project)
    return SiteFacts(config, frozenset(author_ids(project)),
                     {lang: translation_keys(project, lang) for lang in config.languages_by_code})


def author_ids(project: Project) -> list[str]:
    """Ids of the authors: the names of content/authors/*.yaml."""
    folder = project.content / AUTHORS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(path.stem for path in folder.iterdir()
                  if path.suffix in (".yaml", ".yml") and not is_ignored_name(path.name))


def translation_keys(project: Project, lang: str) -> dict[str, str]:
    """Translation key -> path of every readable article of one language."""
    folder = project.content / lang
    keys: dict[str, str] = {}
    if not folder.is_dir():
        return keys
    for path in walk_files(folder, project.root, suffix=".md"):
        relative = project.relative(path)
        keys.setdefault(written_key(path.read_bytes(), relative) or path_key(relative), relative)
    return keys


def written_key(raw: bytes, path: str) -> str:
    """The translation_key in a file's front matter; '' when there is none or it is unreadable."""
    try:
        front_matter, _ = read_front_matter(raw, path)
    except RefusedError:
        return ""
    key = front_matter.get("translation_key")
    return key.strip() if isinstance(key, str) else ""
