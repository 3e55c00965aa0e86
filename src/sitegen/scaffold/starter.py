"""The files of a new site: site.yaml, one author, one linked article per language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from sitegen.scaffold.articles import ArticleDraft, article_text, yaml_value
from sitegen.scaffold.errors import UsageError

BASE_URL = "https://example.org/"
SECTIONS = ("news", "culture")
EDITOR = "editor"
WELCOME_KEY = "welcome"
_CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class Wording:
    """What a new site says in one language."""

    locale: str
    sections: Mapping[str, tuple[str, str]]
    """Section id -> (title, URL slug)."""
    role: str
    headline: str
    body: str


_EN = Wording("en_GB", {"news": ("News", "news"), "culture": ("Culture", "culture")}, "Editor",
              "Welcome to your new site",
              "This article was written by `sitegen init`. Replace it with your own news: "
              "`sitegen new \"A headline\" --lang {lang} --section news`.\n")
WORDINGS: Mapping[str, Wording] = {
    "en": _EN,
    "fr": Wording("fr_FR", {"news": ("Actualités", "actualites"),
                            "culture": ("Culture", "culture")}, "Rédaction",
                  "Bienvenue sur votre nouveau site",
                  "Cet article a été écrit par `sitegen init`. Remplacez-le par vos "
                  "nouvelles : `sitegen new \"Un titre\" --lang {lang} --section news`.\n"),
    "da": Wording("da_DK", {"news": ("Nyheder", "nyheder"), "culture": ("Kultur", "kultur")},
                  "Redaktør", "Velkommen til dit nye site",
                  "Denne artikel er skrevet af `sitegen init`. Erstat den med dine egne "
                  "nyheder: `sitegen new \"En overskrift\" --lang {lang} --section news`.\n"),
    "ar": Wording("ar", {"news": ("أخبار", "akhbar"), "culture": ("ثقافة", "thaqafa")},
                  "المحرر", "مرحبًا بكم في موقعكم الجديد",
                  "كتب هذا المقال الأمر `sitegen init`. استبدلوه بأخباركم: "
                  "`sitegen new \"عنوان\" --lang {lang} --section news`.\n"),
    "de": Wording("de_DE", {"news": ("Nachrichten", "nachrichten"),
                            "culture": ("Kultur", "kultur")}, "Redaktion",
                  "Willkommen auf Ihrer neuen Website",
                  "Diesen Artikel hat `sitegen init` geschrieben. Ersetzen Sie ihn durch Ihre "
                  "Nachrichten: `sitegen new \"Eine Schlagzeile\" --lang {lang} "
                  "--section news`.\n"),
    "es": Wording("es_ES", {"news": ("Noticias", "noticias"), "culture": ("Cultura", "cultura")},
                  "Redacción", "Bienvenido a su nuevo sitio",
                  "Este artículo lo escribió `sitegen init`. Sustitúyalo por sus noticias: "
                  "`sitegen new \"Un titular\" --lang {lang} --section news`.\n"),
}


def wording(code: str) -> Wording:
    """The wording of a language; English text with the code as locale when unknown."""
    known = WORDINGS.get(code)
    if known:
        return known
    return Wording(code, _EN.sections, _EN.role, _EN.headline, _EN.body)


def parse_languages(text: str) -> tuple[str, ...]:
    """'fr, en' -> ('fr', 'en'); each a code Babel knows, none twice."""
    codes = tuple(code.strip() for code in text.split(",") if code.strip())
    if not codes:
        raise UsageError("no language given", "for example --languages fr,en")
    for code in codes:
        if not _CODE.match(code):
            raise UsageError(f"{code!r} is not a language code", "use codes such as fr, en, da")
        try:
            Locale.parse(wording(code).locale)
        except (UnknownLocaleError, ValueError):
            raise UsageError(f"unknown language {code!r}", "use codes Babel knows, such as "
                             "fr, en, da, ar, de, es") from None
    if len(set(codes)) != len(codes):
        raise UsageError("a language is listed twice", f"got {', '.join(codes)}")
    return codes


def default_timezone(code: str) -> str:
    """The time zone of the language's country when it keeps one time (fr: Europe/Paris; de:
    Europe/Berlin, Büsingen keeping the same), else UTC: there is no guessing which of the
    United States' zones a newsroom keeps."""
    locale = Locale.parse(wording(code).locale)
    territory = locale.territory or Locale.parse(  # the language's likely country: de -> DE
        get_global("likely_subtags").get(locale.language, locale.language)).territory
    zones = get_global("territory_zones").get(territory or "", [])
    times = {_winter_and_summer_offsets(zone) for zone in zones}
    return zones[0] if len(times) == 1 and None not in times else "UTC"


def _winter_and_summer_offsets(zone: str) -> tuple[timedelta | None, ...] | None:
    """The zone's offsets in January and July of a fixed year: the same answer any day."""
    try:
        return tuple(datetime(2026, month, 1, tzinfo=ZoneInfo(zone)).utcoffset()
                     for month in (1, 7))
    except (ZoneInfoNotFoundError, ValueError):
        return None  # the system's time zone data lacks it


def parse_timezone(name: str) -> str:
    """An IANA time zone name, checked."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"unknown time zone {name!r}",
                         "give an IANA name such as Europe/Paris or America/New_York") from None
    return name


def starter_files(codes: tuple[str, ...], title: str, date: datetime,
                  timezone: str = "UTC") -> dict[str, str]:
    """Relative path -> text of every file of a new site; the first language is the default."""
    files = {"site.yaml": site_yaml(codes, title, timezone),
             f"content/authors/{EDITOR}.yaml": author_yaml(codes),
             ".gitignore": "public/\n.sitegen-cache/\n"}
    for code in codes:
        files[f"content/{code}/news/{WELCOME_KEY}.md"] = welcome_article(code, date)
    return files


def site_yaml(codes: tuple[str, ...], title: str, timezone: str = "UTC") -> str:
    """site.yaml: the languages, two sections titled in each language, the defaults."""
    lines = ["# Every key is described in docs/site-yaml.md of sitegen.",
             f"title: {yaml_value(title)}", f"base_url: {BASE_URL}",
             f"default_language: {codes[0]}", f"timezone: {timezone}", "", "languages:"]
    for code in codes:
        locale = Locale.parse(wording(code).locale)
        name = Locale.parse(code).get_display_name(code) or code
        lines.append("  - " + yaml_value({
            "code": code, "name": name[:1].upper() + name[1:], "locale": wording(code).locale,
            "direction": locale.text_direction}))
    lines += ["", "sections:"]
    for section in SECTIONS:
        lines.append(f"  {section}:")
        for code in codes:
            title_text, slug = wording(code).sections[section]
            lines.append(f"    {code}: {yaml_value({'title': title_text, 'slug': slug})}")
    return "\n".join(lines) + "\n"


def author_yaml(codes: tuple[str, ...]) -> str:
    """The one author of a new site, with a role in each language."""
    roles = {code: wording(code).role for code in codes}
    return f"name: Editor\nrole: {yaml_value(roles)}\n"


def welcome_article(code: str, date: datetime) -> str:
    """The first article of one language, linked to the others by its translation_key."""
    words = wording(code)
    return article_text(ArticleDraft(
        headline=words.headline, authors=(EDITOR,), sections=("news",), date=date, tags=(),
        translation_key=WELCOME_KEY, body=words.body.format(lang=code), draft=False))
