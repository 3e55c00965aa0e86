"""The command line: exit codes, one line per problem, previous output left intact."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SiteWriter, article, html, snapshot
from sitegen import __version__
from sitegen.cli import main


def run(root: Path, *args: str) -> int:
    return main(["build", "--source", str(root), "--clock", "2026-01-01T08:00:00+01:00", *args])


@pytest.fixture
def built(write_site: SiteWriter) -> Path:
    root = write_site()
    assert run(root, "--quiet") == 0
    return root


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0 and __version__ in capsys.readouterr().out
    assert main([]) == 2


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["build", "--no-such-flag"])
    assert caught.value.code == 2


def test_summary_counts_pages_per_language_and_kind(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site()
    assert run(root) == 0
    out = capsys.readouterr().out
    assert out.startswith("Built ") and "fr: " in out and "article 1" in out


@pytest.mark.parametrize("path,text,line,fragment", [
    ("content/fr/monde/missiles.md", "---\nauthor: chloe\nheadline: a: b\n---\n", 3,
     "invalid YAML"),
    ("content/fr/monde/missiles.md", "---\nheadline: X\nsections: [monde]\ndate: 2023-10-19\n"
     "---\n", 2, "missing required key 'author'"),
    ("content/fr/monde/missiles.md", article("X").replace("chloe", "chloee"), 3,
     "unknown author 'chloee'"),
    ("content/fr/monde/missiles.md", article("X", sections="[mond]"), 4,
     "unknown section 'mond'"),
    ("content/fr/monde/missiles.md", article("X", date="2023-19-40"), 5, "bad 'date'"),
])
def test_content_error_names_file_line_and_keeps_output(
    built: Path, capsys: pytest.CaptureFixture[str], path: str, text: str, line: int,
    fragment: str,
) -> None:
    before = snapshot(built / "public")
    (built / path).write_text(text, encoding="utf-8")
    assert run(built) == 1
    err = capsys.readouterr().err
    assert f"{path}:{line}:" in err and fragment in err
    assert snapshot(built / "public") == before


def test_two_articles_claiming_one_url_name_both_files(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(built / "public")
    (built / "content/fr/monde/copy.md").write_text(
        article("Des missiles frappent une base"), encoding="utf-8")
    assert run(built) == 1
    err = capsys.readouterr().err
    assert "content/fr/monde/missiles.md:2" in err and "content/fr/monde/copy.md:2" in err
    assert snapshot(built / "public") == before


def test_every_broken_file_is_reported_in_one_run(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (built / "content/fr/monde/a.md").write_text(article("A").replace("chloe", "x"), "utf-8")
    (built / "content/fr/monde/b.md").write_text(article("B", sections="[y]"), "utf-8")
    assert run(built) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert [line.split(":")[0] for line in lines] == ["content/fr/monde/a.md",
                                                      "content/fr/monde/b.md"]


def test_refuses_to_overwrite_a_folder_it_did_not_make(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_site({"public/precious.txt": "keep me"})
    assert run(root) == 1
    assert (root / "public/precious.txt").read_text() == "keep me"
    assert "not made by sitegen" in capsys.readouterr().err


def test_two_articles_of_one_language_may_not_share_a_translation_key(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (built / "content/fr/monde/twin.md").write_text(
        article("Jumeau", extra="translation_key: missiles\n"), encoding="utf-8")
    assert run(built) == 1
    err = capsys.readouterr().err
    assert "content/fr/monde/twin.md:6:" in err and "translation_key 'missiles'" in err
    assert "content/fr/monde/missiles.md (line 6)" in err


def test_a_closed_output_pipe_is_not_reported_as_a_bug(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(REPO / "content", root / "content")
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    process = subprocess.Popen([sys.executable, "-m", "sitegen", "build", "--source", str(root)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `sitegen build | head -0` would
    errors = process.stderr.read().decode()
    assert process.wait() == 141
    assert "internal error" not in errors
    assert html(root / "public/index.html").find("h1") is not None


def test_commands_run_with_rare_collections_and_restore_the_thresholds(
        write_site, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import gc

    import sitegen.cli as cli

    seen: list[tuple[int, ...]] = []
    real_build = cli.build

    def spying_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold())
        return real_build(*args, **kwargs)

    monkeypatch.setattr(cli, "build", spying_build)
    before = gc.get_threshold()
    root = write_site()
    assert cli.main(["build", "--source", str(root), "--quiet",
                     "--clock", "2026-01-01T00:00:00Z"]) == 0
    assert seen == [cli.GC_THRESHOLDS]
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), cli.rare_collections():
        raise RuntimeError
    assert gc.get_threshold() == before
