"""related_articles: shared tags count twice, sections once, newer wins."""

from __future__ import annotations

import heapq
from collections import defaultdict
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import related
from sitegen.model import Article
from sitegen.related import RELATED_COUNT, related_articles
from sitegen.site import _group, _index_tags, newest_first
from sitegen.slug import tag_slug

START = datetime(2024, 1, 1, tzinfo=timezone.utc)


def story(number: int, tags: tuple[str, ...], sections: tuple[str, ...] = ("monde",),
          lang: str = "fr") -> Article:
    return Article(source=f"content/{lang}/{number:03d}.md", lang=lang, headline="Titre",
                   dek="", summary="", authors=("chloe",), sections=sections,
                   date=START + timedelta(hours=number), updated=None, tags=tags,
                   slug=f"s{number}", translation_key=str(number), image=None, draft=False,
                   comments=True, body_html=b"", headings=(), word_count=0)


def sections_of(ordered: list[Article]) -> dict[tuple[str, str], tuple[str, ...]]:
    return _group(ordered, lambda a: [(a.lang, s) for s in a.sections])


def related_of(articles: list[Article]) -> dict[str, tuple[str, ...]]:
    ordered = sorted(articles, key=newest_first)
    return related_articles(ordered, _index_tags(ordered)[0], sections_of(ordered))


def test_a_shared_tag_outweighs_a_shared_section_and_ties_go_to_the_newer() -> None:
    me = story(0, ("climat",), ("monde",))
    same_tag = story(1, ("climat",), ("sport",))
    same_section_old, same_section_new = story(2, (), ("monde",)), story(3, (), ("monde",))
    unrelated = story(4, ("cinéma",), ("culture",))
    both = story(5, ("Climat",), ("monde",))  # "Climat" and "climat" are one tag
    related = related_of([me, same_tag, same_section_old, same_section_new, unrelated, both])
    assert related[me.source] == (both.source, same_tag.source, same_section_new.source)
    assert unrelated.source not in related[me.source]


def test_languages_do_not_mix() -> None:
    french, english = story(0, ("climat",)), story(1, ("climat",), lang="en")
    assert related_of([french, english]) == {french.source: (), english.source: ()}


def reference(articles: list[Article]) -> dict[str, tuple[str, ...]]:
    """The ranking spelt out: score every neighbour, take the best three."""
    ordered = sorted(articles, key=newest_first)
    rank = {a.source: i for i, a in enumerate(ordered)}
    listings: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for article in ordered:
        for tag in article.tags:
            listings[("tag", article.lang, tag_slug(tag))].append(article.source)
        for section in article.sections:
            listings[("section", article.lang, section)].append(article.source)
    result = {}
    for article in ordered:
        scores: dict[str, int] = defaultdict(int)
        keys = [(("tag", article.lang, tag_slug(t)), 30, 2) for t in article.tags]
        keys += [(("section", article.lang, s), 4, 1) for s in article.sections]
        for key, reach, weight in keys:
            listing = listings[key]
            at = listing.index(article.source)
            for other in listing[max(0, at - reach): at + reach + 1]:
                scores[other] += weight
        scores.pop(article.source, None)
        best = heapq.nsmallest(RELATED_COUNT, [(-s, rank[o], o) for o, s in scores.items()])
        result[article.source] = tuple(o for _, _, o in best)
    return result


ARTICLES = st.lists(
    st.tuples(st.lists(st.sampled_from(["climat", "Climat", "eau", "forêt", "foret"]),
                       max_size=3, unique=True),
              st.lists(st.sampled_from(["monde", "sport", "culture"]), min_size=1, max_size=2,
                       unique=True),
              st.sampled_from(["fr", "en"])),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(ARTICLES)
def test_ranking_matches_the_reference(drawn: list[tuple[list[str], list[str], str]]) -> None:
    articles = [story(n, tuple(tags), tuple(sections), lang)
                for n, (tags, sections, lang) in enumerate(drawn)]
    assert related_of(articles) == reference(articles)


@pytest.mark.parametrize("jobs", [2, 3])
def test_workers_find_what_one_process_finds(jobs: int, monkeypatch: pytest.MonkeyPatch) -> None:
    topics = ["climat", "eau", "forêt", "énergie", "santé", "école"]
    articles = [story(n, tuple(topics[(n * k) % 6] for k in (1, 5) if n % (k + 1)),
                      (["monde", "sport", "culture"][n % 3],), ["fr", "en"][n % 2])
                for n in range(90)]
    expected = reference(articles)
    monkeypatch.setattr(related, "PARALLEL_FROM", 10)  # so few articles still use workers
    ordered = sorted(articles, key=newest_first)
    assert related_articles(ordered, _index_tags(ordered)[0], sections_of(ordered),
                            jobs) == expected
