"""`sitegen init`: a new site that builds at once, themed by the packaged default theme."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from sitegen.scaffold.errors import RefusedError, ScaffoldError
from sitegen.scaffold.starter import (
    default_timezone,
    parse_languages,
    parse_timezone,
    starter_files,
)
from sitegen.scaffold.writing import create_files

EXIT_OK = 0
DEFAULT_TITLE = "My newsroom"


def add_init_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `init` with the sub-commands of sitegen's parser."""
    init = subparsers.add_parser(
        "init", help="create a new site in an empty folder",
        description="Create site.yaml, an author and a first article per language in DIR. "
                    "The default theme stays inside sitegen: add templates/ or static/ files "
                    "only to override it.")
    init.add_argument("dir", type=Path, metavar="DIR", help="new or empty folder")
    init.add_argument("--languages", default="en",
                      help="comma-separated language codes, the default language first "
                           "(default: en), e.g. fr,en")
    init.add_argument("--title", default=DEFAULT_TITLE,
                      help=f"the site's name (default: {DEFAULT_TITLE!r})")
    init.add_argument("--timezone", metavar="ZONE",
                      help="the newsroom's IANA time zone, in which dates are written and "
                           "shown (default: that of the default language's country when it "
                           "has one, e.g. Europe/Paris for fr; else UTC)")
    init.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
    """Write the new site into args.dir; 0, 1 (the folder is not empty) or 2 (usage)."""
    target: Path = args.dir
    try:
        codes = parse_languages(args.languages)
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise RefusedError(f"{target} is not an empty folder",
                                "sitegen init only writes into a new or empty folder")
        zone = parse_timezone(args.timezone) if args.timezone else default_timezone(codes[0])
        title = " ".join(args.title.split()) or DEFAULT_TITLE
        create_files(target, starter_files(codes, title, datetime.now(timezone.utc)
                                           .replace(microsecond=0), zone))
    except ScaffoldError as exc:
        print(f"sitegen init: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(f"Created a site in {target} ({', '.join(codes)}; time zone {zone}, "
          "set in site.yaml).\nNext:\n"
          f"  cd {target}\n  sitegen build      # into public/\n"
          "  sitegen serve      # preview while you write")
    return EXIT_OK

