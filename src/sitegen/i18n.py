"""Gettext catalogs for UI strings: read from .po, compiled in memory, with fallbacks."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

SOURCE_LANGUAGE = "en"
"""Language of the msgids written in the templates."""
CATALOG_FOLDER = "locales"
DOMAIN = "messages"


@dataclass(frozen=True, slots=True)
class CatalogStatus:
    """How complete one language's catalog is."""

    lang: str
    total: int
    translated: int

    @property
    def missing(self) -> int:
        return self.total - self.translated


def catalog_path(templates: Path, lang: str) -> Path:
    return templates / CATALOG_FOLDER / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, locale: str) -> Catalog:
    """Read a .po file; an absent file is an empty catalog."""
    if not path.is_file():
        return Catalog(locale=locale, domain=DOMAIN)
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def compile_catalog(catalog: Catalog) -> Translations:
    """Compile a catalog to gettext translations in memory, skipping fuzzy entries."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def find_catalog(template_dirs: Sequence[Path], lang: str) -> Path:
    """The catalog of lang in the first template folder that has one."""
    for folder in template_dirs:
        if catalog_path(folder, lang).is_file():
            return catalog_path(folder, lang)
    return catalog_path(template_dirs[0], lang) if template_dirs else Path("/nonexistent")


def load_catalogs(
    template_dirs: Sequence[Path], locales: Mapping[str, str]
) -> dict[str, Catalog]:
    return {lang: read_catalog(find_catalog(template_dirs, lang), locale)
            for lang, locale in locales.items()}


def load_translations(
    catalogs: Mapping[str, Catalog], default_lang: str
) -> dict[str, NullTranslations]:
    """Translations per language; a missing string falls back to the default language."""
    result: dict[str, NullTranslations] = {}
    for lang, catalog in catalogs.items():
        translations = compile_catalog(catalog)
        if lang not in (default_lang, SOURCE_LANGUAGE) and default_lang in catalogs:
            translations.add_fallback(compile_catalog(catalogs[default_lang]))
        result[lang] = translations
    return result


def catalog_status(catalog: Catalog, lang: str) -> CatalogStatus:
    """Share of messages with a non-fuzzy translation (all of them in the source language)."""
    messages = [m for m in catalog if m.id]
    if lang == SOURCE_LANGUAGE:
        return CatalogStatus(lang, len(messages), len(messages))
    done = [m for m in messages if not m.fuzzy and _is_translated(m.string)]
    return CatalogStatus(lang, len(messages), len(done))


def _is_translated(string: object) -> bool:
    if isinstance(string, (tuple, list)):
        return all(bool(s) for s in string)
    return bool(string)
