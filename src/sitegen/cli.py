"""The command line: the only place that prints and chooses exit codes."""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path

from sitegen import __version__
from sitegen.build import (
    BuildOptions,
    BuildReport,
    InternalError,
    build,
    check,
    load_site,
)
from sitegen.dates import DateFormatError, parse_datetime
from sitegen.errors import BuildError, Problem
from sitegen.i18n_commands import add_i18n_commands
from sitegen.parallel import default_jobs
from sitegen.progress import ProgressBar
from sitegen.project import Project
from sitegen.scaffold import add_scaffold_commands
from sitegen.serve import add_serve_command
from sitegen.site import editorial_state

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141
"""As a shell reports a command stopped by SIGPIPE."""


GC_THRESHOLDS = (50_000, 20, 20)
"""Python's default is (700, 10, 10): see rare_collections."""


@contextlib.contextmanager
def rare_collections() -> Iterator[None]:
    """Run the cycle collector less often while a command runs.

    A build makes millions of objects that live until it ends (articles, views, routes,
    templates' output); with the default thresholds the collector scans them again and
    again, for no garbage: 10% of a large build's CPU. Cycles are still collected.
    """
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        with rare_collections():
            return int(args.run(args))
    except BuildError as exc:
        _print_problems(exc)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("interrupted; the previous output is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Whoever read our output went away (`sitegen build | head -1`); not a sitegen bug.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except InternalError as exc:
        return _internal_error(exc.path, exc.__cause__ or exc, args)
    except Exception as exc:  # noqa: BLE001 - the last line of defence, reported as a bug
        return _internal_error("(no file)", exc, args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen", description="A static, multilingual news-site generator.")
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build_cmd = commands.add_parser("build", help="build the site into the output folder")
    _add_build_options(build_cmd)
    build_cmd.set_defaults(run=_run_build)
    check_cmd = commands.add_parser(
        "check", help="validate content, links, images and templates without writing")
    check_cmd.add_argument("--source", type=Path, default=Path("."))
    check_cmd.add_argument("--format", choices=["text", "json"], default="text")
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_cmd.add_argument("--drafts", action="store_true")
    check_cmd.add_argument("--future", action="store_true")
    check_cmd.add_argument("--clock", type=_clock)
    check_cmd.set_defaults(run=_run_check)
    add_i18n_commands(commands)
    add_serve_command(commands)
    add_scaffold_commands(commands)
    listing = commands.add_parser("list", help="list drafts, scheduled or expired articles")
    listing.add_argument("state", choices=["drafts", "scheduled", "expired"])
    listing.add_argument("--source", type=Path, default=Path("."))
    listing.add_argument("--clock", type=_clock, help="the clock to judge by (default: now)")
    listing.set_defaults(run=_run_list)
    return parser


def _run_check(args: argparse.Namespace) -> int:
    project = Project(args.source.resolve())
    options = BuildOptions(clock=args.clock or datetime.now(timezone.utc), drafts=args.drafts,
                           future=args.future, strict=args.strict)
    try:
        problems = check(project, options)
    except BuildError as exc:
        problems = list(exc.problems)
    failed = any(p.severity == "error" or args.strict for p in problems)
    if args.format == "json":
        print(json.dumps({"ok": not failed, "problems": [_problem_json(p) for p in problems]},
                         indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"check: {len(problems)} problem{'s' if len(problems) != 1 else ''}"
              f"{' — failed' if failed else ', all good' if not problems else ''}",
              file=sys.stderr if failed else sys.stdout)
    return EXIT_CONTENT if failed else EXIT_OK


def _problem_json(problem: Problem) -> dict[str, object]:
    return {"path": problem.path, "line": problem.line, "col": problem.col,
            "severity": problem.severity, "message": problem.message, "hint": problem.hint}


def _run_list(args: argparse.Namespace) -> int:
    project = Project(args.source.resolve())
    clock = args.clock or datetime.now(timezone.utc)
    loaded = load_site(project, BuildOptions(clock=clock))
    wanted = {"drafts": "draft", "scheduled": "scheduled", "expired": "expired"}[args.state]
    for article in sorted(loaded.site.hidden, key=lambda a: (a.visible_from, a.source)):
        if editorial_state(article, clock) != wanted:
            continue
        moment = article.expire_at if wanted == "expired" else article.visible_from
        assert moment is not None
        print(f"{article.source}\t{moment.isoformat()}\t{article.headline}")
    return EXIT_OK


def _add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", type=Path, default=Path("."),
                        help="the site's folder (default: current folder)")
    parser.add_argument("--output", type=Path, help="output folder (default: SOURCE/public)")
    parser.add_argument("--base-url", help="override site.yaml's base_url")
    parser.add_argument("--drafts", action="store_true", help="include draft articles")
    parser.add_argument("--future", action="store_true",
                        help="include articles scheduled after the build clock")
    parser.add_argument("--clock", type=_clock,
                        help="the build clock, ISO 8601 (default: now), e.g. "
                             "2026-01-01T08:00:00+01:00")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--report-json", type=Path, metavar="FILE",
                        help="write the build figures as JSON to FILE")
    parser.add_argument("--jobs", "-j", type=int, default=default_jobs(),
                        help="worker processes (default: number of CPUs)")
    parser.add_argument("--no-cache", dest="cache", action="store_false",
                        help="ignore and do not write .sitegen-cache/")
    parser.add_argument("--quiet", action="store_true", help="print errors only")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


def _clock(text: str) -> datetime:
    try:
        return parse_datetime(text, timezone.utc)
    except DateFormatError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _run_build(args: argparse.Namespace) -> int:
    project = Project(args.source.resolve())
    out = (args.output or project.default_output).resolve()
    options = BuildOptions(
        clock=args.clock or datetime.now(timezone.utc),
        drafts=args.drafts, future=args.future, base_url=args.base_url, strict=args.strict,
        jobs=max(1, args.jobs), cache=args.cache,
    )
    bar = ProgressBar(sys.stderr) if ProgressBar.wanted(sys.stderr, args.quiet) else None
    try:
        report = build(project, out, options, bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    if not args.quiet:
        print(_summary(report, project.relative(out)))
    if args.report_json:
        args.report_json.write_text(json.dumps(report.as_json(), indent=2, ensure_ascii=False)
                                    + "\n", encoding="utf-8")
    return EXIT_OK


def _summary(report: BuildReport, out: str) -> str:
    total = sum(report.pages.values())
    if report.up_to_date:
        lines = [f"Up to date: {out}/ holds the {total} pages of the last build, and nothing "
                 f"it was made from changed ({report.seconds:.2f} s)"]
    else:
        lines = [f"Built {total} pages in {report.seconds:.2f} s into {out}/ "
                 f"({report.written.written} files written, "
                 f"{report.written.unchanged} unchanged)"]
    for lang in sorted({lang for lang, _ in report.pages}):
        kinds = sorted((kind, n) for (code, kind), n in report.pages.items() if code == lang)
        detail = ", ".join(f"{kind} {n}" for kind, n in kinds)
        lines.append(f"  {lang}: {sum(n for _, n in kinds)} pages ({detail})")
    if report.hidden:
        lines.append(f"  {report.hidden} articles left out (drafts, scheduled or expired)")
    if report.next_change:
        lines.append(f"  next scheduled change: {report.next_change.isoformat()} "
                     "(rebuild then to publish or expire articles)")
    return "\n".join(lines)


def _print_problems(exc: BuildError) -> None:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    errors = sum(1 for p in exc.problems if p.severity == "error")
    print(f"build failed: {errors} error{'s' if errors != 1 else ''}; "
          "nothing was written", file=sys.stderr)


def _internal_error(path: str, exc: BaseException, args: argparse.Namespace) -> int:
    if getattr(args, "debug", False):
        traceback.print_exception(exc)
    print(f"{path}: internal error: {type(exc).__name__}: {exc} — this is a bug in sitegen, "
          "please report it with this file (run with --debug for the traceback)",
          file=sys.stderr)
    return EXIT_CONTENT
