"""build(): the pipeline from site.yaml and content/ to a complete site in the output folder."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sitegen.authors import parse_author
from sitegen.check import deep_problems, link_problems
from sitegen.config import SiteConfig, load_config
from sitegen.document import ParseResult, SourceFile, Vocabulary, parse_document
from sitegen.errors import BuildError, Problem, raise_if_errors
from sitegen.feeds import plan_feeds, render_feed
from sitegen.i18n import load_translations
from sitegen.markup import MarkdownRenderer
from sitegen.model import Article, Author
from sitegen.output import WriteReport, check_output_dir, write_output
from sitegen.pages import page_context
from sitegen.project import Project
from sitegen.render import Renderer
from sitegen.routes import Route, plan_routes
from sitegen.site import Site, Visibility, assemble_site
from sitegen.sitemaps import news_sitemap, robots_txt, sitemap_files
from sitegen.sources import AuthorFile, read_content, walk_files
from sitegen.urls import Urls
from sitegen.views import Views


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What the command line can change about a build."""

    clock: datetime
    drafts: bool = False
    future: bool = False
    base_url: str | None = None
    strict: bool = False


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
class LoadedSite:
    """A validated site ready to render, and the warnings found on the way."""

    config: SiteConfig
    site: Site
    warnings: tuple[Problem, ...]


def load_project_config(project: Project, base_url: str | None = None) -> SiteConfig:
    """The validated site.yaml of project."""
    return load_config(_read_config_text(project), project.relative(project.config_path),
                       base_url=base_url)


def load_site(project: Project, options: BuildOptions) -> LoadedSite:
    """Read and validate config and every content file; raise with all problems at once."""
    config = load_project_config(project, options.base_url)
    files = read_content(project.root, config.languages_by_code)
    problems = list(files.problems)
    authors = _parse_authors(files.authors, config, problems)
    vocabulary = Vocabulary(authors, config.sections, config.timezone, options.strict)
    renderer = MarkdownRenderer(raw_html=config.raw_html)
    results = [_parse_guarded(source, vocabulary, renderer) for source in files.articles]
    problems.extend(p for result in results for p in result.problems)
    raise_if_errors(problems)
    site = assemble_site(_articles(results), authors, config,
                         Visibility(options.clock, options.drafts, options.future))
    problems.extend(link_problems(site))
    raise_if_errors(problems)
    return LoadedSite(config, site, tuple(problems))


@dataclass(frozen=True, slots=True)
class RenderedSite:
    """Every output file of a site, in memory, before anything is written."""

    loaded: LoadedSite
    routes: tuple[Route, ...]
    files: list[tuple[str, bytes]]


def render_site(project: Project, options: BuildOptions) -> RenderedSite:
    """Validate and render everything; raise BuildError with every problem found."""
    loaded = load_site(project, options)
    urls = Urls(loaded.config)
    routes = plan_routes(loaded.site, urls)
    renderer = make_renderer(project, loaded.config, urls)
    raise_if_errors(renderer.check_templates())
    views = Views(loaded.site, urls)
    files = render_all(routes, renderer, views) + machine_readable(routes, views)
    return RenderedSite(loaded, routes, files)


def build(project: Project, out: Path, options: BuildOptions) -> BuildReport:
    """Build the whole site into out; on any error out is left as it was."""
    started = time.perf_counter()
    check_output_dir(out, project.root, [project.content, project.templates, project.static])
    rendered = render_site(project, options)
    report = write_output(rendered.files, static_files(project), out)
    site = rendered.loaded.site
    return BuildReport(
        pages=Counter((route.lang, route.kind) for route in rendered.routes),
        warnings=rendered.loaded.warnings,
        written=report,
        seconds=time.perf_counter() - started,
        hidden=len(site.hidden),
        next_change=site.next_change,
    )


def check(project: Project, options: BuildOptions) -> list[Problem]:
    """Everything build validates, plus links, fragments, images and reachability."""
    rendered = render_site(project, options)
    problems = list(rendered.loaded.warnings)
    problems += deep_problems(rendered.loaded.site, rendered.routes, project.static)
    return sorted(problems, key=Problem.sort_key)


def make_renderer(project: Project, config: SiteConfig, urls: Urls) -> Renderer:
    locales = {lang.code: lang.locale for lang in config.languages}
    translations = load_translations(project.templates, locales, config.default_language)
    return Renderer([project.templates], config, urls, translations)


def render_all(
    routes: tuple[Route, ...], renderer: Renderer, views: Views
) -> list[tuple[str, bytes]]:
    """Render every route in order; a template fault is reported once, not once per page."""
    pages: list[tuple[str, bytes]] = []
    problems: dict[tuple[str, int | None], Problem] = {}
    for route in routes:
        try:
            html = renderer.render(route, page_context(route, views))
        except BuildError as exc:
            for problem in exc.problems:
                problems.setdefault((problem.path, problem.line), problem)
            continue
        pages.append((route.output, html.encode("utf-8")))
    raise_if_errors(list(problems.values()))
    return pages


def machine_readable(routes: tuple[Route, ...], views: Views) -> list[tuple[str, bytes]]:
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


def static_files(project: Project) -> Iterator[tuple[str, Path]]:
    if project.static.is_dir():
        for path in walk_files(project.static, project.root):
            yield path.relative_to(project.static).as_posix(), path


def _read_config_text(project: Project) -> str:
    try:
        return project.config_path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise BuildError([Problem(project.relative(project.config_path), None,
                                  "site.yaml is missing",
                                  "run sitegen in the site's folder or pass --source")]) from None
    except UnicodeDecodeError as exc:
        raise BuildError([Problem("site.yaml", None,
                                  f"not valid UTF-8 (byte offset {exc.start})",
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


def _articles(results: list[ParseResult]) -> Iterator[Article]:
    return (result.article for result in results if result.article is not None)


class InternalError(Exception):
    """An unexpected failure, tied to the file that was being processed."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def _parse_guarded(
    source: SourceFile, vocabulary: Vocabulary, renderer: MarkdownRenderer
) -> ParseResult:
    try:
        return parse_document(source, vocabulary, renderer)
    except Exception as exc:
        raise InternalError(source.path) from exc


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
