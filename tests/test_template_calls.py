"""PageContext.call gives what Jinja's Context.call gives, and skips it for plain callees."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jinja2
import pytest
from bs4 import BeautifulSoup
from jinja2.runtime import Context

from sitegen.render import PageEnvironment
from sitegen.template_calls import PageContext


class Urls:
    def home(self, lang: str, *, absolute: bool = False) -> str:
        return ("https://example.org" if absolute else "") + f"/{lang}/"


class Card:
    """A callable object asking for the context: Jinja's own call() handles those."""

    @jinja2.pass_context
    def __call__(self, context: Context, name: str) -> str:
        return f"{name}@{context['lang']}"


@jinja2.pass_context
def seen(context: Context, name: str) -> str:
    """A variable as the caller's context sees it: loop and block variables included."""
    value = context.get(name, "missing")
    return str(value)


@jinja2.pass_eval_context
def escaping(eval_ctx: Any) -> str:
    return f"autoescape={eval_ctx.autoescape}"


@jinja2.pass_environment
def global_count(environment: jinja2.Environment) -> int:
    return len(environment.globals)


def stopper() -> None:
    raise StopIteration


def numbers(limit: int, *, step: int = 1) -> Iterator[int]:
    return iter(range(0, limit, step))


PAGE = """\
{% macro badge(text) %}
<b class="badge">{{ text }}:{{ caller() if caller else "" }}</b>
{%- endmacro %}
<ul>
<li id="method">{{ urls.home(lang) }} {{ urls.home(lang, absolute=true) }}</li>
<li id="function">{{ numbers(6, step=2)|list|join(",") }}</li>
<li id="builtin">{{ "été".upper() }} {{ ", ".join(["a", "b"]) }}</li>
<li id="class">{{ dict(a=1)|length }}</li>
<li id="object">{{ card("Léa") }}</li>
<li id="context">{{ seen("lang") }}</li>
<li id="eval">{{ escaping() }}</li>
<li id="environment">{{ global_count() > 0 }}</li>
<li id="stop">{{ stopper() is undefined }}</li>
<li id="macro">{{ badge("x") }}{% call badge("y") %}inner{% endcall %}</li>
{% for item in ["a", "b"] %}{% set shadow = item ~ "!" %}
<li class="loop">{{ seen("item") }} {{ seen("shadow") }} {{ seen("loop") != "missing" }}
 {{- " " ~ urls.home(item) }}</li>
{% endfor %}
</ul>
{% block tail %}{% set local = "in block" %}
<p id="block">{{ seen("local") }} {{ urls.home("b") }}</p>
{%- endblock %}
"""

GLOBALS = {"urls": Urls(), "card": Card(), "seen": seen, "escaping": escaping,
           "global_count": global_count, "stopper": stopper, "numbers": numbers,
           "lang": "fr"}


def rendered(environment: jinja2.Environment) -> str:
    environment.globals.update(GLOBALS)
    return environment.from_string(PAGE).render()


@pytest.mark.parametrize("autoescape", [True, False])
def test_every_kind_of_callee_gives_what_jinjas_context_gives(autoescape: bool) -> None:
    ours = rendered(PageEnvironment(autoescape=autoescape))
    jinjas = rendered(jinja2.Environment(autoescape=autoescape))
    assert ours == jinjas
    page = BeautifulSoup(ours, "html.parser")
    assert page.select_one("#method").get_text() == "/fr/ https://example.org/fr/"
    assert page.select_one("#function").get_text() == "0,2,4"
    assert page.select_one("#object").get_text() == "Léa@fr"
    assert page.select_one("#eval").get_text() == f"autoescape={autoescape}"
    assert page.select_one("#stop").get_text() == "True"
    # Jinja hands a context-taking callee the variables set in the loop, not its target.
    assert [li.get_text() for li in page.select(".loop")] == [
        "missing a! False /a/", "missing b! False /b/"]
    assert page.select_one("#block").get_text() == "in block /b/"
    assert [b.get_text() for b in page.select(".badge")] == ["x:", "y:inner"]


def test_page_environments_use_page_context() -> None:
    template = PageEnvironment().from_string("{{ f() }}")
    assert isinstance(template.new_context({"f": lambda: 1}), PageContext)


def test_plain_callees_skip_jinjas_call_and_others_take_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    through_jinja: list[str] = []
    original = Context.call

    def recording(self: Context, obj: Any, *args: Any, **kwargs: Any) -> Any:
        through_jinja.append(getattr(obj, "__name__", type(obj).__name__))
        return original(self, obj, *args, **kwargs)

    monkeypatch.setattr(Context, "call", recording)
    env = PageEnvironment()
    env.globals.update(GLOBALS)
    env.from_string(
        "{% macro m() %}m{% endmacro %}"
        "{{ urls.home('fr') }}{{ seen('lang') }}{{ escaping() }}{{ numbers(2)|list }}"
        "{{ card('x') }}{{ m() }}").render()
    assert through_jinja == ["Card", "Macro"]


def test_undefined_from_a_stopping_callee_is_strict_where_the_environment_is() -> None:
    env = PageEnvironment(undefined=jinja2.StrictUndefined)
    env.globals.update(GLOBALS)
    with pytest.raises(jinja2.UndefinedError, match="StopIteration"):
        env.from_string("{{ stopper() }}").render()
