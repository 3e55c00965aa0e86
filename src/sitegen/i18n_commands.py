"""`sitegen i18n update | init | status`: the translators' commands."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from sitegen.catalogs import extract_messages, update_catalog
from sitegen.i18n import catalog_path, find_catalog, load_catalogs
from sitegen.loading import BuildOptions, load_project_config, load_site
from sitegen.project import Project
from sitegen.status import LanguageStatus, git_commit_times, translation_status
from sitegen.theme import template_dirs

EXIT_OK, EXIT_BELOW = 0, 1


def add_i18n_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    i18n = commands.add_parser("i18n", help="translation catalogs and translation status")
    actions = i18n.add_subparsers(dest="i18n_command", metavar="ACTION", required=True)
    update = actions.add_parser("update", help="extract strings from templates into every "
                                               "language's catalog")
    update.set_defaults(run=_run_update)
    init = actions.add_parser("init", help="start the catalog of a new language")
    init.add_argument("lang", help="language code, as in site.yaml")
    init.add_argument("--locale", help="Babel locale (default: the language's locale in "
                                       "site.yaml, else the code)")
    init.set_defaults(run=_run_init)
    status = actions.add_parser("status", help="what is translated, missing or stale")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument("--fail-under", type=float, metavar="PERCENT",
                        help="exit 1 when a language's UI strings are less translated")
    status.set_defaults(run=_run_status)
    for action in (update, init, status):
        action.add_argument("--source", type=Path, default=Path("."))


def _run_update(args: argparse.Namespace) -> int:
    project = Project(args.source.resolve())
    config = load_project_config(project)
    dirs = template_dirs(project)
    template = extract_messages(dirs)
    for lang in config.languages:
        path = update_catalog(project.templates, lang.code, lang.locale, template,
                              start_from=find_catalog(dirs, lang.code))
        print(f"updated {project.relative(path)} ({len(template)} strings)")
    return EXIT_OK


def _run_init(args: argparse.Namespace) -> int:
    project = Project(args.source.resolve())
    config = load_project_config(project)
    known = config.languages_by_code.get(args.lang)
    locale = args.locale or (known.locale if known else args.lang)
    path = catalog_path(project.templates, args.lang)
    if path.exists():
        print(f"{project.relative(path)} exists already; run 'sitegen i18n update'",
              file=sys.stderr)
        return EXIT_BELOW
    dirs = template_dirs(project)
    update_catalog(project.templates, args.lang, locale, extract_messages(dirs),
                   start_from=find_catalog(dirs, args.lang))
    print(f"created {project.relative(path)}")
    if not known:
        print(f"add '{args.lang}' to the languages of site.yaml to publish in it")
    return EXIT_OK


def _run_status(args: argparse.Namespace) -> int:
    statuses = project_status(Project(args.source.resolve()))
    if args.json:
        print(json.dumps([s.as_json() for s in statuses], indent=2, ensure_ascii=False))
    else:
        for status in statuses:
            print(_describe(status))
    below = [s.lang for s in statuses
             if args.fail_under is not None and s.ui_percent < args.fail_under]
    if below:
        print(f"below {args.fail_under}%: {', '.join(below)}", file=sys.stderr)
        return EXIT_BELOW
    return EXIT_OK


def project_status(project: Project) -> list[LanguageStatus]:
    """The status of every language, counting drafts and scheduled articles too."""
    loaded = load_site(project, BuildOptions(clock=datetime.now(timezone.utc), drafts=True,
                                             future=True))
    dirs = template_dirs(project)
    catalogs = load_catalogs(dirs, {lang.code: lang.locale for lang in loaded.config.languages})
    return translation_status(loaded.site, extract_messages(dirs), catalogs,
                              git_commit_times(project.root))


def _describe(status: LanguageStatus) -> str:
    lines = [f"{status.lang}: UI {status.ui_percent:g}% ({status.ui_translated}/"
             f"{status.ui_total}), {len(status.missing_articles)} articles missing, "
             f"{len(status.stale)} stale"]
    lines += [f"  missing: {source}" for source in status.missing_articles]
    lines += [f"  stale:   {s.translation} ({s.reason})" for s in status.stale]
    return "\n".join(lines)
