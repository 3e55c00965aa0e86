"""Rebuilding after a few files changed, from the last good build kept in memory.

The preview server's builder keeps its last good build: the parsed articles, the site,
its routes and views, what every page read, and the layout of the output folders. A saved
article then costs its own parse, the pages that show it and a few file writes. When only
an article's body changed, the site's indexes stand and are patched in place; when its
headline, dates, tags or any other field changed, or articles came or went, the site is
assembled again from memory and only the pages whose inputs changed are rendered. Either
way the output equals a full build's, which the tests check.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sitegen.cache import content_key
from sitegen.changes import Changes, NeedsFullBuild, read_changes
from sitegen.check import link_problems
from sitegen.document import ParseResult, SourceFile, parse_document
from sitegen.engines import Renderers, new_renderer
from sitegen.errors import raise_if_errors
from sitegen.feeds import plan_feeds, render_feed
from sitegen.incremental import PageRecord, article_digest, article_digests, reusable, structure_of
from sitegen.loading import BuildOptions, LoadedSite, ParsedContent, assemble_content
from sitegen.model import Article
from sitegen.output import MARKER, StagingLayout
from sitegen.project import Project
from sitegen.rendering import PlannedSite, machine_readable, new_record, render_pages
from sitegen.report import BuildReport
from sitegen.routes import Route, plan_routes
from sitegen.sitemaps import NEWS_SITEMAP, NEWS_WINDOW, news_sitemap, sitemap_files
from sitegen.staging import write_changes
from sitegen.theme import static_files
from sitegen.typography import load_rules
from sitegen.views import Views

PARALLEL_FROM = 200
"""Pages to render from which worker processes pay for themselves."""


@dataclass(frozen=True, slots=True)
class LiveSite:
    """The last good build of a long-running builder, as it is in the output folder."""

    planned: PlannedSite
    records: Mapping[str, PageRecord]
    """Output path -> what the page was made from."""
    digests: Mapping[str, str]
    """Article -> the digest its readers recorded (incremental.article_digests)."""
    inputs: str
    """Digest of templates, catalogs, configuration, authors and options."""
    static: Mapping[str, Path]
    """Output path -> static file copied there."""
    layout: StagingLayout
    machine_paths: frozenset[str]
    """Output paths of the feeds, sitemaps and robots.txt."""
    readers: Mapping[str, frozenset[str]]
    """Article -> output paths of the pages that read it (see readers_of)."""
    next_change: datetime | None
    """The site's next scheduled publication or expiry."""

    @property
    def content(self) -> ParsedContent:
        content = self.planned.loaded.content
        assert content is not None
        return content


@dataclass(frozen=True, slots=True)
class _Update:
    """A site brought up to date in memory, before rendering."""

    planned: PlannedSite
    digests: dict[str, str]
    stale: list[Route]
    """Pages to render again."""
    machine: list[tuple[str, bytes]]
    """Feeds, sitemaps and robots.txt made again."""
    machine_paths: frozenset[str]
    """Every feed, sitemap and robots.txt of the site."""
    next_change: datetime | None


def readers_of(records: Mapping[str, PageRecord]) -> dict[str, frozenset[str]]:
    """Article -> output paths of the pages whose record says they read it."""
    readers: dict[str, set[str]] = defaultdict(set)
    for output, record in records.items():
        for source, _ in record.reads:
            readers[source].add(output)
    return {source: frozenset(outputs) for source, outputs in readers.items()}


def rebuild(live: LiveSite, project: Project, out: Path, options: BuildOptions,
            paths: Iterable[Path], renderers: Renderers
            ) -> tuple[BuildReport, LiveSite]:
    """Apply the changed paths to live and write the result to out.

    Raises NeedsFullBuild when a change is beyond what memory can apply, and BuildError,
    with every problem, when the changed content is wrong; out is then left as it was.
    """
    if live.next_change is not None and live.next_change <= options.clock:
        raise NeedsFullBuild("the clock reached a scheduled publication or an expiry")
    changes = read_changes(paths, project, live.content.config.languages_by_code)
    results = _parse(changes, live.content, renderers)
    content = _updated_content(live.content, results)
    articles = {path: result.article if result else None for path, result in results.items()}
    if _same_indexes(articles, live.content):
        update = _patch(live, options, content, changes)
    else:
        update = _reassemble(live, options, content)
    return _finish(live, project, out, options, update, changes)


def _parse(changes: Changes, content: ParsedContent,
           renderers: Renderers) -> dict[str, ParseResult | None]:
    results: dict[str, ParseResult | None] = {}
    for path, source in changes.articles.items():
        results[path] = None if source is None else _parse_one(source, content, renderers)
    return results


def _parse_one(source: SourceFile, content: ParsedContent,
               renderers: Renderers) -> ParseResult:
    key = (source.lang, content.config.markdown)
    renderer = renderers.get(key)
    if renderer is None:
        renderer = renderers[key] = new_renderer(content.config.markdown, load_rules(source.lang))
    return parse_document(source, content.vocabulary, renderer,
                          digest=content_key(source.path, source.lang, source.raw))


def _updated_content(content: ParsedContent,
                     results: Mapping[str, ParseResult | None]) -> ParsedContent:
    merged = dict(content.results)
    for path, result in results.items():
        if result is None:
            merged.pop(path, None)
        else:
            merged[path] = result
    if merged.keys() != content.results.keys():
        merged = {path: merged[path] for path in sorted(merged, key=_reading_order)}
    return replace(content, results=merged)


def _reading_order(path: str) -> tuple[str, str]:
    """The order list_content finds files in: language folder, then path."""
    return path.split("/")[1], path


def _same_indexes(articles: Mapping[str, Article | None], before: ParsedContent) -> bool:
    """True when every change keeps the site's indexes: no article came or went, and none
    changed language, dates, sections, tags, authors, translation key or visibility."""
    for path, article in articles.items():
        old = before.results.get(path)
        if article is None or old is None or old.article is None:
            return False
        if _indexed(article) != _indexed(old.article):
            return False
    return True


def _indexed(article: Article) -> Article:
    """The article without what the site's indexes and listings ignore (they show it, and
    the pages that show it are found from what they read)."""
    return replace(article, headline="", dek="", summary="", body_html=b"", headings=(),
                   word_count=0, links=(), digest="", image=None, comments=False, slug="",
                   slug_line=0, translation_key_line=0)


def _patch(live: LiveSite, options: BuildOptions, content: ParsedContent,
           changes: Changes) -> _Update:
    """The indexes stand: swap the changed articles in, and render the pages that read an
    article whose text or URL changed (a new slug moves the page: its readers link to it)."""
    raise_if_errors(content.problems())
    planned = live.planned
    old = planned.loaded.site
    updated = {path: article for path in changes.articles
               if (article := content.results[path].article) is not None}
    published = {**old.articles, **{p: a for p, a in updated.items() if p in old.articles}}
    hidden = tuple(updated.get(a.source) or a for a in old.hidden)
    site = replace(old, articles=published, hidden=hidden, clock=options.clock)
    problems = content.problems() + link_problems(site)
    raise_if_errors(problems)
    urls = planned.views.urls
    moved = any(a.slug != old.articles[p].slug for p, a in updated.items() if p in published)
    routes = plan_routes(site, urls) if moved else planned.routes
    if moved:
        digests = article_digests(site, urls)
    else:
        digests = {**live.digests, **{p: article_digest(published[p], site, urls)
                                      for p in updated if p in published}}
    changed = frozenset(p for p, d in digests.items() if live.digests.get(p) != d)
    views = planned.views.patched(site, changed | updated.keys())
    loaded = LoadedSite(content.config, site, tuple(problems), content)
    planned = replace(planned, loaded=loaded, routes=routes, views=views,
                      warnings=loaded.warnings + planned.catalog_problems)
    before = {route.output: route for route in live.planned.routes} if moved else {}
    reading = frozenset().union(*(live.readers.get(source, ()) for source in changed))
    stale = [route for route in routes
             if route.output in reading or (moved and before.get(route.output) != route)]
    machine = [(urls.output_path(feed.url), render_feed(feed, views))
               for feed in plan_feeds(site, views) if not changed.isdisjoint(feed.sources)]
    machine_paths = live.machine_paths
    if any(site.clock - NEWS_WINDOW <= a.date <= site.clock for a in updated.values()):
        news = news_sitemap(site, views)  # the titles and URLs of the last two days
        if news is not None:
            machine.append((NEWS_SITEMAP, news))
    if moved:
        sitemaps = sitemap_files(routes, views)
        machine += sitemaps
        machine_paths = frozenset({p for p in machine_paths if not p.startswith("sitemap")}
                                  | {path for path, _ in sitemaps})
    return _Update(planned, digests, stale, machine, machine_paths, live.next_change)


def _reassemble(live: LiveSite, options: BuildOptions, content: ParsedContent) -> _Update:
    """Articles came, went or changed beyond their body: index again, render what changed."""
    # Related articles are found in this process: here, forking workers (from a process
    # that holds the whole previous site) costs what sharing the search saves (measured:
    # 0.50-0.53 s per headline edit at 10,000 articles, either way).
    loaded = assemble_content(content, replace(options, jobs=1))
    planned = live.planned
    site = loaded.site
    urls = planned.views.urls
    routes = plan_routes(site, urls)
    views = Views(site, urls, planned.status_of(site))
    planned = replace(planned, loaded=loaded, routes=routes, views=views,
                      warnings=loaded.warnings + planned.catalog_problems)
    digests = article_digests(site, urls)
    stale = [route for route in routes
             if route.kind == "status" or not reusable(
                 live.records.get(route.output), structure_of(route, site, live.inputs),
                 digests, None)]
    machine = machine_readable(routes, views)
    return _Update(planned, digests, stale, machine, frozenset(path for path, _ in machine),
                   site.next_change)


def _finish(live: LiveSite, project: Project, out: Path, options: BuildOptions,
            update: _Update, changes: Changes) -> tuple[BuildReport, LiveSite]:
    """Render the stale pages, write them and the machine-readable files, and remember."""
    planned = update.planned
    site = planned.loaded.site
    same_routes = planned.routes is live.planned.routes
    outputs = {route.output for route in planned.routes}
    records = dict(live.records) if same_routes else {
        path: record for path, record in live.records.items() if path in outputs}
    before = dict(records)

    def rendered(route: Route, reads: Iterable[str]) -> None:
        records[route.output] = new_record(structure_of(route, site, live.inputs),
                                           tuple(reads), update.digests)

    jobs = options.jobs if len(update.stale) >= PARALLEL_FROM else 1
    files: dict[str, bytes] = {}
    for path, page in render_pages(update.stale, planned.renderer, planned.views, jobs,
                                   rendered):
        assert isinstance(page, bytes)  # no folder to write into was given: bytes come back
        files[path] = page
    files.update(update.machine)
    static = dict(static_files(project)) if changes.static else live.static
    if changes.static:
        files.update((path, source.read_bytes()) for path, source in static.items())
    wanted = frozenset(outputs | update.machine_paths | static.keys() | {MARKER})
    written = write_changes(out, live.layout, files, wanted)
    assert written.layout is not None
    report = BuildReport(
        pages=Counter((route.lang, route.kind) for route in planned.routes),
        warnings=planned.warnings,
        written=written,
        seconds=0.0,
        hidden=len(site.hidden),
        next_change=update.next_change,
    )
    readers = (_updated_readers(live.readers, before, records, update.stale) if same_routes
               else readers_of(records))
    return report, LiveSite(planned, records, update.digests, live.inputs, static,
                            written.layout, update.machine_paths, readers, update.next_change)


def _updated_readers(readers: Mapping[str, frozenset[str]], before: Mapping[str, PageRecord],
                     after: Mapping[str, PageRecord], rendered: Iterable[Route]
                     ) -> dict[str, frozenset[str]]:
    """readers_of(after), knowing readers_of(before) and that only rendered pages changed."""
    updated = dict(readers)
    for route in rendered:
        old = before.get(route.output)
        was = {source for source, _ in old.reads} if old else set()
        now = {source for source, _ in after[route.output].reads}
        for source in was - now:
            updated[source] = updated[source] - {route.output}
        for source in now - was:
            updated[source] = updated.get(source, frozenset()) | {route.output}
    return updated
