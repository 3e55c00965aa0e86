"""The Jinja environment of each language: remembered gettext and Babel filters give the
same text as Jinja's own newstyle gettext and as calling Babel every time."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2
import pytest
from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.numbers import format_decimal
from bs4 import BeautifulSoup

from conftest import SITE_YAML
from sitegen.config import load_config
from sitegen.i18n import compile_catalog
from sitegen.render import PageEnvironment, Renderer, TemplateMessages, install_messages
from sitegen.routes import Route
from sitegen.urls import Urls

TEMPLATE = """\
<p id="plain">{{ _("Home") }}</p>
<p id="again">{{ _("Home") }}</p>
<p id="named">{{ _("Hello %(name)s", name=who) }}</p>
<p id="percent">{{ _("100%% sure") }}</p>
<p id="markup">{{ _("Read <em>more</em>") }}</p>
<p id="missing">{{ _("Not in the catalog") }}</p>
<p id="call">{{ gettext("Home") }}</p>
{% for minutes in (1, 2, 1) %}
<p class="plural">{% trans count=minutes %}{{ count }} minute{% pluralize %}\
{{ count }} minutes{% endtrans %}</p>
{% endfor %}
<p id="num">{{ ngettext("%(num)s page", "%(num)s pages", 3) }}</p>
{% autoescape false %}<p id="raw">{{ _("Hello %(name)s", name=who) }}</p>{% endautoescape %}
"""


def french() -> jinja2.Environment:
    """A bare Jinja environment with the French test catalog and no gettext installed."""
    return jinja2.Environment(loader=jinja2.DictLoader({"t.html": TEMPLATE}), autoescape=True,
                              extensions=["jinja2.ext.i18n"])


def catalog() -> Catalog:
    messages = Catalog(locale="fr", domain="messages")
    messages.add("Home", "Accueil")
    messages.add("Hello %(name)s", "Bonjour %(name)s")
    messages.add("100%% sure", "sûr à 100%%")
    messages.add("Read <em>more</em>", "Lire <em>la suite</em>")
    minutes = ("%(count)s minute", "%(count)s minutes")
    messages.add(minutes, minutes)
    messages.add(("%(num)s page", "%(num)s pages"), ("%(num)s page", "%(num)s pages"))
    return messages


def render_with_jinja() -> str:
    env = french()
    env.install_gettext_translations(compile_catalog(catalog()), newstyle=True)  # type: ignore[attr-defined]
    return env.get_template("t.html").render(who="<b>Zoé</b>")


def render_with_messages(env: jinja2.Environment) -> str:
    return env.get_template("t.html").render(who="<b>Zoé</b>")


def installed() -> jinja2.Environment:
    env = french()
    install_messages(env, compile_catalog(catalog()))
    return env


def by_id(html: str) -> dict[str, str]:
    """Text of every element with an id, parsed as HTML."""
    soup = BeautifulSoup(html, "html5lib")
    return {str(element["id"]): element.get_text() for element in soup.select("[id]")}


def test_messages_render_exactly_like_jinja_newstyle_gettext() -> None:
    env = installed()
    assert isinstance(getattr(env.globals["_"], "__self__", None), TemplateMessages)
    first, second = render_with_messages(env), render_with_messages(env)
    expected = render_with_jinja()
    assert first == expected
    assert second == expected  # answers remembered from the first render change nothing


def test_messages_translate_format_and_escape() -> None:
    html = render_with_messages(installed())
    text = by_id(html)
    assert text["plain"] == text["again"] == text["call"] == "Accueil"
    assert text["named"] == "Bonjour <b>Zoé</b>"  # escaped: text, not a <b> element
    assert text["percent"] == "sûr à 100%"  # %-formatted even without variables
    assert text["missing"] == "Not in the catalog"
    assert text["num"] == "3 pages"
    soup = BeautifulSoup(html, "html5lib")
    assert soup.select_one("#named b") is None
    assert soup.select_one("#markup em").get_text() == "la suite"  # translations are trusted
    assert soup.select_one("#raw b") is not None  # {% autoescape false %} is honoured
    assert [p.get_text() for p in soup.select("p.plural")] == ["1 minute", "2 minutes",
                                                               "1 minute"]


@pytest.fixture
def renderer(tmp_path: Path) -> Renderer:
    """A Renderer whose 404 template shows numbers and a translated string."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "404.html").write_text(
        '{% for n in numbers %}<li>{{ n|number }}</li>{% endfor %}'
        '{% for d in dates|default([]) %}<time>{{ d|date }}</time><time>{{ d|date("long") }}</time>'
        '{% endfor %}'
        '<p id="home">{{ _("Home") }}</p>', encoding="utf-8")
    config = load_config(SITE_YAML, "site.yaml")
    translations = {lang.code: compile_catalog(catalog()) for lang in config.languages}
    return Renderer([templates], config, Urls(config), translations)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_number_filter_is_babel_format_decimal(renderer: Renderer, lang: str) -> None:
    numbers = [1, 12, 1234567, 1234567, -0.0, 0.0, 0, 1.5, Decimal("1234.5"), 12]
    route = Route(url=f"/{lang}/404.html", output=f"{lang}/404.html", kind="404", lang=lang)
    soup = BeautifulSoup(renderer.render(route, {"numbers": numbers}), "html5lib")
    locale = Locale.parse({"fr": "fr_FR", "en": "en_GB"}[lang])
    assert [li.get_text() for li in soup.find_all("li")] == [
        format_decimal(n, locale=locale) for n in numbers]
    assert soup.find(id="home").get_text() == "Accueil"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_date_filter_is_babel_format_date_on_the_site_clock(renderer: Renderer, lang: str
                                                           ) -> None:
    # 22:30 and 23:30 UTC fall on two days in Paris, 08:00 and 21:00 on one: the day is
    # formatted once, and it is the day in the site's time zone.
    dates = [datetime(2026, 3, 1, hour, 30 if hour > 21 else 0, tzinfo=timezone.utc)
             for hour in (8, 21, 22, 23, 8)]
    route = Route(url=f"/{lang}/404.html", output=f"{lang}/404.html", kind="404", lang=lang)
    soup = BeautifulSoup(renderer.render(route, {"numbers": [], "dates": dates}), "html5lib")
    locale = Locale.parse({"fr": "fr_FR", "en": "en_GB"}[lang])
    paris = ZoneInfo("Europe/Paris")
    assert [t.get_text() for t in soup.find_all("time")] == [
        format_date(d.astimezone(paris), fmt, locale=locale) for d in dates
        for fmt in ("full", "long")]
    assert len({t.get_text() for t in soup.find_all("time")}) == 4


def test_number_filter_tells_zero_from_minus_zero(renderer: Renderer) -> None:
    route = Route(url="/fr/404.html", output="fr/404.html", kind="404", lang="fr")
    soup = BeautifulSoup(renderer.render(route, {"numbers": [0, -0.0, 0.0]}), "html5lib")
    assert [li.get_text() for li in soup.find_all("li")] == ["0", "-0", "0"]


def test_template_globals_are_a_plain_copy_that_overlays_the_environments() -> None:
    env = PageEnvironment(autoescape=True)
    env.globals.update(name="environment", shared="from the environment")
    template = env.from_string("<p>{{ name }}</p><p>{{ shared }}</p>",
                               globals={"name": "template"})
    # A plain dict, copied in C on every render and include, not a ChainMap walked in Python.
    assert type(template.globals) is dict
    soup = BeautifulSoup(template.render(), "html5lib")
    assert [p.get_text() for p in soup.find_all("p")] == ["template", "from the environment"]
    template.globals["shared"] = "changed"
    assert env.globals["shared"] == "from the environment"
