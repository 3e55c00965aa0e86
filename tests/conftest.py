"""Fixtures: tiny multilingual sites written into tmp_path from a dict of files."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, sync_playwright

from sitegen.build import BuildOptions, BuildReport, build
from sitegen.project import Project

REPO = Path(__file__).resolve().parent.parent
CLOCK = datetime(2026, 1, 1, 8, 0, tzinfo=timezone.utc)

SITE_YAML = """\
title: Le Petit Test
base_url: https://news.example.org/
default_language: fr
timezone: Europe/Paris
languages:
  - {code: fr, name: Français, locale: fr_FR}
  - {code: en, name: English, locale: en_GB}
  - {code: da, name: Dansk, locale: da_DK}
sections:
  monde:
    fr: {title: Monde, slug: monde}
    en: {title: World, slug: world}
    da: {title: Verden, slug: verden}
  culture: {fr: {title: Culture, slug: culture}, en: {title: Culture, slug: culture}}
pagination: 2
"""

AUTHOR_YAML = """\
name: Chloé
role: {fr: Rédactrice en chef, en: Editor-in-chief, da: Chefredaktør}
bio: {fr: Elle anime la rédaction., en: She runs the newsroom., da: Hun leder redaktionen.}
avatar: /images/authors/chloe.svg
"""


def article(headline: str, *, date: str = "2023-10-19T18:40:00", sections: str = "[monde]",
            extra: str = "", body: str = "Premier paragraphe.\n") -> str:
    """Text of an article file with the given front matter."""
    return (f"---\nheadline: {headline}\nauthor: chloe\nsections: {sections}\n"
            f"date: {date}\n{extra}---\n{body}")


BASE_FILES: Mapping[str, str] = {
    "site.yaml": SITE_YAML,
    "content/authors/chloe.yaml": AUTHOR_YAML,
    "content/fr/monde/missiles.md": article(
        "Des missiles frappent une base", extra="translation_key: missiles\ntags: [Irak]\n",
        body="Le premier paragraphe.\n\n## Lien avec Gaza\n\nLa suite.\n"),
    "content/en/world/missiles.md": article(
        "Missiles hit a base", date="2023-10-19T20:00:00",
        extra="translation_key: missiles\ntags: [Iraq]\n", body="First paragraph.\n"),
}

SiteWriter = Callable[..., Path]

CHROMIUM = "/usr/bin/chromium"
"""Debian's Chromium: the browser tests never download one."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One real headless Chromium per test module, driven by playwright."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def write_site(tmp_path: Path) -> SiteWriter:
    """Write a site (the base files, overridden and extended by files) and return its root."""

    def write(files: Mapping[str, str | None] | None = None, *, base: bool = True) -> Path:
        root = tmp_path / "site"
        merged: dict[str, str | None] = dict(BASE_FILES) if base else {}
        merged.update(files or {})
        for relative, text in merged.items():
            if text is None:
                continue
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if not (root / "templates").exists():
            shutil.copytree(REPO / "templates", root / "templates")
        return root

    return write


def build_site(root: Path, **options: object) -> BuildReport:
    """Build root into root/public with a fixed clock."""
    settings: dict[str, object] = {"clock": CLOCK}
    settings.update(options)
    return build(Project(root), root / "public", BuildOptions(**settings))  # type: ignore[arg-type]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below folder, by relative path: to compare two outputs byte for byte."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def html(path: Path) -> BeautifulSoup:
    """Parse an HTML file with a real HTML5 parser."""
    return BeautifulSoup(path.read_text("utf-8"), "html5lib")
