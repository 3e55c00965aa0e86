"""sitegen check: links between articles, fragments, images, JSON output."""

from __future__ import annotations

import json

import pytest

from conftest import SiteWriter, article, build_site, html
from sitegen.cli import main

LINKING = article("Un article qui renvoie", body=(
    "Voir [l'autre](missiles.md) et [la suite](missiles.md#lien-avec-gaza).\n\n"
    "Et [ici](#nulle-part), ![une carte](/images/carte.svg), ![](/images/vide.svg).\n"))


def run_check(root: object, *extra: str) -> int:
    return main(["check", "--source", str(root), "--clock", "2026-01-01T08:00:00Z", *extra])


def test_links_to_source_files_become_urls_in_each_language(write_site: SiteWriter) -> None:
    root = write_site({
        "content/fr/monde/renvoi.md": article("Renvoi", body="Voir [ça](missiles.md).\n",
                                              extra="translation_key: renvoi\n"),
        "content/en/world/renvoi.md": article(
            "Link back", body="See [this](../../fr/monde/missiles.md#lien-avec-gaza).\n",
            extra="translation_key: renvoi\n"),
    })
    build_site(root)
    fr = html(root / "public/monde/renvoi/index.html")
    assert fr.select_one(".article__body a")["href"] == "/monde/des-missiles-frappent-une-base/"
    en = html(root / "public/en/world/link-back/index.html")
    assert en.select_one(".article__body a")["href"] == (
        "/en/world/missiles-hit-a-base/#lien-avec-gaza")


def test_link_to_a_missing_file_fails_the_build_with_its_line(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site({"content/fr/monde/renvoi.md": article(
        "Renvoi", body="Premier.\n\nVoir [ça](absent.md).\n")})
    assert main(["build", "--source", str(root)]) == 1
    assert "content/fr/monde/renvoi.md:9: error: link to a missing file 'absent.md'" in (
        capsys.readouterr().err)


def test_check_reports_fragments_images_and_alt_text(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site({"content/fr/monde/renvoi.md": LINKING,
                       "static/images/vide.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    assert run_check(root, "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    found = {(p["line"], p["message"].split(" (")[0]) for p in report["problems"]}
    assert found == {
        (9, "no subheading with the anchor #nulle-part in content/fr/monde/renvoi.md"),
        (9, "image '/images/carte.svg' does not exist"),
        (9, "image '/images/vide.svg' has no alt text"),
    }
    assert report["ok"] is False
    assert not (root / "public").exists()


def test_check_passes_on_a_clean_site(write_site: SiteWriter,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    root = write_site()
    assert run_check(root) == 0
    assert "all good" in capsys.readouterr().out


def test_template_syntax_error_names_template_and_line(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site()
    (root / "templates/partials/comments.html").write_text("<p>\n{% if %}\n</p>\n")
    assert run_check(root) == 1
    assert "templates/partials/comments.html:2: error: template syntax error" in (
        capsys.readouterr().err)


def test_undefined_variable_names_template_line_and_page(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site()
    (root / "templates/partials/comments.html").write_text("<p>\n{{ no_such_thing }}\n</p>\n")
    assert main(["build", "--source", str(root)]) == 1
    err = capsys.readouterr().err
    assert "templates/partials/comments.html:2: error: 'no_such_thing' is undefined" in err
    assert "while rendering /monde/des-missiles-frappent-une-base/" in err
