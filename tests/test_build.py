"""Integration: small sites built into tmp_path, checked through an HTML parser."""

from __future__ import annotations

from pathlib import Path

from conftest import SiteWriter, article, build_site, html


def test_article_page_has_headline_byline_card_and_comments(write_site: SiteWriter) -> None:
    root = write_site({"content/fr/monde/missiles.md": article(
        "Des missiles frappent une base", extra="translation_key: missiles\n"
        "dek: Des roquettes ont frappé.\n")})
    build_site(root)
    page = html(root / "public/monde/des-missiles-frappent-une-base/index.html")
    assert page.html["lang"] == "fr" and page.html["dir"] == "ltr"
    assert page.select_one("h1.article__headline").get_text() == "Des missiles frappent une base"
    assert page.select_one(".article__dek").get_text() == "Des roquettes ont frappé."
    assert page.select_one(".byline__authors a").get_text() == "Chloé"
    assert page.select_one(".byline time").get_text() == "jeudi 19 octobre 2023"
    assert page.select_one(".byline time")["datetime"] == "2023-10-19T18:40:00+02:00"
    card = page.select_one(".author-card")
    assert card.select_one(".author-card__name").get_text() == "Chloé"
    assert card.select_one(".author-card__role").get_text() == "Rédactrice en chef"
    assert card.select_one(".author-card__bio").get_text() == "Elle anime la rédaction."
    assert card.select_one("img")["src"] == "/images/authors/chloe.svg"
    assert page.select_one("#comments-title").get_text() == "Partagez votre avis"


def test_dates_and_ui_are_localized_per_language(write_site: SiteWriter) -> None:
    root = write_site({"content/da/verden/missiler.md": article(
        "Missiler rammer en base", date="2023-10-19T21:00:00",
        extra="translation_key: missiles\n")})
    build_site(root)
    en = html(root / "public/en/world/missiles-hit-a-base/index.html")
    da = html(root / "public/da/verden/missiler-rammer-en-base/index.html")
    assert en.select_one(".byline time").get_text() == "Thursday, 19 October 2023"
    assert da.select_one(".byline time").get_text() == "torsdag den 19. oktober 2023"
    assert en.select_one("#comments-title").get_text() == "Share your opinion"
    assert da.select_one("#comments-title").get_text() == "Del din mening"
    assert en.html["lang"] == "en" and da.html["lang"] == "da"
    assert da.select_one(".author-card__bio").get_text() == "Hun leder redaktionen."


def test_translations_link_each_other_in_both_directions(write_site: SiteWriter) -> None:
    root = write_site()
    build_site(root)
    fr = html(root / "public/monde/des-missiles-frappent-une-base/index.html")
    en = html(root / "public/en/world/missiles-hit-a-base/index.html")
    assert [a["href"] for a in fr.select(".translations a")] == ["/en/world/missiles-hit-a-base/"]
    assert [a["href"] for a in en.select(".translations a")] == [
        "/monde/des-missiles-frappent-une-base/"]
    hreflangs = {link["hreflang"]: link["href"]
                 for link in fr.select("link[rel=alternate][hreflang]")}
    assert hreflangs == {
        "fr": "https://news.example.org/monde/des-missiles-frappent-une-base/",
        "en": "https://news.example.org/en/world/missiles-hit-a-base/",
        "x-default": "https://news.example.org/monde/des-missiles-frappent-une-base/",
    }
    da_link = fr.select_one('.lang-switcher a[lang="da"]')
    assert da_link["href"] == "/da/verden/" and "alternate" not in da_link.get("rel", [])


def test_translations_by_same_path_without_key(write_site: SiteWriter) -> None:
    root = write_site({
        "content/fr/culture/expo.md": article("Une exposition", sections="[culture]"),
        "content/en/culture/expo.md": article("An exhibition", sections="[culture]"),
    })
    build_site(root)
    fr = html(root / "public/culture/une-exposition/index.html")
    assert [a["href"] for a in fr.select(".translations a")] == ["/en/culture/an-exhibition/"]


def test_listing_pages_are_paginated(write_site: SiteWriter) -> None:
    files = {f"content/fr/monde/n{i}.md": article(f"Nouvelle {i}", date=f"2023-11-0{i}T10:00")
             for i in range(1, 5)}
    root = write_site(files)
    build_site(root)
    first = html(root / "public/monde/index.html")
    second = html(root / "public/monde/page/2/index.html")
    third = html(root / "public/monde/page/3/index.html")
    assert [h.get_text(strip=True) for h in first.select(".teaser__title")] == [
        "Nouvelle 4", "Nouvelle 3"]
    assert first.select_one("a[rel=next]")["href"] == "/monde/page/2/"
    assert second.select_one("a[rel=prev]")["href"] == "/monde/"
    assert second.select_one("a[rel=next]")["href"] == "/monde/page/3/"
    assert third.select_one("a[rel=next]") is None
    assert third.select_one(".pagination [aria-current=page]").get_text() == "3"


def test_section_tag_author_and_tags_pages(write_site: SiteWriter) -> None:
    root = write_site()
    build_site(root)
    public = root / "public"
    assert html(public / "monde/index.html").h1.get_text() == "Monde"
    tag = html(public / "tags/irak/index.html")
    assert tag.h1.get_text() == "Irak"
    assert tag.select_one(".teaser__title a")["href"] == "/monde/des-missiles-frappent-une-base/"
    author = html(public / "en/authors/chloe/index.html")
    assert author.h1.get_text() == "Chloé"
    assert author.select_one(".listing-header__role").get_text() == "Editor-in-chief"
    assert [a.get_text() for a in html(public / "tags/index.html").select(".tag-cloud a")] == [
        "Irak"]
    assert html(public / "404.html").h1.get_text() == "Page introuvable"
    assert html(public / "en/404.html").h1.get_text() == "Page not found"


def test_home_shows_lead_story_and_section_blocks(write_site: SiteWriter) -> None:
    root = write_site({"content/fr/culture/expo.md": article(
        "Une exposition", sections="[culture]", date="2023-10-01T10:00")})
    build_site(root)
    home = html(root / "public/index.html")
    assert home.select_one(".teaser--lead .teaser__title").get_text(strip=True) == (
        "Des missiles frappent une base")
    blocks = [h.get_text(strip=True) for h in home.select(".section-block h2")]
    assert blocks == ["Monde", "Culture"]


def test_default_language_may_live_under_its_prefix(write_site: SiteWriter) -> None:
    from conftest import SITE_YAML

    root = write_site({"site.yaml": SITE_YAML + "default_language_at_root: false\n"})
    build_site(root)
    assert (root / "public/fr/monde/des-missiles-frappent-une-base/index.html").is_file()
    assert not (root / "public/monde").exists()


def test_static_files_are_copied_as_is(write_site: SiteWriter) -> None:
    root = write_site({"static/images/x.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    build_site(root)
    assert (root / "public/images/x.svg").read_text() == "<svg xmlns='http://www.w3.org/2000/svg'/>"


def test_drafts_are_left_out_unless_asked(write_site: SiteWriter) -> None:
    root = write_site({"content/fr/monde/draft.md": article("Brouillon", extra="draft: true\n")})
    build_site(root)
    assert not (root / "public/monde/brouillon").exists()
    build_site(root, drafts=True)
    assert (root / "public/monde/brouillon/index.html").is_file()


def test_same_input_gives_identical_output(write_site: SiteWriter, tmp_path: Path) -> None:
    root = write_site()
    build_site(root)
    first = {p.relative_to(root / "public"): p.read_bytes()
             for p in (root / "public").rglob("*") if p.is_file()}
    build_site(root)
    second = {p.relative_to(root / "public"): p.read_bytes()
              for p in (root / "public").rglob("*") if p.is_file()}
    assert first == second


def test_language_date_format_overrides_the_locale_pattern(write_site: SiteWriter) -> None:
    from conftest import SITE_YAML

    yaml = SITE_YAML.replace("locale: en_GB}", "locale: en_GB, date_format: EEEE d MMMM y}")
    root = write_site({"site.yaml": yaml})
    build_site(root)
    en = html(root / "public/en/world/missiles-hit-a-base/index.html")
    assert en.select_one(".byline time").get_text() == "Thursday 19 October 2023"
