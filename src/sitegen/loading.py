"""load_site: site.yaml and every content file, validated, parsed (in parallel) and assembled."""

from __future__ import annotations

import pickle
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sitegen.authors import parse_author
from sitegen.cache import (
    ParseCache,
    content_key,
    fingerprint,
    load_cache,
    pickled,
    writing_cache,
)
from sitegen.check import link_problems
from sitegen.config import MarkdownSettings, SiteConfig, load_config
from sitegen.document import ParseResult, SourceFile, Vocabulary, parse_document
from sitegen.engines import BodyRenderer, new_renderer
from sitegen.errors import BuildError, Problem, raise_if_errors
from sitegen.model import Author
from sitegen.parallel import map_ordered
from sitegen.project import Project
from sitegen.site import Site, Visibility, assemble_site
from sitegen.sources import ArticleFile, AuthorFile, list_content
from sitegen.typography import load_rules

CACHE_FILE = "parsed.pickle"


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What the command line can change about a build."""

    clock: datetime
    drafts: bool = False
    future: bool = False
    base_url: str | None = None
    strict: bool = False
    jobs: int = 1
    """Worker processes for parsing and rendering; output never depends on it."""
    cache: bool = True
    """Keep parsed documents in .sitegen-cache/ between builds."""


@dataclass(frozen=True, slots=True)
class ParsedContent:
    """Every content file read and parsed: what the site is assembled from."""

    config: SiteConfig
    authors: Mapping[str, Author]
    vocabulary: Vocabulary
    results: Mapping[str, ParseResult]
    """Source path -> parse result, for every article file, in reading order."""
    file_problems: tuple[Problem, ...] = ()
    """Problems that belong to no article: folders and author files."""

    def problems(self) -> list[Problem]:
        return [*self.file_problems, *(p for r in self.results.values() for p in r.problems)]


@dataclass(frozen=True, slots=True)
class LoadedSite:
    """A validated site ready to render, and the warnings found on the way."""

    config: SiteConfig
    site: Site
    warnings: tuple[Problem, ...]
    content: ParsedContent | None = None


class InternalError(Exception):
    """An unexpected failure, tied to the file that was being processed."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def load_project_config(project: Project, base_url: str | None = None) -> SiteConfig:
    """The validated site.yaml of project."""
    return load_config(_read_config_text(project), project.relative(project.config_path),
                       base_url=base_url)


def load_site(project: Project, options: BuildOptions,
              memory: Memory | None = None) -> LoadedSite:
    """Read and validate config and every content file; raise with all problems at once."""
    return assemble_content(parse_content(project, options, memory), options)


def parse_content(project: Project, options: BuildOptions,
                  memory: Memory | None = None) -> ParsedContent:
    """Read site.yaml, the authors and every article, and parse them (in parallel)."""
    config = load_project_config(project, options.base_url)
    files = list_content(project.root, config.languages_by_code)
    problems = list(files.problems)
    authors = _parse_authors(files.authors, config, problems)
    vocabulary = Vocabulary(frozenset(authors), frozenset(config.sections), config.timezone,
                            options.strict)
    results = parse_all(project, files.articles, vocabulary, config.markdown, options, memory)
    return ParsedContent(config, authors, vocabulary,
                         {s.path: r for s, r in zip(files.articles, results, strict=True)},
                         tuple(problems))


def assemble_content(content: ParsedContent, options: BuildOptions) -> LoadedSite:
    """The site at the options' clock; raise with every problem of the content."""
    problems = content.problems()
    raise_if_errors(problems)
    articles = [r.article for r in content.results.values() if r.article is not None]
    site = assemble_site(articles, content.authors, content.config,
                         Visibility(options.clock, options.drafts, options.future), options.jobs)
    problems.extend(link_problems(site))
    raise_if_errors(problems)
    return LoadedSite(content.config, site, tuple(problems), content)


@dataclass(slots=True)
class Memory:
    """What a long-running builder (the serve loop) keeps between builds, in memory."""

    parse_cache: ParseCache | None = None


def parse_all(
    project: Project, files: Sequence[ArticleFile], vocabulary: Vocabulary,
    markdown: MarkdownSettings, options: BuildOptions, memory: Memory | None = None,
) -> list[ParseResult]:
    """Read and parse every file, reusing cached results; misses are parsed in worker
    processes.

    With memory, the previous build's results are reused from memory rather than read from
    and written back to disk on every build. With nothing to reuse (a first build, another
    engine's cache, --no-cache), the workers read the files and work out their content
    keys themselves: otherwise this process would do it alone before they start.
    """
    rules = {lang: load_rules(lang) for lang in sorted({f.lang for f in files})}
    stamp = fingerprint(project.root, sorted(vocabulary.authors), sorted(vocabulary.sections),
                        str(vocabulary.timezone), vocabulary.strict, markdown,
                        sorted(rules.items(), key=lambda item: item[0]))
    cache_path = project.cache / CACHE_FILE
    remembered = memory.parse_cache if memory is not None else None
    if remembered is not None and remembered.fingerprint == stamp:
        cache = ParseCache(stamp, remembered=remembered.used)
    else:
        remembered = None
        cache = load_cache(cache_path, stamp) if options.cache else ParseCache(stamp)
    results: list[ParseResult | None]
    if cache.stored or remembered is not None:
        keys, results, tasks = _look_up(files, cache)
    else:
        keys, results = [None] * len(files), [None] * len(files)
        tasks = [(file, None) for file in files]
    missing = [i for i, result in enumerate(results) if result is None]
    state = {"vocabulary": vocabulary, "markdown": markdown, "rules": rules, "renderers": {}}
    parsed = map_ordered(_parse_chunk, tasks, jobs=options.jobs, state=state, chunk=32,
                         spool=True)
    saving = options.cache and remembered is None and worth_rewriting(cache, len(missing))
    with writing_cache(cache_path, stamp) if saving else nullcontext() as writer:
        if writer is not None:
            for key in cache.used:
                writer.add(key, cache.stored[key])
        for index, blob in zip(missing, parsed, strict=True):
            results[index] = result = pickle.loads(blob)
            # A worker that read the file itself stamped its key on the article. Without an
            # article (unreadable, or errors) such a file has no key and is not kept: its
            # problems are found again next time.
            content = keys[index] or (result.article.digest if result.article else None)
            if content is not None:
                cache.put(content, result)
                if writer is not None:
                    writer.add(content, blob)
    if memory is not None:
        memory.parse_cache = cache
    return [r for r in results if r is not None]


REWRITE_SHARE = 0.02
"""The share of the cache's entries missing or unused from which the cache file is written
again: below it, the few documents not in the file are parsed again by the next build."""


def worth_rewriting(cache: ParseCache, missing: int) -> bool:
    """Whether this build should write the whole cache file again (tens of megabytes for a
    large archive): not after an edit or two, whose few documents parse in milliseconds."""
    if not cache.stored:
        return missing > 0
    return missing + cache.stale > REWRITE_SHARE * len(cache.stored)


Task = tuple[SourceFile | ArticleFile, str | None]
"""A file to parse, read already with its content key, or to be read by the worker."""


def _look_up(files: Sequence[ArticleFile], cache: ParseCache
             ) -> tuple[list[str | None], list[ParseResult | None], list[Task]]:
    """Read every file and find its parse result in cache: keys, results (None: to parse),
    and the tasks of the files left to parse."""
    keys: list[str | None] = []
    results: list[ParseResult | None] = []
    tasks: list[Task] = []
    for file in files:
        try:
            source = file.read()
        except OSError as exc:
            keys.append(None)
            results.append(_unreadable(file, exc))
            continue
        key = content_key(source.path, source.lang, source.raw)
        result = cache.get(key)
        keys.append(key)
        results.append(result)
        if result is None:
            tasks.append((source, key))
    return keys, results, tasks


def _unreadable(file: ArticleFile, exc: OSError) -> ParseResult:
    return ParseResult(None, (Problem(file.path, None,
                                      f"the file cannot be read ({exc.strerror or exc})",
                                      "check that it is a readable file"),))


def _parse_chunk(state: dict[str, Any], items: Sequence[Task]) -> list[bytes]:
    """Each file read if need be, parsed, stamped with its content key, and pickled as the
    cache keeps it."""
    renderers: dict[str, BodyRenderer] = state["renderers"]
    results = []
    for item, key in items:
        if isinstance(item, ArticleFile):
            try:
                source = item.read()
            except OSError as exc:
                results.append(pickled(_unreadable(item, exc)))
                continue
        else:
            source = item
        renderer = renderers.get(source.lang)
        if renderer is None:
            renderer = renderers[source.lang] = new_renderer(
                state["markdown"], state["rules"].get(source.lang))
        try:
            result = parse_document(
                source, state["vocabulary"], renderer,
                digest=key or content_key(source.path, source.lang, source.raw))
        except Exception as exc:
            raise InternalError(source.path) from exc
        results.append(pickled(result))
    return results


def _read_config_text(project: Project) -> str:
    label = project.relative(project.config_path)
    try:
        return project.config_path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise BuildError([Problem(label, None, "site.yaml is missing",
                                  "run sitegen in the site's folder or pass --source")]) from None
    except UnicodeDecodeError as exc:
        raise BuildError([Problem(label, None, f"not valid UTF-8 (byte offset {exc.start})",
                                  "save the file as UTF-8")]) from None


def _parse_authors(
    files: tuple[AuthorFile, ...], config: SiteConfig, problems: list[Problem]
) -> dict[str, Author]:
    authors: dict[str, Author] = {}
    for file in files:
        result = parse_author(file.id, file.text, file.path, config.languages_by_code)
        if isinstance(result, Author):
            authors[result.id] = result
        else:
            problems.extend(result)
    return authors
