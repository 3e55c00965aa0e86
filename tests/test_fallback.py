"""Untranslated articles: hidden, or shown under another language's chrome with a notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SITE_YAML, SiteWriter, article, build_site, html

ONLY_FR = {"content/fr/monde/seul.md": article("Seulement en français", date="2023-10-20T09:00",
                                                extra="translation_key: seul\n")}


def site_yaml(policy: str, culture: str = "") -> str:
    yaml = SITE_YAML + f"fallback: {policy}\n"
    if culture:
        yaml = yaml.replace("  culture: {fr:", f"  culture: {{fallback: {culture}, fr:")
    return yaml


@pytest.fixture
def notice_site(write_site: SiteWriter) -> Path:
    root = write_site({"site.yaml": site_yaml("notice"), **ONLY_FR})
    build_site(root)
    return root / "public"


def test_hide_leaves_no_page_in_other_languages(write_site: SiteWriter) -> None:
    root = write_site({"site.yaml": site_yaml("hide"), **ONLY_FR})
    build_site(root)
    assert not (root / "public/en/world/seulement-en-francais").exists()
    assert not (root / "public/da/verden/seulement-en-francais").exists()


def test_notice_page_shows_the_original_under_local_chrome(notice_site: Path) -> None:
    page = html(notice_site / "en/world/seulement-en-francais/index.html")
    assert page.html["lang"] == "en"
    assert page.select_one(".untranslated-notice strong").get_text() == (
        "This article is not yet translated.")
    assert page.h1.get_text() == "Seulement en français" and page.h1["lang"] == "fr"
    assert page.select_one(".article__body")["lang"] == "fr"
    assert page.select_one("link[rel=canonical]")["href"] == (
        "https://news.example.org/monde/seulement-en-francais/")
    assert page.select("link[hreflang]") == []
    assert page.select_one(".sections-nav [aria-current]").get_text() == "World"
    danish = html(notice_site / "da/verden/seulement-en-francais/index.html")
    assert danish.select_one(".untranslated-notice strong").get_text() == (
        "Denne artikel er endnu ikke oversat.")


def test_notice_pages_are_listed_with_a_badge_but_not_in_feeds_or_sitemap(
    notice_site: Path,
) -> None:
    listing = html(notice_site / "en/world/index.html")
    titles = {t.get_text(strip=True): t for t in listing.select(".teaser__title")}
    assert titles["Seulement en français"]["lang"] == "fr"
    assert listing.select_one(".badge--original").get_text() == "Not yet translated"
    sitemap = (notice_site / "sitemap.xml").read_text()
    assert "/monde/seulement-en-francais/" in sitemap
    assert "/en/world/seulement-en-francais/" not in sitemap
    assert "seulement" not in (notice_site / "en/feed.xml").read_text()


def test_switcher_only_offers_real_translations(notice_site: Path) -> None:
    original = html(notice_site / "monde/seulement-en-francais/index.html")
    english = original.select_one('.lang-switcher a[lang="en"]')
    assert english["href"] == "/en/world/" and "alternate" not in english.get("rel", [])
    assert original.select(".translations a") == []


def test_a_section_may_choose_otherwise(write_site: SiteWriter) -> None:
    root = write_site({"site.yaml": site_yaml("notice", culture="hide"), **ONLY_FR,
                       "content/fr/culture/expo.md": article("Expo", sections="[culture]")})
    build_site(root)
    assert (root / "public/en/world/seulement-en-francais/index.html").is_file()
    assert not (root / "public/en/culture/expo").exists()


def test_every_language_has_section_and_author_pages(write_site: SiteWriter) -> None:
    root = write_site({"site.yaml": site_yaml("hide"), **ONLY_FR})
    build_site(root)
    for path in ("da/verden/index.html", "da/authors/chloe/index.html", "da/tags/index.html"):
        assert html(root / "public" / path).h1
