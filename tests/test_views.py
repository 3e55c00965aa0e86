"""Views: an article's links to its sections and tags, per language, made once per build."""

from __future__ import annotations

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
