"""parse_content: files read and parsed by the workers on a first build, reused after."""

from __future__ import annotations

import pytest

import sitegen.loading
from conftest import CLOCK, SiteWriter, article
from sitegen.cache import content_key, load_cache
from sitegen.loading import CACHE_FILE, BuildOptions, Memory, parse_content
from sitegen.project import Project

FILES = {f"content/fr/monde/article-{n}.md": article(f"Article {n}", body=f"Texte {n}.\n")
         for n in range(70)}  # several chunks of 32: the workers share them


def options(jobs: int, cache: bool = True) -> BuildOptions:
    return BuildOptions(clock=CLOCK, jobs=jobs, cache=cache)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_first_build_caches_what_a_second_one_reuses_unparsed(
        write_site: SiteWriter, jobs: int, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_site(FILES)
    project = Project(root)
    memory = Memory()  # only to learn the cache's fingerprint: nothing to reuse yet
    first = parse_content(project, options(jobs), memory)
    assert not first.problems() and memory.parse_cache is not None
    # The workers read the files and worked out their keys: the same keys as from here.
    written = load_cache(project.cache / CACHE_FILE, memory.parse_cache.fingerprint).stored
    expected = {content_key(path, path.split("/")[1], (root / path).read_bytes())
                for path in first.results}
    assert set(written) == expected
    parsed: list[str] = []
    real = sitegen.loading.parse_document
    monkeypatch.setattr(sitegen.loading, "parse_document",
                        lambda source, *a, **k: parsed.append(source.path) or real(source, *a, **k))
    second = parse_content(project, options(1))
    assert parsed == []
    assert second.results == first.results


def test_without_a_cache_the_results_are_the_same(write_site: SiteWriter) -> None:
    root = write_site(FILES)
    cached = parse_content(Project(root), options(2)).results
    assert parse_content(Project(root), options(2, cache=False)).results == cached
    assert parse_content(Project(root), options(1, cache=False)).results == cached


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("cached", [False, True], ids=["first-build", "cached-build"])
def test_an_unreadable_article_is_a_located_problem(
        write_site: SiteWriter, jobs: int, cached: bool) -> None:
    root = write_site(FILES)
    if cached:
        parse_content(Project(root), options(jobs))
    (root / "content/fr/monde/broken.md").symlink_to(root / "content/fr/monde/gone.md")
    content = parse_content(Project(root), options(jobs))
    problems = content.problems()
    assert [(p.path, p.severity) for p in problems] == [("content/fr/monde/broken.md", "error")]
    assert "cannot be read" in problems[0].message
    assert sum(r.article is not None for r in content.results.values()) == len(FILES) + 2



def test_an_edit_or_two_do_not_rewrite_the_cache_but_many_do(
        write_site: SiteWriter, monkeypatch: pytest.MonkeyPatch) -> None:
    """Up to REWRITE_SHARE of the entries missing or unused, the cache file stays as it is
    and the edited documents are parsed again next time; past it, the file is written anew
    with exactly this build's documents."""
    root = write_site(FILES)
    project = Project(root)
    memory = Memory()
    parse_content(project, options(1), memory)
    assert memory.parse_cache is not None
    path, stamp = project.cache / CACHE_FILE, memory.parse_cache.fingerprint
    before = path.stat()
    monkeypatch.setattr(sitegen.loading, "REWRITE_SHARE", 0.05)  # 3 of the 72 entries
    edited = root / "content/fr/monde/article-1.md"
    edited.write_text(article("Article 1, revu", body="Texte revu.\n"), encoding="utf-8")
    once = parse_content(project, options(1))
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert once.results["content/fr/monde/article-1.md"].article.headline == "Article 1, revu"
    parsed: list[str] = []
    real = sitegen.loading.parse_document
    monkeypatch.setattr(sitegen.loading, "parse_document",
                        lambda source, *a, **k: parsed.append(source.path) or real(source, *a, **k))
    assert parse_content(project, options(1)).results == once.results
    assert parsed == ["content/fr/monde/article-1.md"]  # the file was left as it was
    for n in range(2, 6):
        (root / f"content/fr/monde/article-{n}.md").write_text(
            article(f"Article {n}, revu", body="Texte revu.\n"), encoding="utf-8")
    many = parse_content(project, options(1))
    written = load_cache(path, stamp).stored
    assert set(written) == {content_key(p, p.split("/")[1], (root / p).read_bytes())
                            for p in many.results}
