"""docs/ cannot drift from the code: every fenced example runs, every reference table matches.

Each fenced block of docs/*.md is exercised according to its language and to the marker
comment written on the line before it (`<!-- test: … -->`):

- ```markdown: an article, built into a small site (`article PATH` places it);
- ```yaml: `site-yaml` loads through load_config, `site-yaml-fragment` is merged into a
  minimal site first, `author-yaml` parses as an author, `user-config` serves `sitegen new`
  as the writer's settings, `same-as PATH` equals that file, `pre-commit-config` names hooks
  that .pre-commit-hooks.yaml defines;
- ```sh: run with bash against a fresh sample site, the venv's bin first on PATH;
- ```jinja: `template NAME` overrides a template, `template-in KIND` renders inside the
  main block of that page kind; the site must build;
- ```po: `po-entry` msgids must be strings the packaged templates use.

`skip (reason)` skips a block, and is accepted only where the harness cannot run it. A
reference table follows `<!-- reference: NAME -->`; the names in its first column, in
backticks, must equal what the code defines.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from babel.messages.pofile import read_po

from conftest import REPO, html
from sitegen import config as config_module
from sitegen import document
from sitegen.authors import parse_author
from sitegen.build import BuildOptions, build, plan_site
from sitegen.catalogs import extract_messages
from sitegen.config import Comments, Language, Publisher, Section, SiteConfig, load_config
from sitegen.model import Author, AuthorLink, Heading
from sitegen.pages import LangLink, PageInfo, page_context
from sitegen.pagination import PageLink, Pagination
from sitegen.permalinks import PAGE_KINDS
from sitegen.project import Project
from sitegen.render import TEMPLATE_OF_KIND
from sitegen.status import LanguageStatus, StaleTranslation
from sitegen.theme import template_dirs
from sitegen.urls import Urls
from sitegen.views import ArticleView, AuthorView, ImageView, Link
from test_scaffold_new import sitegen

DOCS = REPO / "docs"
REQUIRED_PAGES = {"front-matter.md", "site-yaml.md", "templates.md", "i18n.md",
                  "editorial-clock.md", "deploying.md", "writers.md"}
CLOCK = datetime(2026, 1, 1, 8, 0, tzinfo=timezone.utc)
SHELL_WORDS = {"sitegen", "cd", "export"}
"""What a runnable sh block may contain: anything else needs a skip marker."""
_FENCE = re.compile(r"^(```|~~~)\s*([\w+-]*)\s*$")
_MARKER = re.compile(r"^<!--\s*(test|reference):\s*(.*?)\s*-->$")
_NAME = re.compile(r"`([^`]+)`")

SITE_YAML = """\
title: Le Petit Journal
base_url: https://news.example.org/
default_language: fr
timezone: Europe/Paris
fallback: notice
status_page: true
languages:
  - {code: fr, name: Français, locale: fr_FR}
  - {code: en, name: English, locale: en_GB}
sections:
  monde: {fr: {title: Monde, slug: monde}, en: {title: World, slug: world}}
  culture: {fr: {title: Culture, slug: culture}, en: {title: Culture, slug: culture}}
"""
SITE_FILES = {
    "site.yaml": SITE_YAML,
    "content/authors/chloe.yaml": "name: Chloé\nrole: {fr: Rédactrice en chef, "
                                  "en: Editor-in-chief}\n",
    "content/authors/marc.yaml": "name: Marc\n",
    "content/fr/monde/missiles.md": "---\nheadline: Des missiles frappent une base\n"
        "author: chloe\nsections: [monde]\ndate: 2023-10-19T18:40:00\ntags: [Irak]\n"
        "translation_key: missiles\n---\nLe premier paragraphe.\n\n## Lien avec Gaza\n\nSuite.\n",
    "content/en/monde/missiles.md": "---\nheadline: Missiles hit a base\nauthor: chloe\n"
        "sections: [monde]\ndate: 2023-10-19T20:00:00\ntags: [Iraq]\n"
        "translation_key: missiles\n---\nFirst paragraph.\n",
    "content/fr/culture/expo.md": "---\nheadline: Une exposition\nauthor: marc\n"
        "sections: [culture]\ndate: 2023-10-18T10:00:00\n---\nUn paragraphe.\n",
    "static/images/missiles.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
}


@dataclass(frozen=True)
class Block:
    """One fenced block of a docs page."""

    page: str
    line: int
    lang: str
    marker: str
    """The text after 'test:' in the comment before the fence; '' when there is none."""
    text: str

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def skipped(self) -> bool:
        return self.marker.startswith("skip")


def extract_blocks(text: str, page: str) -> list[Block]:
    """Every fenced block of a Markdown text, with the test marker that precedes it."""
    blocks: list[Block] = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].strip() == match[1])
        blocks.append(Block(page, index + 1, match[2], _marker(lines, index, "test"),
                            "\n".join(lines[index + 1:end]) + "\n"))
        index = end + 1
    return blocks


def _marker(lines: list[str], index: int, kind: str) -> str:
    previous = next((line.strip() for line in reversed(lines[:index]) if line.strip()), "")
    match = _MARKER.match(previous)
    return match[2] if match and match[1] == kind else ""


def extract_references(text: str) -> dict[str, set[str]]:
    """Reference name -> names in backticks opening the rows of the table that follows."""
    references: dict[str, set[str]] = {}
    lines = text.split("\n")
    for index, line in enumerate(lines):
        match = _MARKER.match(line.strip())
        if not match or match[1] != "reference":
            continue
        names: set[str] = set()
        for row in lines[index + 1:]:
            if not row.startswith("|"):
                break
            cell = row.strip("|").split("|")[0]
            names.update(name.split("(")[0].strip() for name in _NAME.findall(cell))
        references[match[2]] = names
    return references


def all_blocks() -> list[Block]:
    return [block for page in sorted(DOCS.glob("*.md"))
            for block in extract_blocks(page.read_text("utf-8"), page.name)]


def references(page: str) -> dict[str, set[str]]:
    return extract_references((DOCS / page).read_text("utf-8"))


def write_site(root: Path) -> Path:
    for relative, text in SITE_FILES.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


# --- the blocks ------------------------------------------------------------------------

def plan(block: Block) -> str:
    """The handler that exercises block, or why none does."""
    kind = block.marker.split(" ", 1)[0]
    if block.skipped:
        return "skip"
    if block.lang == "markdown" and kind in ("", "article", "made-by"):
        return kind or "article"
    if block.lang == "sh" and not kind:
        return "shell"
    if (block.lang, kind) in HANDLED:
        return kind
    return f"unhandled ({block.lang!r} block with marker {block.marker!r})"


def unrunnable(block: Block) -> list[str]:
    """The lines of an sh block that the harness cannot run."""
    commands = [line.strip() for line in block.text.split("\n")
                if line.strip() and not line.strip().startswith("#")]
    return [c for c in commands if c.split()[0] not in SHELL_WORDS or
            c.startswith("sitegen serve")]


def test_required_pages_exist() -> None:
    assert {page.name for page in DOCS.glob("*.md")} >= REQUIRED_PAGES


def test_every_block_is_exercised_or_explicitly_skipped() -> None:
    blocks = all_blocks()
    assert len(blocks) > 20
    unhandled = [(b.id, plan(b)) for b in blocks if plan(b) not in HANDLERS and plan(b) != "skip"]
    assert unhandled == []
    for block in blocks:
        if block.skipped:
            assert re.fullmatch(r"skip \(.+\)", block.marker), f"{block.id}: give a reason"
            assert block.lang == "sh" and unrunnable(block), (
                f"{block.id} is marked skip but the harness could run it")
        elif block.lang == "sh":
            assert not unrunnable(block), f"{block.id}: mark it <!-- test: skip (reason) -->"


@pytest.mark.parametrize("block", [b for b in all_blocks() if not b.skipped], ids=lambda b: b.id)
def test_block(block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("SITEGEN_AUTHOR", raising=False)
    HANDLERS[plan(block)](block, write_site(tmp_path / "site"))


def check_article(block: Block, root: Path) -> None:
    argument = block.marker.split(" ", 1)[1:]
    path = argument[0] if argument else "content/fr/monde/doc-example.md"
    assert block.text.startswith("---\n"), "an article starts with front matter"
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(block.text, encoding="utf-8")
    assert_builds_cleanly(root, path)


def assert_builds_cleanly(root: Path, path: str) -> None:
    """The site builds, drafts and scheduled articles included, with no warning on path."""
    report = build(Project(root), root / "public",
                   BuildOptions(clock=CLOCK, drafts=True, future=True))
    assert [str(w) for w in report.warnings if w.path == path] == []


def check_shell(block: Block, root: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SITEGEN_AUTHOR"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                             block.text], cwd=root, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, f"{block.id}:\n{result.stdout}\n{result.stderr}"


def check_site_yaml(block: Block, root: Path) -> None:
    data = yaml.safe_load(block.text)
    assert set(data) <= config_module._TOP_KEYS, "unknown keys are only warnings: spell-check"
    load_config(block.text, "site.yaml")


def check_site_yaml_fragment(block: Block, root: Path) -> None:
    fragment = yaml.safe_load(block.text)
    assert set(fragment) <= config_module._TOP_KEYS
    merged = _merge(yaml.safe_load(SITE_YAML), fragment)
    (root / "site.yaml").write_text(yaml.safe_dump(merged, allow_unicode=True), "utf-8")
    load_config((root / "site.yaml").read_text("utf-8"), "site.yaml")


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        return {**base, **{k: _merge(base.get(k), v) for k, v in extra.items()}}
    return extra


def check_author_yaml(block: Block, root: Path) -> None:
    author = parse_author("chloe", block.text, "content/authors/chloe.yaml", {"fr", "en"})
    assert isinstance(author, Author), author


def check_user_config(block: Block, root: Path) -> None:
    config = Path(os.environ["HOME"]) / ".config/sitegen/config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text(block.text, encoding="utf-8")
    assert sitegen("new", "Un titre", "--lang", "fr", "--section", "monde",
                   "--source", root) == 0
    written = (root / "content/fr/monde/un-titre.md").read_text("utf-8")
    assert f"author: {yaml.safe_load(block.text)['author']}\n" in written


def check_same_as(block: Block, root: Path) -> None:
    path = block.marker.split(" ", 1)[1]
    assert block.text == (REPO / path).read_text("utf-8"), f"{block.id} differs from {path}"


def check_pre_commit_config(block: Block, root: Path) -> None:
    offered = {hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml")
                                                     .read_text("utf-8"))}
    used = {hook["id"] for repo in yaml.safe_load(block.text)["repos"] for hook in repo["hooks"]}
    assert used and used <= offered


def check_template(block: Block, root: Path) -> None:
    name = block.marker.split(" ", 1)[1]
    (root / "templates" / name).parent.mkdir(parents=True, exist_ok=True)
    (root / "templates" / name).write_text(block.text, encoding="utf-8")
    build(Project(root), root / "public", BuildOptions(clock=CLOCK))


def check_template_in(block: Block, root: Path) -> None:
    kind = block.marker.split(" ", 1)[1]
    template = root / "templates" / TEMPLATE_OF_KIND[kind]
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text('{% extends "base.html" %}{% block main %}<div id="doc-example">'
                        + block.text + "</div>{% endblock %}\n", encoding="utf-8")
    build(Project(root), root / "public", BuildOptions(clock=CLOCK))
    pages = [html(p) for p in (root / "public").rglob("*.html")]
    shown = [p.find(id="doc-example") for p in pages if p.find(id="doc-example")]
    assert shown and any(div.get_text(strip=True) for div in shown), "the example shows nothing"


def with_scheduled_article(block: Block, root: Path) -> str:
    """Add an article scheduled at the first date-time of block; return that moment."""
    moment = re.search(r"\d{4}-\d\d-\d\dT[\d:]+[+-]\d\d:\d\d", block.text)
    assert moment, "the example names a scheduled moment"
    (root / "content/fr/monde/later.md").write_text(
        f"---\nheadline: Plus tard\nauthor: chloe\nsections: [monde]\ndate: {moment[0]}\n"
        "---\nTexte.\n", encoding="utf-8")
    return moment[0]


def check_build_summary(block: Block, root: Path) -> None:
    with_scheduled_article(block, root)
    result = subprocess.run([str(Path(sys.executable).parent / "sitegen"), "build",
                             "--clock", CLOCK.isoformat()], cwd=root, capture_output=True,
                            text=True, timeout=300)
    printed = [line.strip() for line in result.stdout.split("\n")]
    assert result.returncode == 0 and all(line.strip() in printed
                                          for line in block.text.strip().split("\n"))


def check_build_report(block: Block, root: Path) -> None:
    moment = with_scheduled_article(block, root)
    report = build(Project(root), root / "public", BuildOptions(clock=CLOCK)).as_json()
    documented = json.loads(block.text)
    assert set(documented) == set(report)
    assert {k: type(v) for k, v in documented.items()} == {
        k: type(v) for k, v in report.items()}
    assert report["next_change"] == moment


def check_init_files(block: Block, root: Path) -> None:
    listed = set(block.text.split())
    languages = sorted({path.split("/")[1] for path in listed
                        if path.startswith("content/") and "/authors/" not in path})
    target = root.parent / "new-site"
    assert sitegen("init", target, "--languages", ",".join(languages)) == 0
    assert listed == {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}


def check_made_by(block: Block, root: Path) -> None:
    """The file that `sitegen new` writes is the one shown, but for its date and key."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        assert sitegen(*shlex.split(block.marker.split(" ", 1)[1]), "--source", root) == 0
    made = Path(output.getvalue().strip())
    assert _moment_and_key(made.read_text("utf-8")) == _moment_and_key(block.text)
    assert_builds_cleanly(root, made.relative_to(root).as_posix())


def _moment_and_key(text: str) -> str:
    text = re.sub(r"(?m)^date: .*$", "date: (now)", text)
    return re.sub(r"(?m)^(translation_key: .*-)[0-9a-f]{6}$", r"\1(random)", text)


def check_po_entry(block: Block, root: Path) -> None:
    catalog = read_po(iter(block.text.encode().splitlines(keepends=True)))
    used = {m.id for m in extract_messages(template_dirs(Project(root)))}
    documented = {m.id for m in catalog if m.id}
    assert documented and documented <= used


Handler = Callable[[Block, Path], None]
HANDLERS: dict[str, Handler] = {
    "article": check_article, "shell": check_shell, "site-yaml": check_site_yaml,
    "site-yaml-fragment": check_site_yaml_fragment, "author-yaml": check_author_yaml,
    "user-config": check_user_config, "same-as": check_same_as,
    "pre-commit-config": check_pre_commit_config, "template": check_template,
    "template-in": check_template_in, "po-entry": check_po_entry,
    "build-summary": check_build_summary, "build-report": check_build_report,
    "init-files": check_init_files, "made-by": check_made_by,
}
HANDLED = {("yaml", kind) for kind in ("site-yaml", "site-yaml-fragment", "author-yaml",
                                       "user-config", "same-as", "pre-commit-config")}
HANDLED |= {("jinja", "template"), ("jinja", "template-in"), ("po", "po-entry"),
            ("text", "build-summary"), ("json", "build-report"), ("text", "init-files")}


# --- the reference tables ---------------------------------------------------------------

def test_front_matter_reference_lists_every_key() -> None:
    tables = references("front-matter.md")
    assert tables["front-matter-keys"] == set(document.ARTICLE_KEYS)
    assert tables["image-keys"] == set(document._IMAGE_KEYS)


def test_site_yaml_reference_lists_every_key() -> None:
    tables = references("site-yaml.md")
    assert tables["site-yaml-keys"] == set(config_module._TOP_KEYS)
    assert tables["language-keys"] == {f.name for f in dataclasses.fields(Language)} - {"prefix"}
    assert tables["permalink-kinds"] == set(PAGE_KINDS)


def public_names(cls: type) -> set[str]:
    """Fields, properties and methods a template can reach on an instance of cls."""
    names = {f.name for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else set()
    names |= {name for name, value in vars(cls).items() if not name.startswith("_")
              and (isinstance(value, property) or callable(value))}
    return names - {"as_json", "sort_key"}


TEMPLATE_OBJECTS: tuple[type, ...] = (
    PageInfo, Language, LangLink, Pagination, PageLink, Link, ArticleView, ImageView, AuthorView,
    AuthorLink, Heading, SiteConfig, Section, Comments, Publisher, Urls, LanguageStatus,
    StaleTranslation)


@pytest.mark.parametrize("cls", TEMPLATE_OBJECTS, ids=lambda cls: cls.__name__)
def test_templates_reference_lists_every_attribute(cls: type) -> None:
    assert references("templates.md")[f"fields {cls.__name__}"] == public_names(cls)


def contexts(root: Path) -> Iterator[tuple[str, set[str]]]:
    planned = plan_site(Project(root), BuildOptions(clock=CLOCK))
    seen: set[str] = set()
    for route in planned.routes:
        if route.kind not in seen:
            seen.add(route.kind)
            yield route.kind, set(page_context(route, planned.views))


def test_templates_reference_lists_every_context_variable(tmp_path: Path) -> None:
    tables = references("templates.md")
    found = dict(contexts(write_site(tmp_path)))
    assert set(found) == set(TEMPLATE_OF_KIND), "the sample site should show every page kind"
    for kind, names in found.items():
        assert tables[f"context {kind}"] | tables["context every page"] == names, kind


def test_templates_reference_lists_every_filter_and_global(tmp_path: Path) -> None:
    planned = plan_site(Project(write_site(tmp_path)), BuildOptions(clock=CLOCK))
    # The Renderer keeps its Jinja environments private; the reference must follow them.
    env: jinja2.Environment = next(iter(planned.renderer._envs.values()))
    tables = references("templates.md")
    assert tables["filters"] == set(env.filters) - set(jinja2.defaults.DEFAULT_FILTERS)
    assert tables["globals"] == set(env.globals) - set(jinja2.defaults.DEFAULT_NAMESPACE)
