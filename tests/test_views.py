"""Views: an article's links to its sections and tags, per language, made once per build."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import CLOCK, SiteWriter, article
from sitegen.build import plan_site
from sitegen.loading import BuildOptions
from sitegen.project import Project


def test_section_and_tag_links_are_per_language_and_shared_by_every_view(
        write_site: SiteWriter) -> None:
    root = write_site({
        "content/fr/monde/eau.md": article("Eau", extra="tags: [Irak, Eau douce]\n"),
        "content/fr/monde/feu.md": article("Feu", extra="tags: [Irak]\n"),
    })
    views = plan_site(Project(root), BuildOptions(clock=CLOCK)).views
    eau, feu = views.article("content/fr/monde/eau.md"), views.article("content/fr/monde/feu.md")
    english = views.article("content/en/world/missiles.md")
    assert [(t.text, t.url) for t in eau.tags] == [("Irak", "/tags/irak/"),
                                                   ("Eau douce", "/tags/eau-douce/")]
    assert (eau.sections[0].text, eau.sections[0].url) == ("Monde", "/monde/")
    assert (english.sections[0].text, english.sections[0].url) == ("World", "/en/world/")
    # One link object per tag and language, whichever article shows it.
    assert feu.tags[0] is eau.tags[0]
    assert views.section_link("monde", "fr") is eau.sections[0]
    assert views.section_link("monde", "en") is english.sections[0]


def test_a_body_is_resolved_where_it_is_shown_in_its_own_language_and_not_kept(
        write_site: SiteWriter) -> None:
    """Links to other articles become their URLs (the translation's, when there is one),
    on every use: a view keeps no resolved copy of its body, which would cost every worker
    a copy of the archive."""
    root = write_site({
        "content/fr/monde/renvoi.md": article(
            "Renvoi", body="Voir [l'article](missiles.md#lien-avec-gaza).\n"),
        "content/en/world/back.md": article(
            "Back", body="See [this](../../fr/monde/missiles.md).\n"),
    })
    views = plan_site(Project(root), BuildOptions(clock=CLOCK)).views
    french, english = (views.article("content/fr/monde/renvoi.md"),
                       views.article("content/en/world/back.md"))
    assert b"missiles.md" in french.body_html  # still a placeholder in the view itself
    hrefs = [a["href"] for a in BeautifulSoup(french.body, "html.parser").find_all("a")]
    assert hrefs == [views.article("content/fr/monde/missiles.md").url + "#lien-avec-gaza"]
    english_hrefs = [a["href"] for a in BeautifulSoup(english.body, "html.parser").find_all("a")]
    assert english_hrefs == [views.article("content/en/world/missiles.md").url]
    assert french.body == french.body and french.body is not french.body
    assert "body" not in {name for name in dir(french) if name in french.__slots__}
