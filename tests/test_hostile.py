"""Hostile and random input: always a document or a path:line problem, never a traceback."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SiteWriter, article, build_site, html
from sitegen.cli import main
from sitegen.config import MARKDOWN_ENGINES, MarkdownSettings
from sitegen.document import SourceFile, Vocabulary, parse_document
from sitegen.engines import new_renderer

VOCABULARY = Vocabulary({"chloe"}, {"monde"}, ZoneInfo("Europe/Paris"))
RENDERER = new_renderer()
RENDERERS = [new_renderer(MarkdownSettings(engine=engine)) for engine in MARKDOWN_ENGINES]
KEYS = st.sampled_from(["headline", "author", "authors", "sections", "date", "dek", "tags",
                        "slug", "image", "draft", "updated", "translation_key", "bogus"])
SCALARS = st.one_of(st.text(max_size=30), st.integers(), st.booleans(), st.none(),
                    st.floats(allow_nan=False), st.lists(st.text(max_size=10), max_size=3),
                    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))


def assert_document_or_located_problems(raw: bytes) -> None:
    result = parse_document(SourceFile("content/fr/x.md", "fr", raw), VOCABULARY, RENDERER)
    if result.article is None:
        errors = [p for p in result.problems if p.severity == "error"]
        assert errors and all(p.path == "content/fr/x.md" and p.line for p in errors)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_crash_the_parser(raw: bytes) -> None:
    assert_document_or_located_problems(raw)
    assert_document_or_located_problems(b"---\n" + raw + b"\n---\nbody\n")


MARKDOWNISH = st.text(alphabet=st.sampled_from(list("ab \n#*_`[]()!<>&\\|:-^{}=~\"'1.")
                                             + ["\x02", "\x03", "é", "\u202f"]), max_size=200)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH, st.sampled_from(RENDERERS))
def test_random_markdown_never_crashes_an_engine(text: str, renderer: object) -> None:
    body = parse_document(SourceFile("content/fr/x.md", "fr",
                                     f"---\nheadline: T\nauthor: chloe\nsections: [monde]\n"
                                     f"date: 2024-01-01\n---\n{text}".encode()),
                          VOCABULARY, renderer)  # type: ignore[arg-type]
    assert body.article is not None
    assert b"\x02" not in body.article.body_html and b"\x03" not in body.article.body_html


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, SCALARS, max_size=8))
def test_random_front_matter_never_crashes_the_parser(front: dict[str, object]) -> None:
    text = "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\nCorps.\n"
    assert_document_or_located_problems(text.encode())


def test_markup_in_tags_and_author_names_stays_text(write_site: SiteWriter) -> None:
    from conftest import AUTHOR_YAML

    evil = '"><img src=x onerror=alert(1)>'
    root = write_site({
        "content/authors/chloe.yaml": AUTHOR_YAML.replace("name: Chloé",
                                                          f"name: '{evil}'"),
        "content/fr/monde/missiles.md": article("Titre", extra=f"tags: ['{evil}']\n"),
    })
    build_site(root)
    page = html(root / "public/monde/titre/index.html")
    assert page.select("img[onerror]") == []
    assert page.select_one(".byline__authors a").get_text() == evil
    assert page.select_one(".tag-list a").get_text() == evil
    assert json.loads(page.select_one("script[type='application/ld+json']").string)[
        "author"][0]["name"] == evil


def test_unexpected_failure_names_the_file_without_a_traceback(
    write_site: SiteWriter, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitegen.loading

    def explode(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(sitegen.loading, "parse_document", explode)
    root = write_site()
    assert main(["build", "--source", str(root), "--no-cache", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "content/en/world/missiles.md: internal error" in err
    assert "report" in err and "Traceback" not in err
    assert main(["build", "--source", str(root), "--no-cache", "-j", "1", "--debug"]) == 1
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.parametrize("body", [
    "mot\n\n" * 100_000,
    ("Un paragraphe assez long pour peser. " * 40 + "\n\n") * 3_000,
])
def test_huge_articles_build(write_site: SiteWriter, body: str) -> None:
    root = write_site({"content/fr/monde/huge.md": article("Énorme", body=body)})
    build_site(root)
    assert (root / "public/monde/enorme/index.html").stat().st_size > len(body) // 2


def test_ten_thousand_tags_and_a_huge_headline(write_site: SiteWriter) -> None:
    tags = "[" + ", ".join(f"t{i}" for i in range(10_000)) + "]"
    root = write_site({"content/fr/monde/many.md": article("x" * 10_000, extra=f"tags: {tags}\n")})
    build_site(root)
    page = next((root / "public/monde").glob("x*/index.html"))
    assert len(html(page).h1.get_text()) == 10_000
    assert (root / "public/tags/t9999/index.html").is_file()


def nested_aliases(depth: int, width: int) -> str:
    """YAML whose last list reaches the first through width**depth paths of aliases."""
    lines = ["x0: &x0 [y]"]
    lines += [f"x{n}: &x{n} [{', '.join([f'*x{n - 1}'] * width)}]" for n in range(1, depth + 1)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("front", [
    "headline: &h [*h]\n",  # an alias inside the list it names
    "tags: &t [a, *t]\n",
    "headline: Titre\n" + nested_aliases(depth=8, width=5),  # 390,625 paths to x0
], ids=["recursive-headline", "recursive-tags", "aliases-of-aliases"])
def test_aliases_give_located_problems_not_a_crash(front: str) -> None:
    raw = f"---\nauthor: chloe\nsections: [monde]\ndate: 2024-01-01\n{front}---\nCorps.\n"
    assert_document_or_located_problems(raw.encode())
