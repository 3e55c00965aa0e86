"""`sitegen serve`: a live preview that rebuilds on every save and reloads open pages."""

from __future__ import annotations

from sitegen.serve.command import add_serve_command, run_serve

__all__ = ["add_serve_command", "run_serve"]
