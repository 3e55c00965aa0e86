"""Splitting a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.errors import Problem

FENCE = "---"


@dataclass(frozen=True, slots=True)
class SplitFile:
    """Front matter and body of one file, with the line each starts on."""

    front_matter: str
    front_matter_line: int
    body: str
    body_line: int


def decode_source(raw: bytes, path: str) -> str | Problem:
    """Decode UTF-8 (a BOM is allowed) and normalise line endings to '\\n'."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Problem(path, line, f"the file is not valid UTF-8 (byte offset {exc.start}: "
                                   f"{raw[exc.start:exc.start + 1]!r})",
                       "save the file as UTF-8 in your editor")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, path: str) -> SplitFile | Problem:
    """Split '---' fenced YAML front matter from the Markdown body."""
    if not text.strip():
        return Problem(path, 1, "the file is empty",
                       "start it with front matter between two '---' lines")
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return Problem(path, 1, "the file does not start with front matter",
                       "put a line '---' first, then the headline, author, sections and date, "
                       "then another '---'")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            return SplitFile(
                front_matter="\n".join(lines[1:index]),
                front_matter_line=2,
                body="\n".join(lines[index + 1:]),
                body_line=index + 2,
            )
    return Problem(path, 1, "the front matter opened here is never closed",
                   "add a line '---' after the last front matter key")
