"""`sitegen new`: start an article, or the translation of one. Prints and picks exit codes."""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path, PurePosixPath

from sitegen.project import Project
from sitegen.scaffold.errors import ScaffoldError, UsageError
from sitegen.scaffold.plans import (
    ArticleRequest,
    Plan,
    Token,
    linked_by_path,
    plan_article,
    plan_translation,
    split_tags,
)
from sitegen.scaffold.sitefacts import SiteFacts, read_site_facts
from sitegen.scaffold.translation import read_original
from sitegen.scaffold.usersettings import UserContext, default_author
from sitegen.scaffold.writing import apply_plan

EXIT_OK = 0


def add_new_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `new` with the sub-commands of sitegen's parser."""
    new = subparsers.add_parser(
        "new", help="start a new draft article, or the translation of one",
        description="Create a draft at content/<lang>/<section>/<slug>.md and print its path.")
    new.add_argument("headline", nargs="?", help="the headline, in quotes")
    new.add_argument("--lang", required=True, help="language code, as in site.yaml")
    new.add_argument("--section", help="section id, as in site.yaml")
    new.add_argument("--author", help="author id (default: $SITEGEN_AUTHOR, else 'author' in "
                                      "~/.config/sitegen/config.yaml, else asked)")
    new.add_argument("--tags", help="comma-separated tags, e.g. 'Irak,États-Unis'")
    new.add_argument("--translate", type=Path, metavar="FILE",
                     help="start the translation of FILE into --lang instead")
    new.add_argument("--source", type=Path, default=Path("."),
                     help="the site's folder (default: current folder)")
    new.set_defaults(run=run_new)


def run_new(args: argparse.Namespace) -> int:
    """Create the article or translation that args ask for; 0, 1 (refused) or 2 (usage)."""
    project = Project(args.source.resolve())
    user = UserContext(dict(os.environ), Path.home(), _terminal_prompt())
    try:
        _check_arguments(args)
        facts = read_site_facts(project)
        now = datetime.now(facts.config.timezone).replace(microsecond=0)
        plan = (_translation(project, facts, args, now, _token) if args.translate
                else _article(facts, args, user, now, _token))
        apply_plan(project.root, plan)
    except ScaffoldError as exc:
        print(f"sitegen new: error: {exc}", file=sys.stderr)
        return exc.exit_code
    for note in plan.notes:
        print(note, file=sys.stderr)
    print(args.source / plan.created)
    return EXIT_OK


def _check_arguments(args: argparse.Namespace) -> None:
    if args.translate and (args.headline or args.section or args.tags):
        raise UsageError("--translate takes no headline, --section or --tags",
                         "they come from the original article")
    if not args.translate and (args.headline is None or not args.section):
        raise UsageError("a new article needs a headline and --section",
                         'sitegen new "My headline" --lang fr --section monde')


def _article(facts: SiteFacts, args: argparse.Namespace, user: UserContext, now: datetime,
             token: Token) -> Plan:
    facts.require_lang(args.lang)
    facts.require_section(args.section)
    author = args.author or default_author(user, facts.authors)
    request = ArticleRequest(args.headline, args.lang, args.section, author,
                             split_tags(args.tags))
    return plan_article(facts, request, now, token)


def _translation(project: Project, facts: SiteFacts, args: argparse.Namespace, now: datetime,
                 token: Token) -> Plan:
    path = locate_article(project, args.translate, Path.cwd())
    raw = {path: (project.root / path).read_bytes()}
    original = read_original(raw[path], path)
    raw.update({linked: (project.root / linked).read_bytes()
                for linked in linked_by_path(facts, original)})
    return plan_translation(facts, original, args.lang, author=args.author, date=now,
                            token=token, raw=raw)


def locate_article(project: Project, given: Path, cwd: Path) -> str:
    """The project-relative path of an article given relative to cwd or to the site."""
    candidates = [given] if given.is_absolute() else [cwd / given, project.root / given]
    files = [c.resolve() for c in candidates if c.is_file()]
    if not files:
        raise UsageError(f"no such file: {given}", "give the path of an article, e.g. "
                                                  "content/fr/monde/x.md")
    root = project.root.resolve()
    inside = [f for f in files if f.is_relative_to(root)]
    if not inside:
        raise UsageError(f"{given} is not inside the site {project.root}",
                         "pass the site's folder with --source")
    relative = PurePosixPath(inside[0].relative_to(root).as_posix())
    if relative.parts[0] != "content" or len(relative.parts) < 3 or relative.suffix != ".md":
        raise UsageError(f"{given} is not an article", "articles are content/<lang>/…/*.md")
    return unicodedata.normalize("NFC", relative.as_posix())


def _terminal_prompt() -> Callable[[str], str] | None:
    """input(), when a person is at the terminal to answer."""
    stdin = sys.stdin
    return input if stdin is not None and stdin.isatty() else None


def _token() -> str:
    return os.urandom(3).hex()

