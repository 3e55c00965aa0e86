"""`sitegen new --translate`: the next language version, linked, marked, never clobbering."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import SiteWriter, article, html
from sitegen.cli import main as sitegen_main
from test_scaffold_new import front_matter, sitegen

ORIGINAL = "content/fr/monde/missiles.md"
IMAGE = "image: {src: /images/x.svg, alt: 'Une base : vue du ciel'}\n"


def build_with_drafts(root: Path) -> None:
    assert sitegen_main(["build", "--source", str(root), "--drafts", "--quiet"]) == 0


def alternates(page: BeautifulSoup) -> dict[str, str]:
    return {str(link["hreflang"]): str(link["href"])
            for link in page.find_all("link", rel="alternate", hreflang=True)}


def test_translation_is_linked_marked_and_builds(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site({ORIGINAL: article(
        "Des missiles frappent une base", extra="translation_key: missiles\ntags: [Irak]\n"
        + IMAGE, body="Le premier paragraphe.\n")})
    before = (root / ORIGINAL).read_bytes()
    assert sitegen("new", "--translate", ORIGINAL, "--lang", "da", "--source", root) == 0
    assert capsys.readouterr().out.strip() == str(root / "content/da/monde/missiles.md")
    created = root / "content/da/monde/missiles.md"
    meta = front_matter(created)
    assert meta["headline"] == "[TO TRANSLATE] Des missiles frappent une base"
    assert (meta["translation_key"], meta["sections"], meta["tags"], meta["author"],
            meta["draft"]) == ("missiles", ["monde"], ["Irak"], "chloe", True)
    assert meta["image"] == {"src": "/images/x.svg", "alt": "Une base : vue du ciel"}
    body = created.read_text("utf-8").split("---\n", 2)[2]
    assert body == f"> TO TRANSLATE — original: {ORIGINAL}\n\nLe premier paragraphe.\n"
    assert (root / ORIGINAL).read_bytes() == before
    build_with_drafts(root)
    page = html(root / "public/da/verden/to-translate-des-missiles-frappent-une-base/index.html")
    assert page.find("html")["lang"] == "da"
    assert page.find("blockquote").get_text(strip=True) == (
        f"TO TRANSLATE — original: {ORIGINAL}")
    assert set(alternates(page)) >= {"fr", "en", "da"}


def test_a_keyless_original_gets_a_key_and_keeps_its_links(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    fr, da = "content/fr/culture/expo.md", "content/da/culture/expo.md"
    root = write_site({fr: article("Une expo", sections="[culture]").replace("\n", "\r\n"),
                       da: article("En udstilling", sections="[culture]")})
    before = {path: (root / path).read_bytes() for path in (fr, da)}
    assert sitegen("new", "--translate", fr, "--lang", "en", "--source", root) == 0
    key = front_matter(root / "content/en/culture/expo.md")["translation_key"]
    assert str(key).startswith("une-expo-")
    for path, newline in ((fr, b"\r\n"), (da, b"\n")):
        line = b"translation_key: " + str(key).encode() + newline
        assert (root / path).read_bytes() == before[path].replace(
            newline + b"---" + newline, newline + line + b"---" + newline, 1)
    err = capsys.readouterr().err
    assert f"added 'translation_key: {key}' to {fr}" in err and da in err
    build_with_drafts(root)
    page = html(root / "public/en/culture/to-translate-une-expo/index.html")
    assert set(alternates(page)) == {"fr", "en", "da", "x-default"}


def test_refuses_when_the_language_has_a_translation(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site()  # content/en/world/missiles.md shares the key 'missiles'
    assert sitegen("new", "--translate", ORIGINAL, "--lang", "en", "--source", root) == 1
    assert "already has a translation in 'en': content/en/world/missiles.md" in (
        capsys.readouterr().err)
    assert not (root / "content/en/monde/missiles.md").exists()


def test_refuses_when_a_path_linked_translation_exists(write_site: SiteWriter) -> None:
    fr, en = "content/fr/culture/expo.md", "content/en/culture/expo.md"
    root = write_site({fr: article("Une expo", sections="[culture]"),
                       en: article("An exhibition", sections="[culture]")})
    before = (root / fr).read_bytes()
    assert sitegen("new", "--translate", fr, "--lang", "en", "--source", root) == 1
    assert (root / fr).read_bytes() == before


def test_refuses_an_existing_file_and_leaves_the_original_alone(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    fr, other = "content/fr/culture/expo.md", "content/da/culture/expo.md"
    root = write_site({fr: article("Une expo", sections="[culture]"),
                       other: article("Noget andet", sections="[culture]",
                                      extra="translation_key: other-story\n")})
    before = (root / fr).read_bytes()
    assert sitegen("new", "--translate", fr, "--lang", "da", "--source", root) == 1
    assert f"{other} exists already" in capsys.readouterr().err
    assert (root / fr).read_bytes() == before


def test_path_is_found_relative_to_the_site_and_author_can_be_given(
    write_site: SiteWriter, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = write_site({"content/authors/marc.yaml": "name: Marc\n"})
    monkeypatch.chdir(tmp_path)
    assert sitegen("new", "--translate", ORIGINAL, "--lang", "da", "--author", "marc",
                   "--source", root) == 0
    assert front_matter(root / "content/da/monde/missiles.md")["author"] == "marc"


@pytest.mark.parametrize("argv,message", [
    (["--translate", ORIGINAL, "--lang", "fr"], "is already in 'fr'"),
    (["--translate", "content/fr/monde/nope.md", "--lang", "da"], "no such file"),
    (["--translate", "site.yaml", "--lang", "da"], "is not an article"),
    (["Titre", "--translate", ORIGINAL, "--lang", "da"], "takes no headline"),
    (["--translate", ORIGINAL, "--lang", "de"], "unknown language 'de'"),
])
def test_usage_errors(write_site: SiteWriter, capsys: pytest.CaptureFixture[str],
                      argv: list[str], message: str) -> None:
    root = write_site()
    assert sitegen("new", *argv, "--source", root) == 2
    assert message in capsys.readouterr().err
