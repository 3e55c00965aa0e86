"""The commonmark engine: pulldown-cmark's events written as HTML by sitegen."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.commonmark import CommonMarkRenderer
from sitegen.config import MarkdownSettings
from sitegen.document import SourceFile, Vocabulary, parse_document
from sitegen.engines import new_renderer
from sitegen.errors import Problem
from sitegen.frontmatter import split_front_matter
from sitegen.links import REF_SCHEME
from sitegen.markup import MarkdownRenderer
from sitegen.model import Heading
from sitegen.slug import unique_id
from sitegen.typography import load_rules

ROOT = Path(__file__).resolve().parents[1]
NBSP, NNBSP = "\u00a0", "\u202f"


def soup(text: str, *, lang: str | None = None, source: str = "content/fr/monde/a.md") -> Tag:
    rules = load_rules(lang) if lang else None
    parsed = BeautifulSoup(CommonMarkRenderer(rules=rules).render(text, source).html, "html5lib")
    assert parsed.body is not None
    return parsed.body


def test_the_default_engine_is_commonmark() -> None:
    assert isinstance(new_renderer(), CommonMarkRenderer)
    assert isinstance(new_renderer(MarkdownSettings(engine="python-markdown")), MarkdownRenderer)


def test_subheadings_get_ids_and_are_listed_from_level_two_to_four() -> None:
    text = "# Titre\n\n## Lien avec *Gaza*\n\n### Détails\n\n##### Profond\n\n## Lien avec Gaza\n"
    rendered = CommonMarkRenderer().render(text)
    assert rendered.headings == (
        Heading(2, "Lien avec Gaza", "lien-avec-gaza"),
        Heading(3, "Détails", "details"),
        Heading(2, "Lien avec Gaza", "lien-avec-gaza_1"),
    )
    body = BeautifulSoup(rendered.html, "html5lib")
    assert [h.get("id") for h in body.find_all(["h1", "h2", "h3", "h5"])] == [
        "titre", "lien-avec-gaza", "details", "profond", "lien-avec-gaza_1"]


def test_a_written_heading_id_is_kept_and_never_reused() -> None:
    body = soup("## Contexte {#contexte .wide}\n\n## Contexte\n")
    first, second = body.find_all("h2")
    assert (first["id"], first["class"]) == ("contexte", ["wide"])
    assert second["id"] == "contexte_1"


def test_unique_id_counts_on_from_a_numbered_id() -> None:
    taken = {"a", "a_1", "b_2"}
    assert [unique_id("a", taken), unique_id("b_2", taken), unique_id("", taken)] == [
        "a_2", "b_3", "_1"]


def test_links_to_source_files_become_placeholders_and_are_collected() -> None:
    rendered = CommonMarkRenderer().render(
        "Voir [l'expo](../culture/expo.md#salle), [le site](https://example.org/) "
        "et ![Une carte](/images/carte.svg \"Carte\").", "content/fr/monde/a.md")
    body = BeautifulSoup(rendered.html, "html5lib")
    assert [a["href"] for a in body.find_all("a")] == [
        f"{REF_SCHEME}content/fr/culture/expo.md#salle", "https://example.org/"]
    assert [(link.target, link.fragment, link.article, link.image) for link in rendered.links] == [
        ("content/fr/culture/expo.md", "salle", True, False),
        ("https://example.org/", "", False, False),
        ("/images/carte.svg", "", False, True),
    ]
    image = body.find("img")
    assert (image["alt"], image["src"], image["title"]) == ("Une carte", "/images/carte.svg",
                                                           "Carte")
    assert rendered.links[2].alt == "Une carte"


def test_email_autolinks_get_mailto_and_keep_their_text() -> None:
    link = soup("Écrire à <redaction@example.org> !", lang="fr").find("a")
    assert (link["href"], link.get_text()) == ("mailto:redaction@example.org",
                                               "redaction@example.org")


def test_tables_keep_their_alignment() -> None:
    body = soup("| Ville | Habitants |\n|:--|--:|\n| Lyon | 522 000 |\n")
    assert [th.get("style") for th in body.select("thead th")] == [
        "text-align: left;", "text-align: right;"]
    assert [td.get_text() for td in body.select("tbody td")] == ["Lyon", "522 000"]


def test_footnotes_use_python_markdowns_markup() -> None:
    body = soup("Un fait[^src] et un autre[^2].\n\n[^src]: Selon l'AFP.\n[^2]: Source : Reuters.\n",
                lang="fr")
    refs = body.select("sup a.footnote-ref")
    assert [(a["href"], a.get_text()) for a in refs] == [("#fn:src", "1"), ("#fn:2", "2")]
    items = body.select("div.footnote ol li")
    assert [li["id"] for li in items] == ["fn:src", "fn:2"]
    assert items[0].find("a", class_="footnote-backref")["href"] == "#fnref:src"
    assert items[1].p.get_text().startswith(f"Source{NNBSP}: Reuters.")
    assert body.select("p")[0].get_text() == "Un fait1 et un autre2."


def test_an_undefined_footnote_stays_as_written() -> None:
    assert soup("Voir [^manque].").p.get_text() == "Voir [^manque]."


def test_definition_lists_strikethrough_and_ordered_start() -> None:
    body = soup("Terme\n: Définition\n\n~~faux~~\n\n3. trois\n4. quatre\n")
    assert (body.dt.get_text(), body.dd.get_text()) == ("Terme", "Définition")
    assert body.find("del").get_text() == "faux"
    assert body.ol["start"] == "3"


def test_fenced_code_keeps_its_language_and_its_text() -> None:
    code = soup('```python\nx = "a" : 1\n```\n', lang="fr").find("code")
    assert (code["class"], code.get_text()) == (["language-python"], 'x = "a" : 1\n')


def test_hard_breaks_and_rules() -> None:
    body = soup("ligne  \nsuite\n\n---\n")
    assert body.p.find("br") is not None and body.find("hr") is not None


def test_placeholder_marks_in_the_source_are_dropped() -> None:
    assert soup('Il dit \x02"oui"\x03.', lang="fr").p.get_text() == f"Il dit «{NBSP}oui{NBSP}»."


# Markdown without a backslash, and without what would swallow a paragraph added after it
# (an unclosed fence or raw HTML block) or move its own text to the end (footnotes).
_PLAIN_MARKDOWN = st.text(alphabet="ab 1234\n*_\"':;!?#->[]()«»{}.,", max_size=80)


@settings(max_examples=300, deadline=None)
@given(_PLAIN_MARKDOWN)
def test_a_backslash_elsewhere_in_the_body_changes_nothing_else(text: str) -> None:
    """A body with a backslash is read from the ranged events, one without from the plain
    ones: both must typeset, link and count the same text alike."""
    rules = load_rules("fr")
    plain = CommonMarkRenderer(rules=rules).render(text, "content/fr/monde/a.md")
    escaped = CommonMarkRenderer(rules=rules).render(text + "\n\n\\\\", "content/fr/monde/a.md")
    assert escaped.html == (plain.html + "\n<p>\\</p>").lstrip("\n")
    assert (escaped.headings, escaped.links) == (plain.headings, plain.links)
    assert escaped.word_count == plain.word_count


def test_summary_and_word_count() -> None:
    rendered = CommonMarkRenderer().render("Premier *paragraphe* ici.\n\n## Titre\n\nDeux mots.")
    assert rendered.first_paragraph == "Premier paragraphe ici."
    assert rendered.word_count == 6


@pytest.mark.parametrize("path", sorted((ROOT / "content").glob("*/*/*.md")),
                         ids=lambda path: path.relative_to(ROOT / "content").as_posix())
def test_both_engines_render_every_demo_article_alike(path: Path) -> None:
    """The demo is written in the Markdown both engines share: switching engines changes nothing."""
    lang = path.relative_to(ROOT / "content").parts[0]
    source = SourceFile(path.relative_to(ROOT).as_posix(), lang, path.read_bytes())
    split = split_front_matter(path.read_text("utf-8"), source.path)
    assert not isinstance(split, Problem)
    rendered = [new_renderer(MarkdownSettings(engine=engine), load_rules(lang)).render(
        split.body, source.path) for engine in ("commonmark", "python-markdown")]
    assert rendered[0] == rendered[1]
    assert rendered[0].html.strip()


def test_both_engines_agree_on_a_parsed_document() -> None:
    text = ("---\nheadline: Titre\nauthor: chloe\nsections: [monde]\ndate: 2024-01-01\n---\n"
            "Il a dit \"oui\" : [voir](../culture/b.md).\n\n## Suite\n\nFin.\n")
    vocabulary = Vocabulary({"chloe"}, {"monde"}, ZoneInfo("Europe/Paris"))
    source = SourceFile("content/fr/monde/a.md", "fr", text.encode())
    articles = [parse_document(source, vocabulary, new_renderer(
        MarkdownSettings(engine=engine), load_rules("fr"))).article
        for engine in ("commonmark", "python-markdown")]
    assert articles[0] is not None and articles[0] == articles[1]
    assert [link.line for link in articles[0].links] == [7]
