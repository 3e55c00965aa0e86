"""build(): the pipeline from site.yaml and content/ to a complete site in the output folder."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from sitegen.catalogs import extract_messages
from sitegen.check import deep_problems
from sitegen.errors import BuildError, Problem, raise_if_errors
from sitegen.feeds import plan_feeds, render_feed
from sitegen.i18n import find_catalog, load_catalogs, load_translations
from sitegen.loading import (
    BuildOptions,
    InternalError,
    LoadedSite,
    load_project_config,
    load_site,
)
from sitegen.output import WriteReport, check_output_dir, write_output
from sitegen.pages import page_context
from sitegen.parallel import map_ordered
from sitegen.project import Project
from sitegen.render import Renderer
from sitegen.routes import Route, plan_routes
from sitegen.sitemaps import news_sitemap, robots_txt, sitemap_files
from sitegen.status import git_commit_times, translation_status, untranslated_ids
from sitegen.theme import static_files, template_dirs
from sitegen.urls import Urls
from sitegen.views import Views

__all__ = ["BuildOptions", "BuildReport", "Builder", "InternalError", "build", "check",
           "load_project_config", "load_site"]

OutputFile = tuple[str, bytes]


@dataclass(frozen=True, slots=True)
class BuildReport:
    """Figures of a finished build, for the summary line and --report-json."""

    pages: Counter[tuple[str, str]]
    """(language, kind) -> number of pages."""
    warnings: tuple[Problem, ...]
    written: WriteReport
    seconds: float
    hidden: int = 0
    next_change: datetime | None = None
    """When the output will next change by itself: a scheduled publication or an expiry."""

    def as_json(self) -> dict[str, object]:
        """The figures for --report-json."""
        return {
            "pages": {f"{lang}/{kind}": n for (lang, kind), n in sorted(self.pages.items())},
            "pages_total": sum(self.pages.values()),
            "files_written": self.written.written,
            "files_unchanged": self.written.unchanged,
            "articles_left_out": self.hidden,
            "warnings": [str(w) for w in self.warnings],
            "seconds": round(self.seconds, 3),
            "next_change": self.next_change.isoformat() if self.next_change else None,
        }


@dataclass(frozen=True, slots=True)
class PlannedSite:
    """A validated site with its routes and renderer: everything but the rendering itself."""

    loaded: LoadedSite
    routes: tuple[Route, ...]
    renderer: Renderer
    views: Views
    warnings: tuple[Problem, ...]
    """The content warnings, plus those about the templates' catalogs."""


def plan_site(project: Project, options: BuildOptions) -> PlannedSite:
    """Validate content and templates and plan every page; raise with every problem."""
    loaded = load_site(project, options)
    urls = Urls(loaded.config)
    routes = plan_routes(loaded.site, urls)
    dirs = template_dirs(project)
    catalogs = load_catalogs(dirs, {lang.code: lang.locale for lang in loaded.config.languages})
    renderer = Renderer(dirs, loaded.config, urls,
                        load_translations(catalogs, loaded.config.default_language))
    template = extract_messages(dirs)
    problems = renderer.check_templates() + catalog_problems(project, dirs, template, catalogs,
                                                             options.strict)
    raise_if_errors(problems)
    status = tuple(translation_status(loaded.site, template, catalogs,
                                      git_commit_times(project.root))
                   ) if loaded.config.status_page else ()
    return PlannedSite(loaded, routes, renderer, Views(loaded.site, urls, status),
                       loaded.warnings + tuple(problems))


def catalog_problems(project: Project, dirs: list[Path], template: Catalog,
                     catalogs: Mapping[str, Catalog], strict: bool) -> list[Problem]:
    """One warning per language whose catalog lacks strings (errors when strict)."""
    problems = []
    for lang, catalog in catalogs.items():
        missing = untranslated_ids(template, catalog, lang)
        if missing:
            path = project.relative(find_catalog(dirs, lang))
            problems.append(Problem(
                path, None, f"{len(missing)} UI strings have no {lang!r} translation, "
                f"such as {missing[0]!r}; the default language's text is used",
                "run 'sitegen i18n update' and translate the empty msgstr entries",
                severity="error" if strict else "warning"))
    return problems


def build(project: Project, out: Path, options: BuildOptions) -> BuildReport:
    """Build the whole site into out; on any error out is left as it was."""
    started = time.perf_counter()
    check_output_dir(out, project.root, [project.content, project.templates, project.static])
    planned = plan_site(project, options)
    files = output_files(planned, options.jobs)
    report = write_output(files, static_files(project), out)
    site = planned.loaded.site
    return BuildReport(
        pages=Counter((route.lang, route.kind) for route in planned.routes),
        warnings=planned.warnings,
        written=report,
        seconds=time.perf_counter() - started,
        hidden=len(site.hidden),
        next_change=site.next_change,
    )


def check(project: Project, options: BuildOptions) -> list[Problem]:
    """Everything build validates, plus links, fragments, images and reachability."""
    planned = plan_site(project, options)
    for _ in output_files(planned, options.jobs):
        pass  # rendering finds template errors; nothing is written
    problems = list(planned.warnings)
    problems += deep_problems(planned.loaded.site, planned.routes, project.static)
    return sorted(problems, key=Problem.sort_key)


def output_files(planned: PlannedSite, jobs: int) -> Iterator[OutputFile]:
    """Every page, then feeds, sitemaps and robots.txt; raises at the end on render errors."""
    yield from render_pages(planned.routes, planned.renderer, planned.views, jobs)
    yield from machine_readable(planned.routes, planned.views)


def render_pages(
    routes: Sequence[Route], renderer: Renderer, views: Views, jobs: int = 1
) -> Iterator[OutputFile]:
    """Render routes in order, in worker processes when jobs > 1.

    A template fault is reported once, not once per page, after every page was tried.
    """
    problems: dict[tuple[str, int | None], Problem] = {}
    state = {"renderer": renderer, "views": views}
    for output, result in map_ordered(_render_chunk, routes, jobs=jobs, state=state,
                                      chunk=128):
        if isinstance(result, bytes):
            yield output, result
        else:
            for problem in result:
                problems.setdefault((problem.path, problem.line), problem)
    raise_if_errors(list(problems.values()))


def _render_chunk(
    state: dict[str, Any], routes: Sequence[Route]
) -> list[tuple[str, bytes | tuple[Problem, ...]]]:
    renderer: Renderer = state["renderer"]
    views: Views = state["views"]
    results: list[tuple[str, bytes | tuple[Problem, ...]]] = []
    for route in routes:
        try:
            html = renderer.render(route, page_context(route, views))
            results.append((route.output, html.encode("utf-8")))
        except BuildError as exc:
            results.append((route.output, exc.problems))
    return results


def machine_readable(routes: Sequence[Route], views: Views) -> list[OutputFile]:
    """Feeds, sitemaps and robots.txt."""
    urls = views.urls
    files = [(urls.output_path(feed.url), render_feed(feed, views))
             for feed in plan_feeds(views.site, views)]
    files += sitemap_files(routes, views)
    sitemaps = ["sitemap.xml"]
    news = news_sitemap(views.site, views)
    if news is not None:
        files.append(("news-sitemap.xml", news))
        sitemaps.append("news-sitemap.xml")
    files.append(("robots.txt", robots_txt(views, sitemaps)))
    return files


class Builder:
    """Builds one project again and again (the serve loop), each time at the current clock.

    The interface the preview server relies on: build(changed) returns a BuildReport or
    raises BuildError, and leaves the output complete either way.
    """

    def __init__(self, project: Project, out: Path, options: BuildOptions,
                 now: Callable[[], datetime]) -> None:
        self.project = project
        self.out = out
        self.options = options
        self._now = now

    def build(self, changed: Iterable[Path] = ()) -> BuildReport:
        """Rebuild after the given files changed (all of them when none are named)."""
        return build(self.project, self.out, replace(self.options, clock=self._now()))
