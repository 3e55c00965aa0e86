"""Feeds, sitemaps, robots.txt, and the metadata in every page's head."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from conftest import SiteWriter, article, build_site, html

SCHEMAS = Path(__file__).parent / "schemas"
IMPORTS = {
    "http://www.sitemaps.org/schemas/sitemap/0.9": "sitemap.xsd",
    "http://www.w3.org/1999/xhtml": "xhtml.xsd",
    "http://www.google.com/schemas/sitemap-news/0.9": "sitemap-news.xsd",
}
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml",
      "n": "http://www.google.com/schemas/sitemap-news/0.9"}
HOSTILE = '</script><script>alert(1)</script> "quoted" & <b>'


def sitemap_schema() -> etree.XMLSchema:
    imports = "".join(f'<xsd:import namespace="{ns}" schemaLocation="{(SCHEMAS / name).as_uri()}"/>'
                      for ns, name in IMPORTS.items())
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


def assert_valid_sitemap(path: Path) -> etree._ElementTree:
    tree = etree.parse(str(path))
    schema = sitemap_schema()
    assert schema.validate(tree), schema.error_log
    return tree


@pytest.fixture
def public(write_site: SiteWriter) -> Path:
    root = write_site({"content/fr/monde/recent.md": article(
        "Une nouvelle toute fraîche", date="2025-12-31T20:00:00",
        extra="tags: [Irak, Europe]\nimage: {src: /images/x.svg, alt: Une carte}\n"
              "updated: 2026-01-01T07:00:00\n")})
    build_site(root)
    return root / "public"


def test_language_feeds_parse_without_warnings(public: Path) -> None:
    for path in ["feed.xml", "rss.xml", "en/feed.xml", "en/rss.xml", "monde/feed.xml",
                 "authors/chloe/feed.xml", "da/verden/feed.xml"]:
        feed = feedparser.parse((public / path).read_bytes())
        assert feed.bozo == 0, (path, feed.get("bozo_exception"))
        for entry in feed.entries:
            assert entry.title and entry.link and entry.published_parsed and entry.author


def test_atom_feed_entries_are_newest_first_with_language_and_stable_ids(public: Path) -> None:
    feed = feedparser.parse((public / "feed.xml").read_bytes())
    assert feed.feed.language == "fr"
    assert [e.title for e in feed.entries] == ["Une nouvelle toute fraîche",
                                               "Des missiles frappent une base"]
    first = feed.entries[0]
    assert first.link == "https://news.example.org/monde/une-nouvelle-toute-fraiche/"
    assert first.id == "tag:news.example.org,2025-12-31:path:monde/recent/fr"
    assert {t.term for t in first.tags} == {"Monde", "Irak", "Europe"}
    assert first.summary == "Premier paragraphe."
    assert "<p>Premier paragraphe.</p>" in first.content[0].value


def test_entry_id_survives_a_headline_edit(write_site: SiteWriter) -> None:
    root = write_site()
    build_site(root)
    before = feedparser.parse((root / "public/feed.xml").read_bytes()).entries[0].id
    path = root / "content/fr/monde/missiles.md"
    path.write_text(path.read_text().replace("Des missiles", "Trois missiles"))
    build_site(root)
    after = feedparser.parse((root / "public/feed.xml").read_bytes()).entries[0]
    assert after.title.startswith("Trois") and after.id == before


def test_rss_feed_has_language_and_guid(public: Path) -> None:
    feed = feedparser.parse((public / "en/rss.xml").read_bytes())
    assert feed.version == "rss20" and feed.feed.language == "en"
    assert feed.entries[0].id == "tag:news.example.org,2023-10-19:missiles/en"


def test_sitemap_is_valid_and_hreflang_sets_are_reciprocal(public: Path) -> None:
    tree = assert_valid_sitemap(public / "sitemap.xml")
    alternates: dict[str, dict[str, str]] = {}
    for url in tree.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert url.findtext("s:lastmod", namespaces=NS)
        alternates[loc] = {link.get("hreflang"): link.get("href")
                           for link in url.findall("x:link", NS)}
    fr = "https://news.example.org/monde/des-missiles-frappent-une-base/"
    en = "https://news.example.org/en/world/missiles-hit-a-base/"
    assert alternates[fr] == {"fr": fr, "en": en, "x-default": fr}
    for loc, links in alternates.items():
        for code, href in links.items():
            if code != "x-default":
                assert alternates[href].get(code) == href
                assert loc in alternates[href].values()
    assert not any(loc.endswith("404.html") for loc in alternates)


def test_news_sitemap_lists_the_last_two_days(public: Path) -> None:
    tree = assert_valid_sitemap(public / "news-sitemap.xml")
    titles = [t.text for t in tree.iterfind(".//n:title", NS)]
    assert titles == ["Une nouvelle toute fraîche"]
    assert tree.findtext(".//n:language", namespaces=NS) == "fr"
    assert tree.findtext(".//n:name", namespaces=NS) == "Le Petit Test"


def test_robots_names_both_sitemaps(public: Path) -> None:
    lines = (public / "robots.txt").read_text().splitlines()
    assert "Sitemap: https://news.example.org/sitemap.xml" in lines
    assert "Sitemap: https://news.example.org/news-sitemap.xml" in lines


def test_article_head_has_open_graph_and_feeds(public: Path) -> None:
    page = html(public / "monde/une-nouvelle-toute-fraiche/index.html")
    meta = {(m.get("property") or m.get("name")): m["content"] for m in page.select("meta[content]")
            if m.get("property") not in ("article:tag", "article:section")}
    assert meta["og:type"] == "article"
    assert meta["og:url"] == "https://news.example.org/monde/une-nouvelle-toute-fraiche/"
    assert meta["og:image"] == "https://news.example.org/images/x.svg"
    assert meta["og:image:alt"] == "Une carte"
    assert meta["og:locale"] == "fr_FR"
    assert meta["article:published_time"] == "2025-12-31T20:00:00+01:00"
    assert meta["article:modified_time"] == "2026-01-01T07:00:00+01:00"
    assert meta["description"] == "Premier paragraphe."
    assert meta["twitter:card"] == "summary_large_image"
    tags = [m["content"] for m in page.select('meta[property="article:tag"]')]
    assert tags == ["Irak", "Europe"]
    feeds = [link["href"] for link in page.select('link[rel=alternate][type$="xml"]')]
    assert feeds == ["/feed.xml", "/rss.xml", "/monde/feed.xml"]


def test_json_ld_news_article(public: Path) -> None:
    page = html(public / "monde/une-nouvelle-toute-fraiche/index.html")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Une nouvelle toute fraîche"
    assert data["inLanguage"] == "fr"
    assert data["author"] == [{"@type": "Person", "name": "Chloé",
                               "url": "https://news.example.org/authors/chloe/"}]
    assert data["publisher"]["@type"] == "Organization"
    assert data["mainEntityOfPage"]["@id"] == data["url"]
    home = html(public / "index.html")
    types = [d["@type"] for d in json.loads(home.select_one(
        'script[type="application/ld+json"]').string)]
    assert types == ["WebSite", "Organization"]


def test_hostile_headline_stays_inert_everywhere(write_site: SiteWriter) -> None:
    root = write_site({"content/fr/monde/missiles.md": article(
        "'" + HOSTILE.replace("'", "''") + "'", extra="tags: ['<i>tag</i>']\n")})
    build_site(root)
    public = root / "public"
    page = html(next(public.glob("monde/*/index.html")))
    scripts = page.select("script")
    assert len(scripts) == 1  # only the JSON-LD: nothing broke out of it
    assert json.loads(scripts[0].string)["headline"] == HOSTILE
    assert page.h1.get_text() == HOSTILE
    assert page.select_one('meta[property="og:title"]')["content"].startswith(HOSTILE)
    assert feedparser.parse((public / "feed.xml").read_bytes()).entries[0].title == HOSTILE
    assert_valid_sitemap(public / "sitemap.xml")


def test_no_news_sitemap_without_recent_articles(write_site: SiteWriter) -> None:
    root = write_site()
    build_site(root)
    assert not (root / "public/news-sitemap.xml").exists()
    assert "news-sitemap" not in (root / "public/robots.txt").read_text()


def test_large_sitemaps_split_per_language_under_an_index(
    write_site: SiteWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitegen.sitemaps

    monkeypatch.setattr(sitegen.sitemaps, "MAX_URLS", 5)
    root = write_site()
    build_site(root)
    public = root / "public"
    index = etree.parse(str(public / "sitemap.xml"))
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "siteindex.xsd")))
    assert schema.validate(index), schema.error_log
    parts = [loc.text.rsplit("/", 1)[1] for loc in index.iterfind(".//s:loc", NS)]
    assert parts[:2] == ["sitemap-fr-1.xml", "sitemap-fr-2.xml"] and "sitemap-en-1.xml" in parts
    for name in parts:
        tree = assert_valid_sitemap(public / name)
        assert len(tree.findall("s:url", NS)) <= 5
