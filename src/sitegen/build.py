"""build(): the pipeline from site.yaml and content/ to a complete site in the output folder."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog

from sitegen.catalogs import cached_messages, extract_messages
from sitegen.check import deep_problems
from sitegen.errors import Problem, raise_if_errors
from sitegen.i18n import find_catalog, load_catalogs, load_translations
from sitegen.loading import (
    BuildOptions,
    InternalError,
    Memory,
    load_project_config,
    load_site,
)
from sitegen.output import WriteReport, check_output_dir, write_output
from sitegen.project import Project
from sitegen.render import Renderer
from sitegen.rendering import PageCache, PlannedSite, Progress, output_files
from sitegen.routes import plan_routes
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


def plan_site(project: Project, options: BuildOptions,
              memory: Memory | None = None) -> PlannedSite:
    """Validate content and templates and plan every page; raise with every problem."""
    loaded = load_site(project, options, memory)
    urls = Urls(loaded.config)
    routes = plan_routes(loaded.site, urls)
    dirs = template_dirs(project)
    catalogs = load_catalogs(dirs, {lang.code: lang.locale for lang in loaded.config.languages})
    renderer = Renderer(dirs, loaded.config, urls,
                        load_translations(catalogs, loaded.config.default_language),
                        bytecode_dir=project.cache / "jinja" if options.cache else None)
    template = cached_messages(project, dirs) if options.cache else extract_messages(dirs)
    problems = renderer.check_templates() + catalog_problems(project, dirs, template, catalogs,
                                                             options.strict)
    raise_if_errors(problems)
    status = tuple(translation_status(loaded.site, template, catalogs,
                                      git_commit_times(project.root))
                   ) if loaded.config.status_page else ()
    return PlannedSite(loaded, routes, renderer, Views(loaded.site, urls, status),
                       loaded.warnings + tuple(problems), tuple(dirs))


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


def build(project: Project, out: Path, options: BuildOptions,
          progress: Progress | None = None, memory: Memory | None = None) -> BuildReport:
    """Build the whole site into out; on any error out is left as it was."""
    started = time.perf_counter()
    check_output_dir(out, project.root, [project.content, project.templates, project.static])
    planned = plan_site(project, options, memory)
    pages = PageCache.open(project, out, planned, options) if options.cache else None
    files = output_files(planned, options.jobs, pages, progress)
    report = write_output(files, static_files(project), out)
    if pages is not None:
        pages.save()
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
    for _ in output_files(planned, options.jobs, None):
        pass  # rendering finds template errors; nothing is written
    problems = list(planned.warnings)
    problems += deep_problems(planned.loaded.site, planned.routes, project.static)
    return sorted(problems, key=Problem.sort_key)


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
        self._memory = Memory()

    def build(self, changed: Iterable[Path] = (), progress: Progress | None = None
              ) -> BuildReport:
        """Rebuild after the given files changed (all of them when none are named).

        The caches make this incremental: only changed files are parsed again, only pages
        whose inputs changed are rendered again, only changed files are written.
        """
        return build(self.project, self.out, replace(self.options, clock=self._now()),
                     progress, self._memory)
