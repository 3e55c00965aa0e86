"""Maintaining the .po catalogs: extract UI strings from templates, update every language."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from sitegen.cache import engine_digest
from sitegen.fragments import TEMPLATE_EXTENSIONS
from sitegen.i18n import DOMAIN, catalog_path, read_catalog
from sitegen.incremental import files_digest
from sitegen.project import Project

_METHOD_MAP = [("**.html", "jinja2.ext:babel_extract"), ("**.xml", "jinja2.ext:babel_extract")]
_EXTENSIONS = ",".join(TEMPLATE_EXTENSIONS)
_OPTIONS = {"**.html": {"extensions": _EXTENSIONS, "trimmed": "true"},
            "**.xml": {"extensions": _EXTENSIONS, "trimmed": "true"}}
_FIXED_DATE = datetime(2023, 1, 1)
"""Creation dates in headers are pinned so that catalogs only change when strings do."""


def extract_messages(template_dirs: Iterable[Path]) -> Catalog:
    """Every translatable string of the templates, with its source locations."""
    template = Catalog(domain=DOMAIN, project="sitegen", creation_date=_FIXED_DATE,
                       revision_date=_FIXED_DATE, fuzzy=False)
    for folder in template_dirs:
        for filename, lineno, message, comments, context in extract_from_dir(
            str(folder), method_map=_METHOD_MAP, options_map=_OPTIONS
        ):
            template.add(message, locations=[(f"{folder.name}/{filename}", lineno)],
                         auto_comments=comments, context=context)
    return template


def cached_messages(project: Project, template_dirs: Sequence[Path]) -> Catalog:
    """extract_messages, remembered in the cache until a template changes."""
    files = sorted(p for d in template_dirs for p in d.rglob("*.html") if p.is_file())
    key = files_digest(files) + engine_digest()  # new code may extract differently
    path = project.cache / "messages.pickle"
    try:
        stored_key, catalog = pickle.loads(path.read_bytes())
        if stored_key == key and isinstance(catalog, Catalog):
            return catalog
    except Exception:  # noqa: BLE001 - a missing or unreadable cache: extract again
        pass
    catalog = extract_messages(template_dirs)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(pickle.dumps((key, catalog)))
    os.replace(temporary, path)
    return catalog


def update_catalog(templates: Path, lang: str, locale: str, template: Catalog,
                   start_from: Path | None = None) -> Path:
    """Merge the extracted strings into lang's catalog, keeping existing translations.

    A site without its own catalog starts from start_from (the packaged theme's), so its
    translations are carried over rather than hidden behind an empty file.
    """
    path = catalog_path(templates, lang)
    catalog = read_catalog(path if path.is_file() or start_from is None else start_from,
                           locale)
    catalog.locale = Locale.parse(locale)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.revision_date = _FIXED_DATE
    catalog.creation_date = _FIXED_DATE
    catalog.fuzzy = False  # a fuzzy header would drop the plural rule from the compiled catalog
    catalog.project, catalog.version = "sitegen", ""
    catalog.copyright_holder = "the site's authors"
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "the site's translators"
    catalog.language_team = catalog.locale.english_name if catalog.locale else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, omit_header=False)
    return path
