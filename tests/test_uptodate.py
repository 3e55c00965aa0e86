"""The up-to-date check: an unchanged project is not built again, any change is."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import CLOCK, snapshot
from sitegen.build import BuildOptions, build
from sitegen.model import Article
from sitegen.output import MARKER
from sitegen.project import Project
from sitegen.uptodate import ClockSpan, clock_span, record_path

OPTIONS = BuildOptions(clock=CLOCK)


def make_article(date: datetime, publish_at: datetime | None = None) -> Article:
    return Article(source=f"content/fr/{date.isoformat()}.md", lang="fr", headline="Titre",
                   dek="", summary="", authors=("chloe",), sections=("monde",), date=date,
                   updated=None, tags=(), slug="titre", translation_key=date.isoformat(),
                   image=None, draft=False, comments=True, body_html=b"", headings=(),
                   word_count=0, publish_at=publish_at)


def age(root: Path, seconds: int = 600) -> None:
    """Make every file look written long ago, as files checked out earlier are."""
    moment = time.time() - seconds
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (moment, moment))


@pytest.fixture
def built(write_site) -> Path:  # type: ignore[no-untyped-def]
    root: Path = write_site()
    age(root)
    report = build(Project(root), root / "public", OPTIONS)
    assert not report.up_to_date
    return root


def test_an_unchanged_project_is_not_built_again(built: Path) -> None:
    before = snapshot(built / "public")
    report = build(Project(built), built / "public", OPTIONS)
    assert report.up_to_date
    assert report.written.written == 0 and report.written.unchanged == len(before.keys() - {MARKER})
    assert sum(report.pages.values()) > 0
    assert snapshot(built / "public") == before


@pytest.mark.parametrize("change", ["edit", "add", "delete", "template", "static", "config"])
def test_any_change_to_an_input_builds_again(built: Path, change: str) -> None:
    article = next((built / "content/fr").rglob("*.md"))
    if change == "edit":
        article.write_text(article.read_text() + "\nUne phrase.\n")
    elif change == "add":
        (article.parent / "nouveau.md").write_text(
            article.read_text().replace("headline: ", "headline: Nouveau ", 1)
            .replace("translation_key: ", "translation_key: nouveau-", 1))
    elif change == "delete":
        article.unlink()
    elif change == "template":
        (built / "templates").mkdir(exist_ok=True)
        (built / "templates/404.html").write_text("{% extends 'base.html' %}")
    elif change == "static":
        (built / "static").mkdir(exist_ok=True)
        (built / "static/extra.txt").write_text("x")
    elif change == "config":
        config = built / "site.yaml"
        config.write_text(config.read_text().replace("pagination: 2", "pagination: 3"))
    report = build(Project(built), built / "public", OPTIONS)
    assert not report.up_to_date


@pytest.mark.parametrize("damage", ["edit", "delete", "add"])
def test_a_changed_output_is_built_again(built: Path, damage: str) -> None:
    before = snapshot(built / "public")
    page = built / "public/index.html"
    if damage == "edit":
        page.write_text("vandalised")
    elif damage == "delete":
        page.unlink()
    else:
        (built / "public/stray.html").write_text("stray")
    report = build(Project(built), built / "public", OPTIONS)
    assert not report.up_to_date
    assert snapshot(built / "public") == before


def test_other_options_build_again(built: Path) -> None:
    assert not build(Project(built), built / "public", replace(OPTIONS, drafts=True)).up_to_date
    assert not build(Project(built), built / "public",
                     replace(OPTIONS, base_url="https://other.example/")).up_to_date


def test_files_changed_just_before_a_build_are_not_trusted(write_site) -> None:  # type: ignore[no-untyped-def]
    root: Path = write_site()  # written just now: a later edit might keep its time stamp
    build(Project(root), root / "public", OPTIONS)
    assert not build(Project(root), root / "public", OPTIONS).up_to_date


def test_a_broken_record_is_ignored(built: Path) -> None:
    record = record_path(Project(built), built / "public")
    record.write_bytes(record.read_bytes()[:40])
    assert not build(Project(built), built / "public", OPTIONS).up_to_date


def test_the_clock_passing_a_scheduled_publication_builds_again(write_site) -> None:  # type: ignore[no-untyped-def]
    publish = CLOCK + timedelta(hours=1)
    root: Path = write_site({"content/fr/monde/plus-tard.md": (
        "---\nheadline: Plus tard\nauthor: chloe\nsections: [monde]\n"
        f"date: 2023-10-19T18:40:00\npublish_at: {publish.isoformat()}\n---\nTexte.\n")})
    age(root)
    build(Project(root), root / "public", OPTIONS)
    later = replace(OPTIONS, clock=CLOCK + timedelta(minutes=30))
    assert build(Project(root), root / "public", later).up_to_date
    report = build(Project(root), root / "public", replace(OPTIONS, clock=publish))
    assert not report.up_to_date and report.hidden == 0


def test_the_clock_span_ends_at_the_next_change_of_any_kind() -> None:
    clock = datetime(2026, 1, 10, tzinfo=timezone.utc)
    recent = make_article(date=clock - timedelta(days=1))  # in the news sitemap for a day
    scheduled = make_article(date=clock - timedelta(days=30),
                             publish_at=clock + timedelta(days=3))
    span = clock_span([recent, scheduled], clock)
    assert span == ClockSpan(clock - timedelta(days=1), clock + timedelta(days=1))
    assert span.holds(clock + timedelta(hours=23))
    assert not span.holds(clock + timedelta(days=1))
    assert not span.holds(clock - timedelta(days=1))
    exact = clock_span([recent], clock - timedelta(days=1))
    assert exact.holds(clock - timedelta(days=1))
    assert not exact.holds(clock - timedelta(days=1) + timedelta(seconds=1))
