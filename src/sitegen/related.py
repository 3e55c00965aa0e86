"""Related articles: up to three per article, sharing its tags and sections, close in time."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence

from sitegen.model import Article
from sitegen.slug import tag_slug

RELATED_COUNT = 3
TAG_REACH = 30
"""Neighbours looked at on each side of an article in each of its tags' listings."""
SECTION_REACH = 4
"""Neighbours looked at on each side of an article in each of its sections' listings."""

LangKey = tuple[str, str]
"""(language, id) pair indexing listings."""


class RelatedArticles(Mapping[str, tuple[str, ...]]):
    """Source path -> the sources of its related articles, each worked out when first asked.

    A shared tag counts twice, a shared section once; ties go to the newer article.
    Candidates come from the article's neighbours in each tag and section listing, so the
    cost stays linear in the number of articles however large a tag grows.

    Worked out on demand, the related articles of an archive are found by the processes
    that render the article pages, in parallel, not all at once while the workers wait.
    Each answer depends on the articles alone, never on which process asks or when.
    """

    def __init__(self, articles: Sequence[Article],
                 by_tag: Mapping[LangKey, tuple[str, ...]],
                 by_section: Mapping[LangKey, tuple[str, ...]]) -> None:
        """articles newest first; by_tag and by_section list sources in that order."""
        self._articles = articles
        self._by_tag, self._by_section = by_tag, by_section
        self._found: dict[str, tuple[str, ...]] = {}
        self._ranks: _Ranks | None = None

    def __getitem__(self, source: str) -> tuple[str, ...]:
        found = self._found.get(source)
        if found is None:
            found = self._found[source] = self._work_out(source)
        return found

    def __iter__(self) -> Iterator[str]:
        return (article.source for article in self._articles)

    def __len__(self) -> int:
        return len(self._articles)

    def __contains__(self, source: object) -> bool:
        return source in self._ranked().rank

    def _work_out(self, source: str) -> tuple[str, ...]:
        ranks = self._ranked()
        index = ranks.rank[source]  # KeyError for an article not in the site, as a dict
        article = self._articles[index]
        near: list[int] = []
        for tag in article.tags:
            window = _near(ranks.tags[(article.lang, tag_slug(tag))], index, TAG_REACH)
            near += window
            near += window
        for section in article.sections:
            near += _near(ranks.sections[(article.lang, section)], index, SECTION_REACH)
        # Counted in rank order, so that most_common, which keeps the order of equal
        # counts, breaks ties by rank: the newer article.
        near.sort()
        scores = Counter(near)
        scores.pop(index, None)
        return tuple(self._articles[other].source
                     for other, _ in scores.most_common(RELATED_COUNT))

    def _ranked(self) -> _Ranks:
        if self._ranks is None:
            self._ranks = _Ranks(self._articles, self._by_tag, self._by_section)
        return self._ranks


class _Ranks:
    """The listings as ranks: an article's rank is its index among all, newest first.

    Every listing, as ranks, is sorted, so an article finds itself in one by bisection.
    """

    def __init__(self, articles: Sequence[Article], by_tag: Mapping[LangKey, tuple[str, ...]],
                 by_section: Mapping[LangKey, tuple[str, ...]]) -> None:
        self.rank = {a.source: i for i, a in enumerate(articles)}
        self.tags = {key: [self.rank[s] for s in sources] for key, sources in by_tag.items()}
        self.sections = {key: [self.rank[s] for s in sources]
                         for key, sources in by_section.items()}


def _near(ranks: list[int], rank: int, reach: int) -> list[int]:
    """The ranks within reach of rank's place in a listing (itself included)."""
    at = bisect_left(ranks, rank)
    return ranks[max(0, at - reach): at + reach + 1]
