"""Jinja2 rendering: one environment per language, with gettext and Babel filters."""

from __future__ import annotations

import functools
import traceback
from collections.abc import Mapping, MutableMapping, Sequence
from datetime import date as date_type
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal
from babel.support import NullTranslations
from markupsafe import Markup

from sitegen.cache import engine_digest
from sitegen.config import Language, SiteConfig
from sitegen.errors import BuildError, Problem
from sitegen.escaping import OutputEscapingCodeGenerator
from sitegen.fragments import TEMPLATE_EXTENSIONS, Fragments
from sitegen.routes import Route
from sitegen.template_calls import PageContext
from sitegen.urls import Urls

TEMPLATE_OF_KIND: Mapping[str, str] = {
    "home": "home.html", "article": "article.html", "section": "section.html",
    "author": "author.html", "tag": "tag.html", "tags": "tags.html", "404": "404.html",
    "fallback": "article.html", "status": "status.html",
}


class Renderer:
    """Renders routes to HTML; environments and compiled templates live as long as it does."""

    def __init__(
        self,
        template_dirs: Sequence[Path],
        config: SiteConfig,
        urls: Urls,
        translations: Mapping[str, NullTranslations],
        *,
        bytecode_dir: Path | None = None,
    ) -> None:
        self._dirs = list(template_dirs)
        loader = jinja2.FileSystemLoader([str(d) for d in self._dirs])
        cache = _bytecode_cache(bytecode_dir) if bytecode_dir else None
        self._envs = {
            lang.code: _environment(loader, cache, config, urls, lang, translations[lang.code])
            for lang in config.languages
        }

    def render(self, route: Route, context: Mapping[str, Any]) -> str:
        """HTML of one page; template faults become a BuildError naming template and page."""
        env = self._envs[route.lang]
        name = TEMPLATE_OF_KIND[route.kind]
        try:
            return env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise BuildError([self._syntax_problem(exc)]) from None
        except jinja2.TemplateError as exc:
            raise BuildError([self._runtime_problem(exc, route, name)]) from None

    def check_templates(self) -> list[Problem]:
        """Compile every template once, reporting all syntax errors."""
        env = next(iter(self._envs.values()))
        problems = []
        for name in sorted(set(env.list_templates(extensions=["html", "xml", "txt"]))):
            try:
                env.get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                problems.append(self._syntax_problem(exc))
        return problems

    def _syntax_problem(self, exc: jinja2.TemplateSyntaxError) -> Problem:
        return Problem(self._display(exc.filename or exc.name or "?"), exc.lineno,
                       f"template syntax error: {exc.message}", "fix the template tag")

    def _runtime_problem(self, exc: jinja2.TemplateError, route: Route, name: str) -> Problem:
        filename, line = name, None
        for frame, lineno in traceback.walk_tb(exc.__traceback__):
            candidate = frame.f_code.co_filename
            if candidate.endswith((".html", ".xml", ".txt")):
                filename, line = candidate, lineno
        return Problem(self._display(filename), line,
                       f"{exc.message or type(exc).__name__} (while rendering {route.url})",
                       "check the variable name against docs/templates.md")

    def _display(self, filename: str) -> str:
        path = Path(filename)
        for folder in self._dirs:
            if path.is_relative_to(folder):
                return (folder.name + "/" + path.relative_to(folder).as_posix())
        return filename


class PageEnvironment(jinja2.Environment):
    """A Jinja environment whose templates see their globals as one plain dict, whose
    `{{ }}` output is escaped without a Markup per value (sitegen.escaping), and whose calls
    into Python skip Jinja's inspection of plain functions (sitegen.template_calls).

    Jinja layers a template's globals over the environment's in a ChainMap, so that
    changes made to the environment's after a template loads still show. Every render
    and every include then copies that ChainMap, key by key, in Python. Every global
    here is set before the first template loads (as Jinja's documentation asks), so each
    template takes a plain copy, which Python copies in C: 7 to 12% less time per page.
    """

    code_generator_class = OutputEscapingCodeGenerator
    context_class = PageContext

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def _bytecode_cache(folder: Path) -> jinja2.BytecodeCache:
    """Compiled templates in folder, under names that carry the engine's digest.

    Jinja checks a cached template against its source, but not against the code that
    compiled it: sitegen's own compiler (sitegen.escaping, the {% cache %} tag) may differ
    from one version to the next. Files from other engines are removed.
    """
    prefix = f"{engine_digest()[:16]}-"
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.cache"):
        if not stale.name.startswith(prefix):
            stale.unlink(missing_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder), pattern=prefix + "%s.cache")


def _environment(
    loader: jinja2.BaseLoader,
    cache: jinja2.BytecodeCache | None,
    config: SiteConfig,
    urls: Urls,
    lang: Language,
    translations: NullTranslations,
) -> jinja2.Environment:
    env = PageEnvironment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=list(TEMPLATE_EXTENSIONS),
        bytecode_cache=cache,
        # A Renderer's templates never change during its life (a template edit means a
        # new build, with a new Renderer): no stat of the file on every include.
        auto_reload=False,
        # A theme's templates are few, and all are used: a plain dict of them, not the
        # default LRU cache, which locks and reorders a queue on every include.
        cache_size=-1,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    install_messages(env, translations)
    env.filters.update(_locale_filters(Locale.parse(lang.locale), config))
    env.filters["absolute"] = urls.absolute
    env.filters["static"] = urls.static
    env.globals.update(site=config, urls=urls, teaser=teaser)
    return env


def install_messages(env: jinja2.Environment, translations: NullTranslations) -> None:
    """Jinja's newstyle gettext, with gettext, _ and ngettext remembering their answers."""
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    messages = TemplateMessages(translations)
    env.globals.update(gettext=messages.gettext, ngettext=messages.ngettext, _=messages.gettext)


class TemplateMessages:
    """Jinja's newstyle gettext and ngettext for one language, each message looked up once.

    Same results as jinja2.ext's: the translation is Markup when autoescaping and is always
    %-formatted with the keyword arguments (so "%%" becomes "%" even without any).
    """

    def __init__(self, translations: NullTranslations) -> None:
        self._translations = translations
        self._plain: dict[tuple[str, bool], str] = {}
        """(message, autoescape) -> translation, %-formatted with no variables."""
        self._formats: dict[tuple[str, bool], str] = {}
        self._plural_formats: dict[tuple[str, str, int, bool], str] = {}

    @jinja2.pass_eval_context
    def gettext(self, eval_ctx: jinja2.nodes.EvalContext, message: str, /,
                **variables: Any) -> str:
        if not variables:
            key = (message, eval_ctx.autoescape)
            text = self._plain.get(key)
            if text is None:
                text = self._plain[key] = self._format(message, eval_ctx.autoescape) % {}
            return text
        return self._format(message, eval_ctx.autoescape) % variables

    @jinja2.pass_eval_context
    def ngettext(self, eval_ctx: jinja2.nodes.EvalContext, singular: str, plural: str,
                 count: int, /, **variables: Any) -> str:
        variables.setdefault("num", count)
        if type(count) is not int:
            return self._plural_format(singular, plural, count, eval_ctx.autoescape) % variables
        key = (singular, plural, count, eval_ctx.autoescape)
        text = self._plural_formats.get(key)
        if text is None:
            text = self._plural_formats[key] = self._plural_format(*key)
        return text % variables

    def _plural_format(self, singular: str, plural: str, count: Any, autoescape: bool) -> str:
        text = self._translations.ngettext(singular, plural, count)
        return Markup(text) if autoescape else text

    def _format(self, message: str, autoescape: bool) -> str:
        key = (message, autoescape)
        text = self._formats.get(key)
        if text is None:
            text = self._translations.gettext(message)
            if autoescape:
                text = Markup(text)
            self._formats[key] = text
        return text


def _locale_filters(locale: Locale, config: SiteConfig) -> dict[str, Any]:
    """Babel filters of one language; locale is parsed once, not on every call."""
    zone = config.timezone

    def local(value: datetime) -> datetime:
        return value.astimezone(zone)

    # Babel is slow, and an archive's articles share their days: each day is formatted
    # once. (format_date reads only the date of a datetime.)
    @functools.lru_cache(maxsize=65536)
    def day(value: date_type, fmt: str) -> str:
        return format_date(value, fmt, locale=locale)

    def date(value: datetime, fmt: str = "full") -> str:
        return day(local(value).date(), fmt)

    @functools.lru_cache(maxsize=65536)
    def isoformat(value: datetime) -> str:
        return local(value).isoformat()

    return {
        "date": date,
        "time": lambda value, fmt="short": format_time(local(value), fmt, locale=locale),
        "datetime": lambda value, fmt="medium": format_datetime(
            local(value), fmt, tzinfo=zone, locale=locale),
        "number": _number_filter(locale),
        "isoformat": isoformat,
    }


def _number_filter(locale: Locale) -> Any:
    """format_decimal in locale, remembered for ints (page numbers and counts recur).

    Only exact ints are remembered: 0.0 and -0.0 are equal keys but format differently.
    """

    @functools.lru_cache(maxsize=4096)
    def integer(value: int) -> str:
        return format_decimal(value, locale=locale)

    def number(value: Any) -> str:
        if type(value) is int:
            return integer(value)
        return format_decimal(value, locale=locale)

    return number


@jinja2.pass_context
def teaser(context: jinja2.runtime.Context, item: Any, **options: Any) -> Markup:
    """The teaser of an article, rendered once per page build and reused on every listing."""
    fragments: Fragments = context["fragments"]
    return fragments.teaser(context.environment, item, options)
