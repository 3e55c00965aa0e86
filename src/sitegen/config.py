"""site.yaml: the typed site configuration and its validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError

from sitegen.errors import Problem, raise_if_errors
from sitegen.fields import FieldReader, did_you_mean
from sitegen.permalinks import read_permalinks
from sitegen.yamlsource import LocatedYaml, YamlSyntaxError, load_located

_TOP_KEYS = frozenset({
    "title", "base_url", "default_language", "default_language_at_root", "timezone",
    "languages", "sections", "permalinks", "pagination", "home", "comments", "publisher",
    "markdown", "feeds", "fallback", "status_page",
})
FALLBACKS = ("hide", "notice")
MARKDOWN_ENGINES = ("commonmark", "python-markdown")
"""Values of `markdown: {engine: …}`; the first is the default."""


@dataclass(frozen=True, slots=True)
class MarkdownSettings:
    """How article bodies are converted: which engine, and whether raw HTML passes through."""

    engine: str = MARKDOWN_ENGINES[0]
    raw_html: bool = True


@dataclass(frozen=True, slots=True)
class Language:
    """One publication language of the site."""

    code: str
    """Short code used in paths and front matter, e.g. 'fr'."""
    name: str
    """Name of the language in itself, e.g. 'Français'."""
    locale: str
    """Babel locale for dates and numbers, e.g. 'fr_FR'."""
    direction: str
    """Text direction: 'ltr' or 'rtl'."""
    title: str
    """Site title shown in this language."""
    tagline: str
    """Short line under the masthead."""
    prefix: str
    """URL prefix: '' for a language served at the root, else e.g. 'en/'."""
    date_format: str = "full"
    """Babel format of bylines: 'full', 'long', or a CLDR pattern like 'EEEE d MMMM y'."""


@dataclass(frozen=True, slots=True)
class Section:
    """A newsroom section, titled and slugged per language."""

    id: str
    titles: Mapping[str, str]
    slugs: Mapping[str, str]
    fallback: str = ""
    """'hide' or 'notice' for this section; empty to follow the site's choice."""

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or next(iter(self.titles.values()), self.id)

    def slug(self, lang: str) -> str:
        return self.slugs.get(lang) or self.id


@dataclass(frozen=True, slots=True)
class Comments:
    """The comment block under each article."""

    enabled: bool = True
    email: str = ""
    """Address readers can write to while comments are static."""
    script: str = ""
    """Optional third-party script URL; none is loaded unless set."""


@dataclass(frozen=True, slots=True)
class Publisher:
    name: str
    logo: str
    """Site path of the logo image, e.g. '/images/logo.svg'."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Everything site.yaml says, validated and typed."""

    title: str
    base_url: str
    """Absolute URL of the site root, always ending with '/'."""
    languages: tuple[Language, ...]
    default_language: str
    timezone: tzinfo
    sections: Mapping[str, Section]
    permalinks: Mapping[str, Mapping[str, str]]
    """Page kind -> language -> pattern relative to the language prefix."""
    pagination: int
    home_latest: int
    home_per_section: int
    comments: Comments
    publisher: Publisher
    markdown: MarkdownSettings = MarkdownSettings()
    fallback: str = "hide"
    """Untranslated articles: 'hide', or 'notice' (shown in every language with a banner)."""
    status_page: bool = False
    """Publish the translation status report at /_status/."""
    feed_entries: int = 20
    feed_content: str = "both"
    """What feed entries carry: 'full', 'summary' or 'both'."""
    languages_by_code: Mapping[str, Language] = field(default_factory=dict)

    @property
    def base_path(self) -> str:
        """Path part of the base URL, e.g. '/' or '/newsroom/'."""
        return urlsplit(self.base_url).path or "/"

    def language(self, code: str) -> Language:
        return self.languages_by_code[code]

    def fallback_of(self, section_id: str) -> str:
        """The untranslated-article policy of a section."""
        return self.sections[section_id].fallback or self.fallback


def load_config(text: str, path: str, *, base_url: str | None = None) -> SiteConfig:
    """Parse and validate site.yaml; raise BuildError listing every problem."""
    problems: list[Problem] = []
    try:
        doc = load_located(text)
    except YamlSyntaxError as exc:
        raise_if_errors([Problem(path, exc.line, exc.message, "fix the YAML syntax", exc.col)])
        raise AssertionError("unreachable") from None
    if not isinstance(doc.value, Mapping):
        raise_if_errors([Problem(path, 1, "site.yaml must be a mapping of keys to values",
                                 "start with a line such as 'title: My newsroom'")])
    config = _read_config(FieldReader(doc, path, problems), doc, base_url)
    raise_if_errors(problems)
    return config


def _read_config(fields: FieldReader, doc: LocatedYaml, base_url: str | None) -> SiteConfig:
    fields.duplicate_keys()
    fields.unknown_keys(_TOP_KEYS, severity="warning")
    title = fields.text("title", required=True)
    default = fields.text("default_language", required=True)
    at_root = fields.boolean("default_language_at_root", default=True)
    languages = _read_languages(fields, title, default, at_root)
    codes = [lang.code for lang in languages]
    if default and codes and default not in codes:
        fields.report(("default_language",), f"default language {default!r} is not among "
                      "the languages", did_you_mean(default, codes))
    return SiteConfig(
        title=title,
        base_url=_read_base_url(fields, base_url),
        languages=languages,
        default_language=default,
        timezone=_read_timezone(fields),
        sections=_read_sections(fields, codes),
        permalinks=read_permalinks(fields, codes),
        pagination=fields.integer("pagination", default=10, minimum=1),
        home_latest=fields.integer("home", "latest", default=8, minimum=1),
        home_per_section=fields.integer("home", "per_section", default=3, minimum=0),
        comments=Comments(
            enabled=fields.boolean("comments", "enabled", default=True),
            email=fields.text("comments", "email"),
            script=fields.text("comments", "script"),
        ),
        publisher=Publisher(
            name=fields.text("publisher", "name", default=title),
            logo=fields.text("publisher", "logo"),
        ),
        markdown=MarkdownSettings(
            engine=_read_choice(fields, ("markdown", "engine"), MARKDOWN_ENGINES),
            raw_html=fields.boolean("markdown", "raw_html", default=True),
        ),
        fallback=_read_choice(fields, ("fallback",), FALLBACKS),
        status_page=fields.boolean("status_page", default=False),
        feed_entries=fields.integer("feeds", "entries", default=20, minimum=1),
        feed_content=_read_choice(fields, ("feeds", "content"), ("both", "full", "summary")),
        languages_by_code={lang.code: lang for lang in languages},
    )


def _read_base_url(fields: FieldReader, override: str | None) -> str:
    url = override or fields.text("base_url", required=True, default="http://localhost/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        fields.report(("base_url",), f"base_url {url!r} is not an absolute http(s) URL",
                      "write it like https://news.example.org/")
    return url if url.endswith("/") else url + "/"


def _read_timezone(fields: FieldReader) -> tzinfo:
    name = fields.text("timezone", default="UTC")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        fields.report(("timezone",), f"unknown time zone {name!r}",
                      "use an IANA name such as Europe/Paris")
        return ZoneInfo("UTC")


def _read_languages(
    fields: FieldReader, title: str, default: str, at_root: bool
) -> tuple[Language, ...]:
    raw = fields.raw("languages")
    if not isinstance(raw, list) or not raw:
        fields.report(("languages",), "'languages' must be a non-empty list",
                      "add '- {code: fr, name: Français, locale: fr_FR}'")
        return ()
    languages: list[Language] = []
    for index in range(len(raw)):
        code = fields.text("languages", index, "code", required=True)
        if not code:
            continue
        if any(lang.code == code for lang in languages):
            fields.report(("languages", index, "code"), f"language {code!r} is listed twice")
            continue
        locale = fields.text("languages", index, "locale", default=code)
        try:
            Locale.parse(locale)
        except (UnknownLocaleError, ValueError):
            fields.report(("languages", index, "locale"), f"unknown locale {locale!r}",
                          "use a Babel locale such as fr_FR, en_GB or da_DK")
            locale = "en"
        direction = fields.text("languages", index, "direction", default="ltr")
        if direction not in ("ltr", "rtl"):
            fields.report(("languages", index, "direction"), "direction must be ltr or rtl")
            direction = "ltr"
        languages.append(Language(
            code=code,
            name=fields.text("languages", index, "name", default=code),
            locale=locale,
            direction=direction,
            title=fields.text("languages", index, "title", default=title),
            tagline=fields.text("languages", index, "tagline"),
            prefix="" if (code == default and at_root) else f"{code}/",
            date_format=fields.text("languages", index, "date_format", default="full"),
        ))
    return tuple(languages)


def _read_sections(fields: FieldReader, codes: list[str]) -> Mapping[str, Section]:
    sections: dict[str, Section] = {}
    for section_id in fields.mapping("sections", required=True):
        titles: dict[str, str] = {}
        slugs: dict[str, str] = {}
        fallback = ""
        for lang, _ in fields.mapping("sections", section_id).items():
            if lang == "fallback":
                fallback = _read_choice(fields, ("sections", section_id, "fallback"),
                                        FALLBACKS)
                continue
            if lang not in codes:
                fields.report(("sections", section_id, lang), f"unknown language {lang!r}",
                              did_you_mean(str(lang), codes))
                continue
            titles[lang] = fields.text("sections", section_id, lang, "title", default=section_id)
            slugs[lang] = fields.text("sections", section_id, lang, "slug", default=section_id)
        sections[str(section_id)] = Section(str(section_id), titles, slugs, fallback)
    return sections


def _read_choice(fields: FieldReader, key: tuple[str, ...], choices: tuple[str, ...]) -> str:
    value = fields.text(*key, default=choices[0])
    if value not in choices:
        fields.report(key, f"{'.'.join(key)} must be one of {', '.join(choices)}",
                      did_you_mean(value, choices))
        return choices[0]
    return value
