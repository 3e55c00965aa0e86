"""write_output and the build's safety: atomic swap, ownership, umask, symlinks, kills."""

from __future__ import annotations

import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CLOCK, REPO, SiteWriter, article, build_site, snapshot
from sitegen.build import BuildOptions, build
from sitegen.errors import BuildError
from sitegen.files import write_new_file
from sitegen.output import (
    MARKER,
    MARKER_TEXT,
    Written,
    fresh_staging,
    write_output,
)
from sitegen.project import Project
from sitegen.uptodate import identities


def test_unchanged_files_keep_their_inode_and_mtime(tmp_path: Path) -> None:
    out = tmp_path / "public"
    write_output([("a/index.html", b"one"), ("b.txt", b"two")], [], out)
    before = (out / "a/index.html").stat()
    time.sleep(0.01)
    report = write_output([("a/index.html", b"one"), ("b.txt", b"changed")], [], out)
    after = (out / "a/index.html").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert (report.written, report.unchanged) == (1, 1)
    assert (out / MARKER).is_file()


def test_a_first_build_learns_every_files_identity_as_it_writes(tmp_path: Path) -> None:
    out, static = tmp_path / "public", tmp_path / "logo.svg"
    static.write_bytes(b"<svg/>")
    pages = [("a/index.html", b"one"), ("b.txt", b""), ("c/d/e.html", b"x" * 100_000)]
    report = write_output(pages, [("images/logo.svg", static)], out)
    assert report.identities is not None
    walked = identities([out])
    assert {os.path.join(out, relative): identity
            for relative, identity in report.identities.items()} == walked
    assert len(walked) == 5  # the pages, the static file and the marker


def _joined(out: Path, relative_identities: object) -> dict[str, object]:
    assert isinstance(relative_identities, dict)
    return {os.path.join(out, relative): identity
            for relative, identity in relative_identities.items()}


@pytest.mark.parametrize("track", [False, True])
def test_later_builds_learn_every_files_identity_too(tmp_path: Path, track: bool) -> None:
    """Kept, rewritten, new and removed files, a file staging already holds with the right
    bytes, and a static file: the report's identities are what a walk of out finds."""
    out, static = tmp_path / "public", tmp_path / "logo.svg"
    static.write_bytes(b"<svg/>")
    first = [("a/index.html", b"one"), ("b.txt", b"two"), ("gone/index.html", b"old")]
    write_output(first, [("images/logo.svg", static)], out, track=track)
    second = [("a/index.html", b"one"), ("b.txt", b"deux"), ("new/index.html", b"new")]
    write_output(second, [("images/logo.svg", static)], out, track=track)
    # Staging now holds the first build's files: b.txt there already has the bytes
    # "two" that the third build asks for again, and a/index.html is shared.
    third = [("a/index.html", None), ("b.txt", b"two"), ("new/index.html", b"neuf")]
    time.sleep(0.01)
    report = write_output(third, [("images/logo.svg", static)], out, track=track)
    assert _joined(out, report.identities) == identities([out])
    assert snapshot(out) == {"a/index.html": b"one", "b.txt": b"two",
                             "new/index.html": b"neuf", "images/logo.svg": b"<svg/>",
                             MARKER: MARKER_TEXT}


def test_pages_written_ahead_go_only_into_a_new_staging_folder(tmp_path: Path) -> None:
    out = tmp_path / "public"
    staging = fresh_staging(out)
    assert staging is not None and not staging.exists()
    identity = write_new_file(str(staging), "a/index.html", b"ahead", set())
    report = write_output([("a/index.html", Written(identity)), ("b.txt", b"two")], [], out,
                          fresh=True)
    assert snapshot(out) == {"a/index.html": b"ahead", "b.txt": b"two", MARKER: MARKER_TEXT}
    assert report.identities is not None and report.identities["a/index.html"] == identity
    assert fresh_staging(out) is None  # out exists now: pages must be compared with it
    with pytest.raises(ValueError, match="staging folder in use"):
        write_output([("a/index.html", Written(identity))], [], out)
    assert (out / "a/index.html").read_bytes() == b"ahead"


def test_a_failed_first_build_leaves_no_trace_in_the_next(write_site: SiteWriter,
                                                           tmp_path: Path) -> None:
    """The workers write a first build's pages straight into staging; when rendering fails,
    the next build must still remove what the failed one wrote there."""
    broken = article("Cassé", extra="tags: [panne]\n")
    failing = (REPO / "templates/tag.html").read_text().replace(
        "{% block main %}", "{% block main %}{% if tag.text == 'panne' %}{{ missing }}{% endif %}")
    root = write_site({"content/fr/monde/casse.md": broken, "templates/tag.html": failing})
    with pytest.raises(BuildError):
        build_site(root, jobs=2)
    assert not (root / "public").exists()
    assert any((root / ".public.staging").rglob("index.html"))
    (root / "content/fr/monde/casse.md").unlink()
    build_site(root, jobs=2)
    clean = write_site({"content/fr/monde/casse.md": None})
    build(Project(clean), tmp_path / "clean", BuildOptions(clock=CLOCK, jobs=2))
    assert snapshot(root / "public") == snapshot(tmp_path / "clean")


def test_error_at_the_end_of_rendering_leaves_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "public"
    write_output([("index.html", b"old")], [], out)

    def pages():  # type: ignore[no-untyped-def]
        yield "index.html", b"new"
        raise BuildError([])

    with pytest.raises(BuildError):
        write_output(pages(), [], out)
    assert snapshot(out) == {"index.html": b"old", MARKER: (out / MARKER).read_bytes()}


def test_files_get_permissions_from_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_output([("index.html", b"x")], [], tmp_path / "public")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "public/index.html").stat().st_mode) == 0o640


def test_output_folder_may_not_contain_or_be_the_project(write_site: SiteWriter) -> None:
    root = write_site()
    for out in (root, root.parent, root / "content" / "public"):
        with pytest.raises(BuildError):
            build(Project(root), out, BuildOptions(clock=CLOCK))
    assert (root / "site.yaml").is_file() and (root / "content/fr/monde/missiles.md").is_file()


def test_symlinks_leaving_the_project_are_not_read(write_site: SiteWriter,
                                                   tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(article("Secret"))
    root = write_site()
    (root / "content/fr/monde/link.md").symlink_to(secret)
    (root / "static").mkdir(exist_ok=True)
    (root / "static/passwd").symlink_to(secret)
    build_site(root)
    assert not (root / "public/monde/secret").exists()
    assert not (root / "public/passwd").exists()


def test_nfc_and_nfd_file_names_link_as_the_same_path(write_site: SiteWriter) -> None:
    nfc, nfd = "content/fr/culture/\u00e9t\u00e9.md", "content/en/culture/e\u0301te\u0301.md"
    root = write_site({nfc: article("L'été", sections="[culture]"),
                       nfd: article("Summer", sections="[culture]")})
    build_site(root)
    page = (root / "public/en/culture/summer/index.html").read_text()
    assert 'href="/culture/l-ete/"' in page.split('class="translations"')[1]


def test_killing_a_build_never_leaves_a_broken_site(tmp_path: Path) -> None:
    """kill -9 at random moments: the output is always the old site or the new one, whole."""
    corpus = tmp_path / "site"
    subprocess.run([sys.executable, str(REPO / "bench/corpus.py"), "--articles", "150",
                    "--languages", "fr,en", "--out", str(corpus)], check=True,
                   capture_output=True)
    shutil.copytree(REPO / "templates", corpus / "templates")
    command = [sys.executable, "-m", "sitegen", "build", "--source", str(corpus), "--quiet",
               "--clock", "2026-01-01T00:00:00Z", "--no-cache"]
    subprocess.run(command, check=True)
    old = snapshot(corpus / "public")
    first = sorted((corpus / "content/fr").rglob("*.md"))[0]
    first.write_text(first.read_text().replace("headline: ", "headline: Nouveau ", 1))
    subprocess.run(command + ["--output", str(tmp_path / "expected")], check=True)
    new = snapshot(tmp_path / "expected")
    assert new != old
    rng = random.Random(7)
    outcomes = set()
    for _ in range(8):
        process = subprocess.Popen(command)
        time.sleep(rng.uniform(0.05, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = snapshot(corpus / "public")
        assert now in (old, new)
        outcomes.add("new" if now == new else "old")
    subprocess.run(command, check=True)
    assert snapshot(corpus / "public") == new


def test_staging_tree_is_reused_without_touching_the_live_files(tmp_path: Path) -> None:
    out = tmp_path / "public"
    for version in (b"one", b"two", b"three", b"three"):
        write_output([("a/index.html", version), ("b/index.html", b"same")], [], out)
        assert (out / "a/index.html").read_bytes() == version
        assert (out / "b/index.html").read_bytes() == b"same"
    write_output([("b/index.html", b"same")], [], out)
    assert sorted(snapshot(out)) == [MARKER, "b/index.html"]
