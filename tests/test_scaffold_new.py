"""`sitegen new`: a complete draft where the site expects it, that builds at once."""

from __future__ import annotations

import argparse
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from conftest import SiteWriter, html
from sitegen.cli import main as sitegen_main
from sitegen.scaffold import add_scaffold_commands


def sitegen(*argv: str | Path) -> int:
    """Run a scaffold command as the command line would."""
    parser = argparse.ArgumentParser(prog="sitegen")
    add_scaffold_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args([str(a) for a in argv])
    return int(args.run(args))


@pytest.fixture(autouse=True)
def writer_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A home folder of our own, with no author configured anywhere."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("SITEGEN_AUTHOR", raising=False)
    return home


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text("utf-8")
    assert text.startswith("---\n")
    data = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(data, dict)
    return data


def test_creates_a_complete_draft_and_prints_its_path(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site()
    before = datetime.now(timezone.utc).replace(microsecond=0)
    assert sitegen("new", "L'Irak: la riposte", "--lang", "fr", "--section", "culture",
                   "--author", "chloe", "--tags", "Irak, Bagdad", "--source", root) == 0
    path = root / "content/fr/culture/l-irak-la-riposte.md"
    assert capsys.readouterr().out.strip() == str(root / "content/fr/culture/l-irak-la-riposte.md")
    meta = front_matter(path)
    assert {k: meta[k] for k in ("headline", "author", "sections", "tags", "draft")} == {
        "headline": "L'Irak: la riposte", "author": "chloe", "sections": ["culture"],
        "tags": ["Irak", "Bagdad"], "draft": True}
    date = datetime.fromisoformat(str(meta["date"]))
    assert date.utcoffset() == timedelta(hours=1)  # the site's zone, Europe/Paris in winter
    assert before <= date <= datetime.now(timezone.utc)
    assert str(meta["translation_key"]).startswith("l-irak-la-riposte-")


def test_the_draft_builds_with_drafts(write_site: SiteWriter) -> None:
    root = write_site()
    assert sitegen("new", 'Le « grand » soir : "enfin"', "--lang", "fr", "--section", "monde",
                   "--author", "chloe", "--source", root) == 0
    assert sitegen_main(["build", "--source", str(root), "--drafts", "--quiet"]) == 0
    page = html(root / "public/monde/le-grand-soir-enfin/index.html")
    assert page.find("h1").get_text(strip=True) == 'Le « grand » soir : "enfin"'
    assert page.find(class_="badge--draft") is not None


def test_translation_keys_are_unique(write_site: SiteWriter) -> None:
    root = write_site()
    for section in ("monde", "culture"):
        assert sitegen("new", "Même titre", "--lang", "fr", "--section", section,
                       "--author", "chloe", "--source", root) == 0
    keys = {front_matter(root / f"content/fr/{s}/meme-titre.md")["translation_key"]
            for s in ("monde", "culture")}
    assert len(keys) == 2


def test_refuses_to_overwrite(write_site: SiteWriter, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_site()
    args = ("new", "Déjà là", "--lang", "fr", "--section", "monde", "--author", "chloe",
            "--source", root)
    assert sitegen(*args) == 0
    path = root / "content/fr/monde/deja-la.md"
    path.write_text("mine", encoding="utf-8")
    capsys.readouterr()
    assert sitegen(*args) == 1
    assert "content/fr/monde/deja-la.md exists already" in capsys.readouterr().err
    assert path.read_text("utf-8") == "mine"


@pytest.mark.parametrize("flag,value,hint", [
    ("--lang", "fra", "did you mean 'fr'?"),
    ("--section", "mond", "did you mean 'monde'?"),
    ("--author", "chloee", "did you mean 'chloe'?"),
])
def test_unknown_names_get_a_did_you_mean_hint(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str], flag: str, value: str,
    hint: str,
) -> None:
    root = write_site()
    argv = {"--lang": "fr", "--section": "monde", "--author": "chloe"}
    argv[flag] = value
    assert sitegen("new", "Titre", *[x for pair in argv.items() for x in pair],
                   "--source", root) == 2
    err = capsys.readouterr().err
    assert f"unknown {flag[2:].replace('lang', 'language')} {value!r}" in err and hint in err
    assert not (root / "content/fr/monde/titre.md").exists()


def test_usage_errors_exit_2(write_site: SiteWriter) -> None:
    root = write_site()
    assert sitegen("new", "Titre", "--lang", "fr", "--source", root) == 2  # no section
    assert sitegen("new", "  ", "--lang", "fr", "--section", "monde", "--author", "chloe",
                   "--source", root) == 2


def test_author_from_the_environment(write_site: SiteWriter,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site()
    monkeypatch.setenv("SITEGEN_AUTHOR", "chloe")
    assert sitegen("new", "Titre", "--lang", "fr", "--section", "monde", "--source", root) == 0
    assert front_matter(root / "content/fr/monde/titre.md")["author"] == "chloe"


@pytest.mark.parametrize("xdg", [False, True])
def test_author_from_the_user_config_file(
    write_site: SiteWriter, monkeypatch: pytest.MonkeyPatch, writer_settings: Path, xdg: bool
) -> None:
    root = write_site()
    config_home = writer_settings / ("xdg" if xdg else ".config")
    if xdg:
        monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    (config_home / "sitegen").mkdir(parents=True)
    (config_home / "sitegen/config.yaml").write_text("author: chloe\n", encoding="utf-8")
    assert sitegen("new", "Titre", "--lang", "fr", "--section", "monde", "--source", root) == 0
    assert front_matter(root / "content/fr/monde/titre.md")["author"] == "chloe"


def test_environment_wins_over_the_config_file(
    write_site: SiteWriter, monkeypatch: pytest.MonkeyPatch, writer_settings: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = write_site()
    (writer_settings / ".config/sitegen").mkdir(parents=True)
    (writer_settings / ".config/sitegen/config.yaml").write_text("author: chloe\n", "utf-8")
    monkeypatch.setenv("SITEGEN_AUTHOR", "nobody")
    assert sitegen("new", "Titre", "--lang", "fr", "--section", "monde", "--source", root) == 2
    assert "unknown author 'nobody' (from $SITEGEN_AUTHOR)" in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_author_is_asked_for_on_a_terminal(
    write_site: SiteWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site()
    questions: list[str] = []
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda q: questions.append(q) or "chloe")
    assert sitegen("new", "Titre", "--lang", "fr", "--section", "monde", "--source", root) == 0
    assert questions == ["Author id (chloe): "]
    assert front_matter(root / "content/fr/monde/titre.md")["author"] == "chloe"


def test_without_a_terminal_the_error_says_how_to_set_the_author(
    write_site: SiteWriter, writer_settings: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site()
    assert sitegen("new", "Titre", "--lang", "fr", "--section", "monde", "--source", root) == 2
    err = capsys.readouterr().err
    assert "--author" in err and "SITEGEN_AUTHOR" in err
    assert str(writer_settings / ".config/sitegen/config.yaml") in err


def test_a_broken_user_config_file_is_named(
    write_site: SiteWriter, writer_settings: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site()
    (writer_settings / ".config/sitegen").mkdir(parents=True)
    (writer_settings / ".config/sitegen/config.yaml").write_text("author: [", "utf-8")
    assert sitegen("new", "Titre", "--lang", "fr", "--section", "monde", "--source", root) == 2
    assert "config.yaml" in capsys.readouterr().err
