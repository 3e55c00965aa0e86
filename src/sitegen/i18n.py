"""Gettext catalogs for UI strings: read from .po, compiled in memory, with fallbacks."""

from __future__ import annotations

import io
from collections.abc import Mapping
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


def load_translations(
    templates: Path, locales: Mapping[str, str], default_lang: str
) -> dict[str, NullTranslations]:
    """Translations per language; a missing string falls back to the default language."""
    compiled = {
        lang: compile_catalog(read_catalog(catalog_path(templates, lang), locale))
        for lang, locale in locales.items()
    }
    result: dict[str, NullTranslations] = {}
    for lang, translations in compiled.items():
        if lang != default_lang and lang != SOURCE_LANGUAGE and default_lang in compiled:
            chained = compile_catalog(read_catalog(catalog_path(templates, default_lang),
                                                   locales[default_lang]))
            translations.add_fallback(chained)
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
