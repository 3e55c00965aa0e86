"""Rendering every output file, reusing pages whose inputs did not change."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.errors import BuildError, Problem, raise_if_errors
from sitegen.feeds import plan_feeds, render_feed
from sitegen.files import write_new_file
from sitegen.incremental import (
    RECORDS_FILE,
    PageRecord,
    article_digests,
    digest,
    file_identity,
    files_digest,
    load_records,
    records_stamp,
    reusable,
    save_records,
    structure_of,
)
from sitegen.loading import BuildOptions, LoadedSite
from sitegen.output import PageData, Written
from sitegen.pages import page_context
from sitegen.parallel import in_background, map_ordered
from sitegen.project import Project
from sitegen.render import Renderer
from sitegen.routes import Route
from sitegen.site import Site
from sitegen.sitemaps import NEWS_SITEMAP, news_sitemap, robots_txt, sitemap_files
from sitegen.uptodate import Identities
from sitegen.views import Views

OutputFile = tuple[str, PageData]
"""An output path and its bytes; None: the previous file is still right, keep it; Written:
the file is already in the new staging folder."""


@dataclass(frozen=True, slots=True)
class PlannedSite:
    """A validated site with its routes and renderer: everything but the rendering itself."""

    loaded: LoadedSite
    routes: tuple[Route, ...]
    renderer: Renderer
    views: Views
    warnings: tuple[Problem, ...]
    """The content warnings, plus those about the templates' catalogs."""
    template_dirs: tuple[Path, ...] = ()
    catalog_problems: tuple[Problem, ...] = ()
    """Warnings about the templates' catalogs (part of warnings)."""
    status_of: Callable[[Site], tuple[Any, ...]] = lambda site: ()
    """The translation status report of a site, for the editors' status page."""


class PageCache:
    """Decides which pages can be kept from the previous build, and records the new ones."""

    def __init__(self, path: Path | None, stamp: str, inputs: str, planned: PlannedSite,
                 out: Path) -> None:
        self._path, self._stamp, self._inputs, self._out = path, stamp, inputs, out
        self._folder = os.path.join(os.fspath(out), "")
        """out as a string ending in a separator: pages' paths are joined to it by hand."""
        self._site = planned.loaded.site
        self._old = load_records(path, stamp) if path is not None else {}
        self._digests = article_digests(self._site, planned.views.urls)
        self._structures: dict[str, str] = {}
        self._new: dict[str, PageRecord] = {}

    @classmethod
    def open(cls, project: Project, out: Path, planned: PlannedSite,
             options: BuildOptions) -> PageCache:
        """The page cache of a build; kept in .sitegen-cache/ unless options.cache is off,
        when it starts empty and lives only in memory (for a long-running builder)."""
        files = [p for d in planned.template_dirs for p in d.rglob("*") if p.is_file()]
        files += [project.config_path, *sorted((project.content / "authors").glob("*.y*ml"))]
        inputs = digest(files_digest(f for f in files if f.is_file()), options.base_url,
                        options.drafts, options.future)
        stamp = records_stamp(out)
        path = project.cache / f"{stamp[:12]}-{RECORDS_FILE}" if options.cache else None
        return cls(path, stamp, inputs, planned, out)

    def keep(self, route: Route) -> bool:
        """True when the page at route is unchanged since the last build."""
        record = self._old.get(route.output)
        if record is None or route.kind == "status":
            # Nothing to compare with (the status page reads catalogs and git history:
            # cheap, so always made again). The page's structure is worked out when it is
            # rendered: on a first build, while the workers render.
            return False
        if reusable(record, self._structure(route), self._digests, self._folder + route.output):
            self._new[route.output] = record
            return True
        return False

    def rendered(self, route: Route, reads: Sequence[str]) -> None:
        self._new[route.output] = new_record(self._structure(route), reads, self._digests)

    def _structure(self, route: Route) -> str:
        structure = self._structures.get(route.output)
        if structure is None:
            structure = self._structures[route.output] = structure_of(route, self._site,
                                                                      self._inputs)
        return structure

    @property
    def records(self) -> dict[str, PageRecord]:
        """The record of every page of this build, once save() ran."""
        return self._new

    @property
    def digests(self) -> dict[str, str]:
        return self._digests

    @property
    def inputs(self) -> str:
        """Digest of templates, catalogs, configuration, authors and options."""
        return self._inputs

    def save(self, outputs: Identities | None = None) -> None:
        """Record the new pages with the identity of the files now in the output.

        outputs, the identities of the output's files when the caller just took them,
        spares a second look at every file.
        """
        # Paths joined by hand, records made directly: for every page of a large archive.
        folder = self._folder
        for output, record in self._new.items():
            if record.file is None:
                identity = (outputs.get(folder + output) if outputs is not None
                            else file_identity(folder + output))
                self._new[output] = PageRecord(record.structure, record.reads, identity)
        if self._path is not None:
            save_records(self._path, self._stamp, self._new)


def new_record(structure: str, reads: Sequence[str], digests: Mapping[str, str]
               ) -> PageRecord:
    """The record of a page just rendered, which read the given articles."""
    return PageRecord(structure, tuple((source, digests[source]) for source in
                                       sorted(set(reads)) if source in digests))


Progress = Callable[[int, int], None]
"""Told (pages done, pages in all) as rendering goes on."""


def output_files(planned: PlannedSite, jobs: int, cache: PageCache | None,
                 progress: Progress | None = None, into: Path | None = None
                 ) -> Iterator[OutputFile]:
    """Every page, then feeds, sitemaps and robots.txt; raises at the end on render errors.

    With into, a new staging folder (sitegen.output.fresh_staging), the pages are written
    there by the processes that render them, and come back as Written.
    """
    # Into a new staging folder, a render worker makes the feeds and sitemaps first; else
    # a process of their own makes them while this one finds the pages it can keep. A
    # first build renders every page, so its workers are there anyway: one more process
    # for these files cost it 0.1 CPU-s and 30 MiB more (all processes) at 10,000
    # articles, measured when tried (7d51032, reverted).
    state = {"machine_readable_of": planned.routes, "views": planned.views}
    with in_background(_machine_readable_bytes, state, jobs=1 if into else jobs) as aside:
        routes = planned.routes
        total = len(routes)
        if cache is not None:
            kept = [route for route in routes if cache.keep(route)]
            yield from ((route.output, None) for route in kept)
            kept_outputs = {route.output for route in kept}
            routes = tuple(route for route in routes if route.output not in kept_outputs)
        reused = total - len(routes)
        yield from render_pages(
            routes, planned.renderer, planned.views, jobs,
            cache.rendered if cache is not None else None, into,
            finished=(lambda done: progress(min(reused + done, total), total))
            if progress is not None else None,
            machine_readable_of=planned.routes if into is not None else None)
        if progress is not None:
            progress(total, total)
        if into is None:
            yield from aside()


Rendered = Callable[[Route, Sequence[str]], None]
"""Told each page rendered and the articles it read."""


def render_pages(
    routes: Sequence[Route], renderer: Renderer, views: Views, jobs: int = 1,
    rendered: Rendered | None = None, into: Path | None = None,
    finished: Callable[[int], None] | None = None,
    machine_readable_of: Sequence[Route] | None = None,
) -> Iterator[tuple[str, bytes | Written]]:
    """Render routes in order, in worker processes when jobs > 1.

    With into, each page is written below it where it was rendered (the workers share the
    writing, and the page's bytes never travel back), and comes back as Written. finished
    is told how many pages are rendered, as they are, in whatever order.
    With machine_readable_of, the feeds, sitemaps and robots.txt of those routes are made
    by a worker too, first, while the others render pages; they come before the pages.
    A template fault is reported once, not once per page, after every page was tried.
    """
    problems: dict[tuple[str, int | None], Problem] = {}
    state = {"renderer": renderer, "views": views, "into": str(into) if into else None,
             "folders": set(), "machine_readable_of": machine_readable_of}
    tasks: Sequence[Route | None] = routes
    if machine_readable_of is not None:
        tasks = [MACHINE_READABLE, *routes]
    # Written pages come back as a few numbers: workers may then work from both ends of
    # the routes, and render each teaser (shown on pages near each other) once, not twice.
    results = map_ordered(_render_chunk, tasks, jobs=jobs, state=state, chunk=128,
                          from_both_ends=into is not None, finished=finished)
    for route, (result, reads) in zip(tasks, results, strict=True):
        if isinstance(result, MachineReadableFiles):
            yield from result.files
        elif isinstance(result, tuple):
            for problem in result:
                problems.setdefault((problem.path, problem.line), problem)
        elif route is not None:
            if rendered is not None:
                rendered(route, reads)
            yield route.output, result
    raise_if_errors(list(problems.values()))


MACHINE_READABLE = None
"""The task, among the routes, of making the feeds, sitemaps and robots.txt."""


@dataclass(frozen=True, slots=True)
class MachineReadableFiles:
    """What the MACHINE_READABLE task made."""

    files: tuple[tuple[str, bytes | Written], ...]


RenderResult = tuple[bytes | Written | MachineReadableFiles | tuple[Problem, ...],
                     tuple[str, ...]]
"""A page (or its problems, or the machine-readable files), and the articles it read."""


def _render_chunk(state: dict[str, Any], routes: Sequence[Route | None]
                  ) -> list[RenderResult]:
    renderer: Renderer = state["renderer"]
    views: Views = state["views"]
    into: str | None = state["into"]
    results: list[RenderResult] = []
    for route in routes:
        if route is MACHINE_READABLE:
            results.append((MachineReadableFiles(tuple(_machine_readable_files(state))), ()))
            continue
        views.start_reading()
        try:
            html = renderer.render(route, page_context(route, views)).encode("utf-8")
        except BuildError as exc:
            views.stop_reading()
            results.append((exc.problems, ()))
            continue
        page: bytes | Written = html
        if into is not None:
            page = Written(write_new_file(into, route.output, html, state["folders"]))
        results.append((page, views.stop_reading()))
    return results


def _machine_readable_bytes(state: dict[str, Any]) -> list[tuple[str, bytes]]:
    return machine_readable(state["machine_readable_of"], state["views"])


def _machine_readable_files(state: dict[str, Any]) -> Iterator[tuple[str, bytes | Written]]:
    into: str | None = state["into"]
    for path, data in machine_readable(state["machine_readable_of"], state["views"]):
        yield path, (Written(write_new_file(into, path, data, state["folders"]))
                     if into is not None else data)


def machine_readable(routes: Sequence[Route], views: Views) -> list[tuple[str, bytes]]:
    """Feeds, sitemaps and robots.txt."""
    urls = views.urls
    files = [(urls.output_path(feed.url), render_feed(feed, views))
             for feed in plan_feeds(views.site, views)]
    files += sitemap_files(routes, views)
    sitemaps = ["sitemap.xml"]
    news = news_sitemap(views.site, views)
    if news is not None:
        files.append((NEWS_SITEMAP, news))
        sitemaps.append(NEWS_SITEMAP)
    files.append(("robots.txt", robots_txt(views, sitemaps)))
    return files
