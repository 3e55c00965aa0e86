"""The editorial clock: drafts, scheduled and expired articles, and the next change."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from conftest import SiteWriter, article, build_site, html
from sitegen.cli import main

FILES = {
    "content/fr/monde/draft.md": article("Un brouillon", extra="draft: true\n"),
    "content/fr/monde/later.md": article("Publié plus tard", date="2026-01-03T09:00:00",
                                         extra="tags: [Irak]\n"),
    "content/fr/monde/gone.md": article("Déjà expiré", extra="expire_at: 2025-06-01T00:00\n"),
    "content/fr/monde/soon-gone.md": article("Bientôt expiré",
                                             extra="expire_at: 2026-01-02T12:00\n"),
    "content/en/world/later.md": article("Published later", date="2025-12-01T09:00:00",
                                         extra="translation_key: missiles-later\n"),
    "content/fr/monde/later-key.md": article("Traduit plus tard", date="2026-02-01T09:00:00",
                                             extra="translation_key: missiles-later\n"),
}


def titles(public: Path, path: str) -> list[str]:
    return [a.get_text(strip=True) for a in html(public / path).select(".teaser__title")]


def test_left_out_articles_vanish_from_every_output(write_site: SiteWriter) -> None:
    root = write_site(FILES)
    build_site(root)
    public = root / "public"
    shown = titles(public, "monde/index.html")
    assert shown == ["Des missiles frappent une base", "Bientôt expiré"]
    assert not (public / "monde/page/2").exists()
    for hidden in ("Un brouillon", "Publié plus tard", "Déjà expiré", "Traduit plus tard"):
        assert hidden not in shown
        assert hidden not in (public / "feed.xml").read_text()
        assert hidden not in (public / "sitemap.xml").read_text()
    assert not (public / "monde/publie-plus-tard").exists()
    assert titles(public, "tags/irak/index.html") == ["Des missiles frappent une base"]
    english = html(public / "en/world/published-later/index.html")
    assert english.select(".translations a") == []  # its French twin is not out yet


def test_future_flag_and_clock_publish_scheduled_articles(write_site: SiteWriter) -> None:
    from datetime import datetime, timezone

    root = write_site(FILES)
    build_site(root, future=True)
    assert (root / "public/monde/publie-plus-tard/index.html").is_file()
    build_site(root, clock=datetime(2026, 1, 4, tzinfo=timezone.utc))
    assert (root / "public/monde/publie-plus-tard/index.html").is_file()
    assert not (root / "public/monde/bientot-expire").exists()


def test_report_names_the_next_change(write_site: SiteWriter, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    root = write_site(FILES)
    report = tmp_path / "report.json"
    assert main(["build", "--source", str(root), "--clock", "2026-01-01T08:00:00+01:00",
                 "--report-json", str(report)]) == 0
    assert "next scheduled change: 2026-01-02T12:00:00+01:00" in capsys.readouterr().out
    figures = json.loads(report.read_text())
    assert figures["next_change"] == "2026-01-02T12:00:00+01:00"
    assert figures["articles_left_out"] == 4
    assert figures["pages"]["fr/article"] == 2


def test_list_command_prints_paths_and_times(write_site: SiteWriter,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = write_site(FILES)
    clock = ["--clock", "2026-01-01T08:00:00+01:00"]
    assert main(["list", "scheduled", "--source", str(root), *clock]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [r[0] for r in rows] == ["content/fr/monde/later.md", "content/fr/monde/later-key.md"]
    assert rows[0][1] == "2026-01-03T09:00:00+01:00"
    assert main(["list", "drafts", "--source", str(root), *clock]) == 0
    assert capsys.readouterr().out.split("\t")[0] == "content/fr/monde/draft.md"
    assert main(["list", "expired", "--source", str(root), *clock]) == 0
    assert capsys.readouterr().out.split("\t")[0] == "content/fr/monde/gone.md"


def test_feed_of_scheduled_article_appears_once_published(write_site: SiteWriter) -> None:
    from datetime import datetime, timezone

    root = write_site(FILES)
    build_site(root, clock=datetime(2026, 1, 3, 9, 30, tzinfo=timezone.utc))
    entries = feedparser.parse((root / "public/feed.xml").read_bytes()).entries
    assert entries[0].title == "Publié plus tard"
