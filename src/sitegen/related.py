"""Related articles: up to three per article, sharing its tags and sections, close in time."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from sitegen.model import Article
from sitegen.parallel import map_ordered
from sitegen.slug import tag_slug

RELATED_COUNT = 3
PARALLEL_FROM = 4000
"""Articles from which the search is shared among worker processes. It costs about 30 µs
an article; starting the workers and sending the answers back, about 30 ms."""
_TAG_REACH, _SECTION_REACH = 30, 4
"""How far along a tag's and a section's listing, each way, candidates are taken."""

LangKey = tuple[str, str]


def related_articles(
    articles: Sequence[Article], by_tag: Mapping[LangKey, Sequence[str]],
    by_section: Mapping[LangKey, Sequence[str]], jobs: int = 1,
) -> dict[str, tuple[str, ...]]:
    """Source -> up to three related sources, for articles given newest first, with the
    site's tag and section listings (newest first too).

    Candidates come from the article's neighbours in each tag and section listing, so the
    cost stays linear in the number of articles however large a tag grows. A shared tag
    counts twice, a shared section once; ties go to the newer article. With jobs > 1, a
    large archive is searched in worker processes; the answer does not depend on it.
    """
    # Articles come newest first: an article's rank is its index, and every listing, as
    # ranks, is sorted, so an article finds itself in a listing by bisection.
    rank = {a.source: i for i, a in enumerate(articles)}
    state = {"articles": articles,
             "tags": {key: [rank[s] for s in sources] for key, sources in by_tag.items()},
             "sections": {key: [rank[s] for s in sources]
                          for key, sources in by_section.items()}}
    workers = jobs if len(articles) >= PARALLEL_FROM else 1
    per_worker = max(1, -(-len(articles) // workers))
    found = map_ordered(_related_ranks, range(len(articles)), jobs=workers, state=state,
                        chunk=per_worker)
    return {article.source: tuple(articles[other].source for other in others)
            for article, others in zip(articles, found, strict=True)}


def _related_ranks(state: dict[str, Any], indexes: Sequence[int]) -> list[tuple[int, ...]]:
    """The ranks of the articles related to each article of indexes."""
    articles: Sequence[Article] = state["articles"]
    tags: Mapping[LangKey, list[int]] = state["tags"]
    sections: Mapping[LangKey, list[int]] = state["sections"]
    found = []
    for index in indexes:
        article = articles[index]
        near: list[int] = []
        for tag in article.tags:
            window = _near(tags[(article.lang, tag_slug(tag))], index, _TAG_REACH)
            near += window
            near += window
        for section in article.sections:
            near += _near(sections[(article.lang, section)], index, _SECTION_REACH)
        # Counted in rank order, so that most_common, which keeps the order of equal
        # counts, breaks ties by rank.
        near.sort()
        scores = Counter(near)
        scores.pop(index, None)
        found.append(tuple(other for other, _ in scores.most_common(RELATED_COUNT)))
    return found


def _near(ranks: list[int], rank: int, reach: int) -> list[int]:
    """The ranks within reach of rank's place in a listing (itself included)."""
    at = bisect_left(ranks, rank)
    return ranks[max(0, at - reach): at + reach + 1]
