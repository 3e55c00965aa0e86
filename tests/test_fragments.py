"""Fragments shared by the pages of a build: {% cache %} blocks and teasers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from conftest import SiteWriter, article, build_site, html
from sitegen.catalogs import extract_messages
from sitegen.fragments import TEASER_TEMPLATE, TEMPLATE_EXTENSIONS, Fragments
from sitegen.views import Link

TEMPLATES = {
    "keyed.html": "{% cache section %}<p>{{ tick() }} {{ section }}</p>{% endcache %}",
    "bare.html": "{% cache %}<p>{{ tick() }}</p>{% endcache %}|"
                 "{% cache %}{{ tick() }}{% endcache %}",
    "two.html": "{% cache section, kind %}{{ tick() }}{% endcache %}",
    "listed.html": "{% cache sections %}{{ tick() }}{% endcache %}",
    "escaped.html": "{% cache 1 %}{{ text }}{% endcache %}",
}


class Ticker:
    """A template global that counts how often a block body really ran."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> int:
        self.count += 1
        return self.count


def environment(ticker: Ticker) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True,
                             extensions=list(TEMPLATE_EXTENSIONS))
    env.globals["tick"] = ticker
    return env


@pytest.fixture
def ticker() -> Iterator[Ticker]:
    yield Ticker()


def test_a_block_renders_once_per_key(ticker: Ticker) -> None:
    env, fragments = environment(ticker), Fragments()
    keyed = env.get_template("keyed.html")
    outputs = [keyed.render(fragments=fragments, section=s) for s in ("monde", "sport", "monde")]
    assert outputs == ["<p>1 monde</p>", "<p>2 sport</p>", "<p>1 monde</p>"]
    assert ticker.count == 2


def test_each_block_and_each_language_has_its_own_entries(ticker: Ticker) -> None:
    fragments = Fragments()
    french, english = environment(ticker), environment(ticker)
    bare = [french.get_template("bare.html").render(fragments=fragments) for _ in range(2)]
    assert bare == ["<p>1</p>|2", "<p>1</p>|2"]  # two blocks of one template: two entries
    assert english.get_template("bare.html").render(fragments=fragments) == "<p>3</p>|4"


def test_every_key_counts(ticker: Ticker) -> None:
    env, fragments = environment(ticker), Fragments()
    two = env.get_template("two.html")
    got = [two.render(fragments=fragments, section="monde", kind=kind)
           for kind in ("section", "article", "section")]
    assert got == ["1", "2", "1"]


def test_outside_a_build_the_block_is_simply_rendered(ticker: Ticker) -> None:
    keyed = environment(ticker).get_template("keyed.html")
    assert [keyed.render(section="monde") for _ in range(2)] == ["<p>1 monde</p>",
                                                                 "<p>2 monde</p>"]


def test_the_cached_markup_stays_escaped_once(ticker: Ticker) -> None:
    template, fragments = environment(ticker).get_template("escaped.html"), Fragments()
    first = template.render(fragments=fragments, text="<b>&")
    assert first == template.render(fragments=fragments, text="ignored") == "&lt;b&gt;&amp;"


def test_a_key_that_can_change_is_refused_clearly(ticker: Ticker) -> None:
    listed = environment(ticker).get_template("listed.html")
    with pytest.raises(jinja2.TemplateRuntimeError, match="keys must be strings, numbers"):
        listed.render(fragments=Fragments(), sections=["monde"])


def test_a_rebuild_keeps_the_teasers_of_unchanged_articles_only(ticker: Ticker) -> None:
    fragments = Fragments()
    teasers = jinja2.Environment(loader=jinja2.DictLoader(
        {TEASER_TEMPLATE: "{{ item.url }} {{ level }}"}))
    for url in ("/a/", "/b/"):
        fragments.teaser(teasers, Link("", url), {"level": 2})
    fragments.block(("env", "x:1"), lambda: "menu")
    fresh = fragments.patched({"/a/"})
    assert fresh.teasers == {("/b/", (("level", 2),)): "/b/ 2"}
    assert fresh.blocks == {}


def test_a_teaser_is_rendered_once_per_article_and_options() -> None:
    fragments, rendered = Fragments(), []
    teasers = jinja2.Environment(autoescape=True, loader=jinja2.DictLoader(
        {TEASER_TEMPLATE: "{{ count(item.url) }}<h{{ level }}>{{ item.text }}</h{{ level }}>"}))
    teasers.globals["count"] = lambda url: rendered.append(url) or ""
    item = Link("Un <titre>", "/a/")
    first = fragments.teaser(teasers, item, {"level": 2, "with_image": True})
    again = fragments.teaser(teasers, item, {"with_image": True, "level": 2})
    other = fragments.teaser(teasers, item, {"level": 3, "with_image": True})
    assert first is again and isinstance(first, Markup)
    assert BeautifulSoup(first, "html.parser").h2.get_text() == "Un <titre>"
    assert BeautifulSoup(other, "html.parser").h3 is not None
    assert rendered == ["/a/", "/a/"]


def test_strings_inside_blocks_are_extracted(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        '{% cache page.kind %}<a>{{ _("Inside a block") }}</a>{% endcache %}', "utf-8")
    assert "Inside a block" in extract_messages([tmp_path])


def current_marks(page: BeautifulSoup) -> dict[str, str]:
    """Menu entry -> its aria-current value, for the entries that have one."""
    menu = page.select_one("nav.sections-nav")
    assert menu is not None
    return {a.get_text(strip=True): a["aria-current"]
            for a in menu.select("a[aria-current]")}


def test_every_page_shows_its_own_menu_state_and_author(write_site: SiteWriter) -> None:
    root = write_site({
        "content/authors/paul.yaml": "name: Paul Martin\nrole: {fr: Reporter}\n",
        "content/fr/culture/expo.md": article(
            "Une exposition", sections="[culture]").replace("author: chloe", "author: paul"),
    })
    build_site(root)
    public = root / "public"
    assert current_marks(html(public / "index.html")) == {"Accueil": "page"}
    assert current_marks(html(public / "en/index.html")) == {"Home": "page"}
    assert current_marks(html(public / "monde/index.html")) == {"Monde": "page"}
    assert current_marks(html(public / "culture/index.html")) == {"Culture": "page"}
    expo = html(next(public.glob("culture/**/une-exposition/index.html")))
    missiles = html(next(public.glob("monde/**/des-missiles-frappent-une-base/index.html")))
    assert current_marks(expo) == {"Culture": "true"}
    assert current_marks(missiles) == {"Monde": "true"}
    assert [n.get_text(strip=True) for n in expo.select(".author-card__name")] == ["Paul Martin"]
    assert [n.get_text(strip=True) for n in missiles.select(".author-card__name")] == ["Chloé"]
