"""escape_output gives markupsafe's text, and page templates compile their output to it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from sitegen.cache import engine_digest
from sitegen.escaping import escape_output
from sitegen.fragments import TEMPLATE_EXTENSIONS, Fragments
from sitegen.render import PageEnvironment, _bytecode_cache

TEXT = st.text(alphabet=st.sampled_from("ab é&<>\"'‘’«»;#\n\x00")) | st.text()


class Card:
    """An object that renders itself as markup."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __html__(self) -> str:
        return f"<b>{self.text}</b>"

    def __str__(self) -> str:
        return "not used"


@given(TEXT)
def test_text_is_escaped_exactly_as_markupsafe_escapes_it(text: str) -> None:
    assert escape_output(text) == str(escape(text))
    assert type(escape_output(text)) in (str, Markup)


@given(st.one_of(TEXT.map(Markup), TEXT.map(Card), st.integers(), st.floats(allow_nan=False),
                 st.none(), st.booleans(), st.decimals(allow_nan=False)))
def test_other_values_give_markupsafes_text(value: object) -> None:
    assert escape_output(value) == str(escape(value))


def test_markup_is_passed_through_and_text_subclasses_are_escaped() -> None:
    body = Markup("<p>Déjà « vu »</p>")
    assert escape_output(body) == "<p>Déjà « vu »</p>"

    class Headline(str):
        pass

    assert escape_output(Headline("a<b")) == "a&lt;b"
    assert escape_output(Decimal("1.5")) == "1.5"


PAGE = """\
{% macro badge(text) %}<span id="macro">{{ text }}</span>{% endmacro %}
{% set captured %}<i>{{ headline }}</i>{% endset %}
<h1 id="headline">{{ headline }}</h1>
<p id="captured">{{ captured }}</p>
<p id="body">{{ body }}</p>
{{ badge(headline) }}
<p id="filtered">{% filter upper %}{{ headline }}{% endfilter %}</p>
<p id="joined">{{ headline ~ "&" ~ body }}</p>
<p id="card">{{ card }}</p>
<p id="number">{{ number }}</p>
{% cache %}<p id="cached">{{ headline }}</p>{% endcache %}
{% autoescape false %}<p id="raw">{{ raw }}</p>{% endautoescape %}
<p id="attribute" title="{{ quote }}">{{ quote }}</p>
"""
VALUES = {"headline": "Tom & Jerry <3", "body": Markup("<em>sûr</em>"), "card": Card("x"),
          "number": 12.5, "raw": "<u>raw</u>", "quote": "l'\"été\""}


def rendered(env: jinja2.Environment) -> str:
    env.globals["fragments"] = Fragments()
    return env.from_string(PAGE).render(VALUES)


def test_pages_render_the_same_text_as_with_jinjas_own_escape() -> None:
    options = {"autoescape": True, "extensions": list(TEMPLATE_EXTENSIONS),
               "undefined": jinja2.StrictUndefined}
    ours, jinjas = rendered(PageEnvironment(**options)), rendered(jinja2.Environment(**options))
    assert ours == jinjas
    soup = BeautifulSoup(ours, "html5lib")
    texts = {str(e["id"]): e.decode_contents() for e in soup.select("[id]")}
    assert texts["headline"] == "Tom &amp; Jerry &lt;3"
    assert texts["captured"] == "<i>Tom &amp; Jerry &lt;3</i>"
    assert texts["raw"] == "<u>raw</u>"
    assert soup.select_one("#attribute")["title"] == "l'\"été\""


def test_page_templates_output_through_escape_output() -> None:
    template = PageEnvironment(autoescape=True).from_string("{{ value }}")
    assert template.root_render_func.__globals__["escape"] is escape_output
    assert template.render(value="<a>") == "&lt;a&gt;"


def test_an_undefined_value_still_fails_to_render() -> None:
    env = PageEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    with pytest.raises(jinja2.UndefinedError, match="missing"):
        env.from_string("<p>{{ missing }}</p>").render()


def test_compiled_templates_are_cached_per_engine_and_others_removed(tmp_path: Path) -> None:
    folder = tmp_path / "jinja"
    folder.mkdir()
    stale = folder / "__jinja2_0123.cache"
    stale.write_bytes(b"compiled by another sitegen")
    env = PageEnvironment(autoescape=True, bytecode_cache=_bytecode_cache(folder),
                          loader=jinja2.DictLoader({"t.html": "<p>{{ v }}</p>"}))
    assert env.get_template("t.html").render(v="&") == "<p>&amp;</p>"
    names = [path.name for path in folder.iterdir()]
    assert names and all(name.startswith(engine_digest()[:16] + "-") for name in names)
    assert not stale.exists()
