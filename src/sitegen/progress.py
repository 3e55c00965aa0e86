"""A progress bar for long builds in a terminal; silent in CI and when piped."""

from __future__ import annotations

import os
import time
from typing import TextIO

WIDTH = 30
MIN_INTERVAL = 0.1


class ProgressBar:
    """Draws `[#####.....] 1200/16000 pages` on one line, at most ten times a second."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._last = 0.0
        self._drawn = False

    @staticmethod
    def wanted(stream: TextIO, quiet: bool) -> bool:
        """Only for a person at a terminal: never when quiet, piped, or with CI set."""
        return not quiet and stream.isatty() and not os.environ.get("CI")

    def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < MIN_INTERVAL:
            return
        self._last = now
        filled = WIDTH * done // max(total, 1)
        self._stream.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} pages")
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self._stream.write("\r" + " " * (WIDTH + 32) + "\r")
            self._stream.flush()
