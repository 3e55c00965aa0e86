"""The demo newsroom: the seed article, its translations, and every page kind, parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import html
from demo import build_demo

SEED = "monde/des-missiles-frappent-une-base-militaire-avec-des-soldats-americains-en-irak/"


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "public")


def test_seed_article_in_french_with_author_card_and_comments(public: Path) -> None:
    page = html(public / SEED / "index.html")
    assert page.html["lang"] == "fr"
    assert page.h1.get_text() == ("Des missiles frappent une base militaire avec des soldats "
                                  "américains en Irak")
    assert page.select_one(".article__dek").get_text().startswith("Des roquettes ont frappé")
    assert [h.get_text() for h in page.select(".article__body h2")] == ["Lien avec Gaza"]
    assert page.select_one(".byline time").get_text() == "jeudi 19 octobre 2023"
    card = page.select_one(".author-card")
    assert card.select_one(".author-card__name").get_text() == "Chloé"
    assert card.select_one(".author-card__bio").get_text().startswith(
        "Chloé, rédactrice en chef aguerrie, anime L'Indécapant")
    assert page.select_one("#comments-title").get_text() == "Partagez votre avis"


def test_seed_article_switches_to_english_and_danish(public: Path) -> None:
    page = html(public / SEED / "index.html")
    links = {a["lang"]: a["href"] for a in page.select(".translations a")}
    assert set(links) == {"en", "da"}
    for lang, href in links.items():
        translated = html(public / href.lstrip("/") / "index.html")
        assert translated.html["lang"] == lang
        back = {a["lang"]: a["href"] for a in translated.select(".translations a")}
        assert back["fr"] == "/" + SEED
    english = html(public / links["en"].lstrip("/") / "index.html")
    assert english.select_one(".byline time").get_text() == "Thursday 19 October 2023"
    assert english.select_one("#comments-title").get_text() == "Share your opinion"
    danish = html(public / links["da"].lstrip("/") / "index.html")
    assert danish.select_one(".byline time").get_text().startswith("torsdag den 19. oktober")


def test_arabic_pages_are_right_to_left(public: Path) -> None:
    home = html(public / "ar/index.html")
    assert home.html["lang"] == "ar" and home.html["dir"] == "rtl"
    assert home.select(".teaser__title")


def test_demo_has_every_page_kind_with_content(public: Path) -> None:
    home = html(public / "index.html")
    assert home.select_one(".teaser--lead .teaser__title")
    assert len(home.select(".section-block")) >= 4
    assert len(list(public.glob("*/*/index.html"))) >= 12
    assert html(public / "auteurs/chloe/index.html").select(".teaser")
    tags = html(public / "sujets/index.html").select(".tag-cloud a")
    assert len(tags) >= 5
    assert html(public / tags[0]["href"].lstrip("/") / "index.html").select(".teaser")
    assert list(public.rglob("page/2/index.html")), "some listing is long enough to paginate"


def test_every_image_reference_resolves(public: Path) -> None:
    for page_path in public.rglob("*.html"):
        for image in html(page_path).select("img"):
            assert (public / image["src"].lstrip("/")).is_file(), (page_path, image["src"])
            assert image.has_attr("alt")


def test_every_internal_link_resolves(public: Path) -> None:
    broken = []
    for page_path in public.rglob("*.html"):
        for anchor in html(page_path).select("a[href^='/']"):
            target = public / anchor["href"].split("#")[0].lstrip("/")
            if not (target / "index.html").is_file() and not target.is_file():
                broken.append((page_path.relative_to(public).as_posix(), anchor["href"]))
    assert broken == []


def test_demo_feeds_and_sitemaps_validate(public: Path) -> None:
    import feedparser

    from test_outputs import assert_valid_sitemap

    feeds = sorted(public.rglob("*.xml"))
    feeds = [p for p in feeds if p.name in ("feed.xml", "rss.xml")]
    assert len(feeds) >= 4 * 12
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, path
        for entry in parsed.entries:
            assert entry.title and entry.link and entry.published_parsed and entry.author
    assert_valid_sitemap(public / "sitemap.xml")
