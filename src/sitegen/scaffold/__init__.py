"""Writers' and newsrooms' scaffolding: `sitegen new` (articles, translations), `sitegen init`.

Each command registers itself with the sub-parsers of sitegen's command line and sets
``run`` to a function that takes the parsed arguments and returns the exit code.
"""

from __future__ import annotations

import argparse

from sitegen.scaffold.init_command import add_init_command, run_init
from sitegen.scaffold.new_command import add_new_command, run_new

__all__ = ["add_init_command", "add_new_command", "add_scaffold_commands", "run_init",
           "run_new"]


def add_scaffold_commands(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Register both `new` and `init`."""
    add_new_command(subparsers)
    add_init_command(subparsers)
