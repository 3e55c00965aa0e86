"""build(): the pipeline from site.yaml and content/ to a complete site in the output folder."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from sitegen.catalogs import cached_messages, extract_messages
from sitegen.changes import NeedsFullBuild
from sitegen.check import deep_problems
from sitegen.engines import Renderers
from sitegen.errors import Problem, raise_if_errors
from sitegen.i18n import find_catalog, load_catalogs, load_translations
from sitegen.live import LiveSite, readers_of, rebuild
from sitegen.loading import (
    BuildOptions,
    InternalError,
    Memory,
    load_project_config,
    load_site,
)
from sitegen.output import MARKER, WriteReport, check_output_dir, fresh_staging, write_output
from sitegen.project import Project
from sitegen.render import Renderer
from sitegen.rendering import PageCache, PlannedSite, Progress, output_files
from sitegen.report import BuildReport
from sitegen.routes import plan_routes
from sitegen.site import Site
from sitegen.status import git_commit_times, translation_status, untranslated_ids
from sitegen.theme import static_files, template_dirs
from sitegen.uptodate import (
    BuildRecord,
    Identities,
    clock_span,
    identities,
    input_identities,
    is_racy,
    load_record,
    now_ns,
    record_key,
    record_path,
    save_record,
)
from sitegen.urls import Urls
from sitegen.views import Views

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

__all__ = ["BuildOptions", "BuildReport", "Builder", "InternalError", "build", "check",
           "load_project_config", "load_site"]

OutputFile = tuple[str, bytes]


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
    commit_times = git_commit_times(project.root) if loaded.config.status_page else {}

    def status_of(site: Site) -> tuple[Any, ...]:
        if not site.config.status_page:
            return ()
        return tuple(translation_status(site, template, catalogs, commit_times))

    return PlannedSite(loaded, routes, renderer, Views(loaded.site, urls, status_of(loaded.site)),
                       loaded.warnings + tuple(problems), tuple(dirs), tuple(problems),
                       status_of)


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
    """Build the whole site into out; on any error out is left as it was.

    With the cache on, a build whose inputs and output did not change since the last one
    is skipped (sitegen.uptodate).
    """
    if memory is not None or not options.cache:
        return _build(project, out, options, progress, memory)[0]
    started, started_ns = time.perf_counter(), now_ns()
    check_output_dir(out, project.root, [project.content, project.templates, project.static])
    path = record_path(project, out)
    key = record_key(project.root, out, replace(options, clock=EPOCH, jobs=0))
    inputs = input_identities(project)
    record = load_record(path, key)
    if (record is not None and record.inputs == inputs and record.span.holds(options.clock)
            and record.outputs == identities([out])):
        files = record.report.written.written + record.report.written.unchanged
        return replace(record.report, written=WriteReport(0, files),
                       seconds=time.perf_counter() - started, up_to_date=True)
    report, _, site, outputs = _build(project, out, options, progress, None)
    report = replace(report, written=replace(report.written, identities=None))
    if not is_racy(inputs, started_ns):
        span = clock_span([*site.articles.values(), *site.hidden], options.clock)
        save_record(path, BuildRecord(key, inputs, outputs or identities([out]), span, report))
    return report


def _build(project: Project, out: Path, options: BuildOptions, progress: Progress | None,
           memory: Memory | None, previous: LiveSite | None = None
           ) -> tuple[BuildReport, LiveSite | None, Site, Identities | None]:
    """build(), and, when memory is kept, what the next rebuild can start from.

    With the cache on, also the identity of every file of the output as it now stands.
    """
    started = time.perf_counter()
    check_output_dir(out, project.root, [project.content, project.templates, project.static])
    planned = plan_site(project, options, memory)
    # Without the cache, a long-running builder still keeps page records, in memory only.
    keeping = options.cache or memory is not None
    pages = PageCache.open(project, out, planned, options) if keeping else None
    staging = fresh_staging(out)
    files = output_files(planned, options.jobs, pages, progress, into=staging)
    static = dict(static_files(project))
    report = write_output(files, static.items(), out, track=memory is not None,
                          previous=previous.layout.live if previous else None,
                          fresh=staging is not None)
    outputs = output_identities(out, report) if pages is not None else None
    if pages is not None:
        pages.save(outputs)
    site = planned.loaded.site
    built = BuildReport(
        pages=Counter((route.lang, route.kind) for route in planned.routes),
        warnings=planned.warnings,
        written=report,
        seconds=time.perf_counter() - started,
        hidden=len(site.hidden),
        next_change=site.next_change,
    )
    if pages is None or report.layout is None:
        return built, None, site, outputs
    machine = report.layout.live - {r.output for r in planned.routes} - static.keys() - {MARKER}
    return built, LiveSite(planned, pages.records, pages.digests, pages.inputs, static,
                           report.layout, frozenset(machine), readers_of(pages.records),
                           built.next_change), site, outputs


def output_identities(out: Path, report: WriteReport) -> Identities:
    """The identity of every file of out, as sitegen.uptodate.identities gives them."""
    if report.identities is None:
        return identities([out])
    folder = os.fspath(out)
    return {os.path.join(folder, relative): identity
            for relative, identity in report.identities.items()}


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

    The last good build stays in memory, so a rebuild after a few articles or static files
    changed touches only what they affect (sitegen.live); any other change, or the first
    build, is a full build that still reuses the caches.
    """

    def __init__(self, project: Project, out: Path, options: BuildOptions,
                 now: Callable[[], datetime]) -> None:
        self.project = project
        self.out = out
        self.options = options
        self._now = now
        self._memory = Memory()
        self._live: LiveSite | None = None
        self._pending: set[Path] = set()
        """Paths changed since the last good build (the failed builds' changes)."""
        self._renderers: Renderers = {}
        self.last_kind = ""
        """'full' or 'changes': how the last build was made, for tests and benchmarks."""

    def build(self, changed: Iterable[Path] = (), progress: Progress | None = None
              ) -> BuildReport:
        """Rebuild after the given files changed (all of them when none are named)."""
        started = time.perf_counter()
        options = replace(self.options, clock=self._now())
        changed = self._pending | set(changed)
        try:
            report, live = self._rebuild(changed, options, progress)
        except BaseException:
            self._pending = changed
            raise
        self._live, self._pending = live, set()
        return replace(report, seconds=time.perf_counter() - started)

    def _rebuild(self, changed: set[Path], options: BuildOptions, progress: Progress | None
                 ) -> tuple[BuildReport, LiveSite | None]:
        if self._live is not None and changed:
            try:
                report, live = rebuild(self._live, self.project, self.out, options, changed,
                                       self._renderers)
            except NeedsFullBuild:
                pass
            except OSError:
                self._live = None  # the staging folder is in an unknown state: walk it
            else:
                self.last_kind = "changes"
                return report, live
        self.last_kind = "full"
        self._renderers.clear()
        built = _build(self.project, self.out, options, progress, self._memory, self._live)
        return built[0], built[1]
