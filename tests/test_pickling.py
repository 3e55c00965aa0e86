"""Compact pickling of the dataclasses that cross processes: same values back, smaller work."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pytest

from sitegen.document import ParseResult
from sitegen.errors import Problem
from sitegen.incremental import PageRecord
from sitegen.links import BodyLink
from sitegen.model import Article, Heading, Image
from sitegen.pickling import pickled_by_fields
from sitegen.routes import Route

WHEN = datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)
ARTICLE = Article(
    source="content/fr/a.md", lang="fr", headline="Titre", dek="", summary="Résumé",
    authors=("chloe",), sections=("monde",), date=WHEN, updated=None, tags=("eau",),
    slug="titre", translation_key="k", image=Image("/i.jpg", "Une image", line=4),
    draft=False, comments=True, body_html=b"<p>x</p>", headings=(Heading(2, "Un", "un"),),
    word_count=1, links=(BodyLink("content/fr/b.md", "suite", article=True, written="b.md#suite"),),
    digest="d",
)


@pytest.mark.parametrize("value", [
    ARTICLE,
    ParseResult(ARTICLE, (Problem("content/fr/a.md", 3, "bad", "fix it"),)),
    ParseResult(None, ()),
    PageRecord("structure", (("content/fr/a.md", "digest"),), (1, 2, 3)),
], ids=["article", "result", "empty-result", "record"])
def test_values_come_back_equal(value: object) -> None:
    assert value.__reduce__()[0] is type(value)  # rebuilt by a call of the class
    assert pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) == value


def test_a_route_comes_back_equal() -> None:
    route = Route("/fr/monde/page/2/", "fr/monde/page/2/index.html", "section", "fr", "monde",
                  ("content/fr/a.md",), 2, 3, "section monde")
    assert pickle.loads(pickle.dumps(route)) == route


def test_a_class_with_its_own_init_work_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot be rebuilt"):
        @pickled_by_fields
        @dataclass(frozen=True)
        class Checked:
            value: int

            def __post_init__(self) -> None:
                pass

    with pytest.raises(TypeError, match="cannot be rebuilt"):
        @pickled_by_fields
        @dataclass(frozen=True)
        class Derived:
            value: int
            double: int = field(init=False, default=0)


def test_a_one_field_class_round_trips() -> None:
    @pickled_by_fields
    @dataclass(frozen=True, slots=True)
    class One:
        value: str

    assert One.__reduce__(One("x")) == (One, ("x",))  # type: ignore[call-arg]
