"""`sitegen init`: a new site that builds at once with the packaged theme."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from conftest import html
from sitegen.cli import main as sitegen_main
from sitegen.config import load_config
from sitegen.scaffold.errors import UsageError
from sitegen.scaffold.starter import parse_languages, site_yaml, starter_files
from test_scaffold_new import sitegen


def build(root: Path, *options: str) -> None:
    assert sitegen_main(["build", "--source", str(root), "--quiet", *options]) == 0


def test_new_site_builds_with_the_packaged_theme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "journal"
    assert sitegen("init", root, "--languages", "fr,en,ar", "--title", 'Le "Journal": X') == 0
    assert f"cd {root}" in capsys.readouterr().out
    assert not (root / "templates").exists() and not (root / "static").exists()
    build(root)
    home = html(root / "public/index.html")
    assert home.find("html")["lang"] == "fr"
    assert home.find("title").get_text() == 'Le "Journal": X'
    assert (root / "public/css/site.css").is_file()
    teaser = home.select_one(".teaser__title a")
    assert teaser is not None and teaser.get_text() == "Bienvenue sur votre nouveau site"
    page = html(root / "public" / str(teaser["href"]).strip("/") / "index.html")
    assert page.find("body")["class"] == ["page-article"]
    hreflangs = {link["hreflang"] for link in page.find_all("link", rel="alternate",
                                                          hreflang=True)}
    assert hreflangs == {"fr", "en", "ar", "x-default"}
    arabic = html(root / "public/ar/index.html").find("html")
    assert (arabic["lang"], arabic["dir"]) == ("ar", "rtl")
    nav = [a.get_text() for a in html(root / "public/en/index.html").select(".sections-nav a")]
    assert nav[1:] == ["News", "Culture"]


def test_new_site_passes_check(tmp_path: Path) -> None:
    assert sitegen("init", tmp_path / "site", "--languages", "en") == 0
    assert sitegen_main(["check", "--source", str(tmp_path / "site")]) == 0


def test_files_of_a_new_site(tmp_path: Path) -> None:
    assert sitegen("init", tmp_path / "site", "--languages", "da,de") == 0
    files = sorted(p.relative_to(tmp_path / "site").as_posix()
                   for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert files == [".gitignore", "content/authors/editor.yaml", "content/da/news/welcome.md",
                     "content/de/news/welcome.md", "site.yaml"]
    assert (tmp_path / "site/.gitignore").read_text().split() == ["public/", ".sitegen-cache/"]
    keys = {yaml.safe_load(p.read_text("utf-8").split("---\n")[1])["translation_key"]
            for p in (tmp_path / "site/content").glob("*/news/welcome.md")}
    assert keys == {"welcome"}


@pytest.mark.parametrize("code,locale,direction", [
    ("fr", "fr_FR", "ltr"), ("en", "en_GB", "ltr"), ("da", "da_DK", "ltr"), ("ar", "ar", "rtl"),
    ("de", "de_DE", "ltr"), ("es", "es_ES", "ltr"), ("it", "it", "ltr"), ("he", "he", "rtl"),
])
def test_languages_get_sensible_locales(code: str, locale: str, direction: str) -> None:
    config = load_config(site_yaml((code,), "T"), "site.yaml")
    language = config.language(code)
    assert (language.locale, language.direction) == (locale, direction)
    assert config.base_url == "https://example.org/"
    assert list(config.sections) == ["news", "culture"]


def test_every_language_gets_its_article(tmp_path: Path) -> None:
    files = starter_files(("it", "fr"), "T", datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert {"content/it/news/welcome.md", "content/fr/news/welcome.md"} <= set(files)


def test_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert sitegen("init", tmp_path) == 1
    assert "not an empty folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_an_empty_folder_is_fine(tmp_path: Path) -> None:
    assert sitegen("init", tmp_path) == 0
    build(tmp_path)


@pytest.mark.parametrize("text,message", [
    ("", "no language"), ("fr,fr", "listed twice"), ("xx", "unknown language 'xx'"),
    ("../x", "not a language code"),
])
def test_bad_languages_are_usage_errors(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_languages(text)


@pytest.mark.parametrize(("languages", "zone"), [
    ("fr,en", "Europe/Paris"), ("en", "Europe/London"), ("de", "Europe/Berlin"),
    ("es", "UTC"),  # the Canaries keep another time than Madrid: no guess
])
def test_new_site_keeps_the_time_of_its_default_language_country(
        tmp_path: Path, languages: str, zone: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert sitegen("init", tmp_path / "site", "--languages", languages) == 0
    config = yaml.safe_load((tmp_path / "site/site.yaml").read_text("utf-8"))
    assert config["timezone"] == zone
    assert f"time zone {zone}" in capsys.readouterr().out


def test_new_site_takes_the_time_zone_it_is_given(tmp_path: Path) -> None:
    assert sitegen("init", tmp_path / "site", "--languages", "fr",
                   "--timezone", "America/Montreal") == 0
    config = load_config((tmp_path / "site/site.yaml").read_text("utf-8"), "site.yaml")
    assert str(config.timezone) == "America/Montreal"
    build(tmp_path / "site")


def test_an_unknown_time_zone_is_refused_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert sitegen("init", tmp_path / "site", "--timezone", "Europe/Atlantis") == 2
    assert "unknown time zone 'Europe/Atlantis'" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
