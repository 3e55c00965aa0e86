"""classify(): which batches restyle, which reload, which are nothing to the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.project import Project
from sitegen.serve.classify import classify, is_source_path

ROOT = Path("/site")
PROJECT = Project(ROOT)


@pytest.mark.parametrize("relative", [
    "site.yaml", "content/fr/monde/irak.md", "content/authors/chloe.yaml",
    "templates/article.html", "templates/locales/en/LC_MESSAGES/messages.po",
    "static/css/site.css", "static/images/logo.svg",
])
def test_site_sources_count(relative: str) -> None:
    assert is_source_path(ROOT / relative, PROJECT)


@pytest.mark.parametrize("relative", [
    "content/fr/monde/.irak.md.swp", "content/fr/monde/irak.md~", "content/fr/monde/#irak.md#",
    "content/fr/.hidden/irak.md", "static/css/.site.css.tmp", "templates/base.html.bak",
    "content/fr/monde/4913.swx", "public/index.html", "README.md", ".git/index", "content",
    "site.yaml.bak", "other/site.yaml",
])
def test_hidden_swap_backup_and_foreign_files_do_not_count(relative: str) -> None:
    assert not is_source_path(ROOT / relative, PROJECT)


def test_only_stylesheets_under_static_restyle() -> None:
    batch = {ROOT / "static/css/site.css", ROOT / "static/css/print.css"}
    assert classify(batch, PROJECT) == "css"


def test_ignored_files_beside_a_stylesheet_still_restyle() -> None:
    batch = {ROOT / "static/css/site.css", ROOT / "static/css/.site.css.swp"}
    assert classify(batch, PROJECT) == "css"


@pytest.mark.parametrize("other", [
    "content/fr/monde/irak.md", "templates/base.html", "site.yaml", "static/images/a.svg",
    "templates/print.css",
])
def test_anything_but_static_stylesheets_reloads(other: str) -> None:
    assert classify({ROOT / "static/css/site.css", ROOT / other}, PROJECT) == "reload"


def test_batch_of_nothing_but_ignored_files_is_nothing() -> None:
    assert classify({ROOT / "content/fr/.x.md.swp", ROOT / "public/index.html"}, PROJECT) is None
    assert classify(frozenset(), PROJECT) is None
