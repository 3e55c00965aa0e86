"""UI catalogs: extraction round trip, plural rules, fallbacks, and the status command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from conftest import REPO, SiteWriter, article, html
from sitegen.cli import main
from sitegen.i18n import load_catalogs, load_translations

LOCALES = {"fr": "fr_FR", "en": "en_GB", "da": "da_DK", "ar": "ar"}


def translations() -> dict[str, object]:
    catalogs = load_catalogs([REPO / "templates"], LOCALES)
    return load_translations(catalogs, "fr")  # type: ignore[return-value]


@pytest.mark.parametrize("lang,counts", [
    ("fr", {0: "0 article", 1: "1 article", 2: "2 articles"}),
    ("en", {0: "0 articles", 1: "1 article", 2: "2 articles"}),
    ("da", {0: "0 artikler", 1: "1 artikel", 2: "2 artikler"}),
    ("ar", {0: "لا مقالات", 1: "مقال واحد", 2: "مقالان", 3: "3 مقالات", 11: "11 مقالًا",
            100: "100 مقال"}),
])
def test_plural_forms_follow_each_language(lang: str, counts: dict[int, str]) -> None:
    catalog = translations()[lang]
    for n, expected in counts.items():
        text = catalog.ngettext("%(count)s article", "%(count)s articles", n)  # type: ignore[attr-defined]
        assert text % {"count": n} == expected


def set_translation(po: Path, msgid: str, text: str) -> None:
    with po.open("rb") as handle:
        catalog = read_po(handle)
    catalog[msgid].string = text
    with po.open("wb") as handle:
        write_po(handle, catalog)


def test_catalog_round_trip_and_fallback_to_default_language(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site({"content/da/verden/m.md": article("Missiler", extra=(
        "translation_key: missiles\n"))})
    partial = root / "templates/partials/comments.html"
    partial.write_text(partial.read_text().replace(
        "</section>", '<p class="greeting">{{ _("Welcome, reader") }}</p>\n</section>'))
    assert main(["i18n", "update", "--source", str(root)]) == 0
    set_translation(root / "templates/locales/fr/LC_MESSAGES/messages.po", "Welcome, reader",
                    "Bienvenue, lectrice, lecteur")
    capsys.readouterr()
    assert main(["build", "--source", str(root), "--clock", "2026-01-01T00:00Z"]) == 0
    assert "1 UI strings have no 'da' translation" in capsys.readouterr().err
    public = root / "public"
    greeting = ".greeting"
    assert html(public / "monde/des-missiles-frappent-une-base/index.html").select_one(
        greeting).get_text() == "Bienvenue, lectrice, lecteur"
    assert html(public / "en/world/missiles-hit-a-base/index.html").select_one(
        greeting).get_text() == "Welcome, reader"
    assert html(public / "da/verden/missiler/index.html").select_one(
        greeting).get_text() == "Bienvenue, lectrice, lecteur"
    assert main(["build", "--source", str(root), "--strict"]) == 1


def test_status_reports_missing_and_stale_translations(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site({
        "content/fr/monde/missiles.md": article(
            "Des missiles frappent une base", extra="translation_key: missiles\n"
            "updated: 2023-10-21T09:00:00\n"),
        "content/fr/monde/seul.md": article("Seulement en français"),
    })
    assert main(["i18n", "status", "--json", "--source", str(root)]) == 0
    report = {entry["lang"]: entry for entry in json.loads(capsys.readouterr().out)}
    assert report["en"]["missing_articles"] == ["content/fr/monde/seul.md"]
    assert [s["translation"] for s in report["en"]["stale"]] == [
        "content/en/world/missiles.md"]
    assert report["da"]["missing_articles"] == ["content/fr/monde/missiles.md",
                                                "content/fr/monde/seul.md"]
    assert report["fr"]["missing_articles"] == [] and report["fr"]["ui_percent"] == 100.0


def test_status_fail_under_makes_ci_fail(write_site: SiteWriter,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = write_site()
    po = root / "templates/locales/da/LC_MESSAGES/messages.po"
    po.write_text(po.read_text().replace('msgstr "Del din mening"', 'msgstr ""'))
    assert main(["i18n", "status", "--source", str(root), "--fail-under", "100"]) == 1
    assert "below 100.0%: da" in capsys.readouterr().err
    assert main(["i18n", "status", "--source", str(root), "--fail-under", "90"]) == 0


def test_new_language_catalog_starts_with_every_string(write_site: SiteWriter) -> None:
    root = write_site()
    assert main(["i18n", "init", "de", "--locale", "de_DE", "--source", str(root)]) == 0
    with (root / "templates/locales/de/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle)
    assert "Share your opinion" in catalog and catalog.plural_forms.startswith("nplurals=2")
