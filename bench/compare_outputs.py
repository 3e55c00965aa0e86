"""Compare what two builds of the same corpus wrote, page kind by page kind.

    python bench/compare_outputs.py SITEGEN_OUTPUT PEER_OUTPUT [--names sitegen,hugo]

For each kind of file (article, home, section list, tag list, author list, tags index,
feeds, sitemaps, other HTML, other files) it prints the number of files and their mean
size, and for article and listing pages the mean number of some elements, counted with
html.parser. It is how bench/hugo_peer.py's Hugo site and bench/pelican_peer.py's Pelican
site were checked against sitegen's (see bench/README.md): the timing comparison is only
fair if they write the same pages with about the same markup.

Files are classified by their path, with the URL layouts of sitegen's default permalinks
and of the Hugo sites hugo_peer.py writes (old and new; the Pelican site has sitegen's): a
language prefix is stripped, a trailing page/N/ marks a further page of the same listing.
Flat pages (Pelican's default slug.html) count as other HTML.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from pathlib import Path

KINDS = ("article", "home", "section list", "tag list", "author list", "tags index",
         "feed", "sitemap", "other html", "other file")
LISTINGS = ("home", "section list", "tag list", "author list")
HTML_KINDS = ("article", *LISTINGS, "tags index", "other html")
ELEMENTS = ("a", "meta", "link", "li", "time", "script", "article")
"""Start tags counted on article and listing pages."""
LANGUAGE = re.compile(r"^[a-z]{2}(-[a-z]{2})?$")
PAGE = re.compile(r"^(.*?)/?page/\d+$")


class TagCounter(HTMLParser):
    """Counts start tags (and self-closing ones) by name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[tag] += 1


def languages_of(root: Path) -> set[str]:
    """Top-level folders that look like language prefixes: a code with a home page."""
    return {p.name for p in root.iterdir()
            if p.is_dir() and LANGUAGE.match(p.name) and (p / "index.html").is_file()}


def kind_of(relative: Path, languages: set[str]) -> str:
    """The kind of one output file, from its path relative to the output root."""
    parts = list(relative.parts)
    if parts and parts[0] in languages:
        parts = parts[1:]
    name = parts[-1] if parts else ""
    if name.endswith(".xml"):
        return "sitemap" if "sitemap" in name else "feed"
    if name != "index.html":
        return "other html" if name.endswith(".html") else "other file"
    folder = "/".join(parts[:-1])
    match = PAGE.match(folder)
    if match:
        folder = match.group(1)
    segments = [s for s in folder.split("/") if s]
    if not segments:
        return "home"
    first = segments[0]
    if len(segments) == 1:
        return {"tags": "tags index", "authors": "other html", "sections": "other html",
                "posts": "other html", "categories": "other html"}.get(first, "section list")
    if len(segments) == 2:
        return {"tags": "tag list", "authors": "author list",
                "sections": "section list"}.get(first, "article")
    return "other html"


def survey(root: Path) -> dict[str, dict[str, float]]:
    """Per kind: files, mean bytes and mean element counts (HTML pages only)."""
    languages = languages_of(root)
    sizes: dict[str, list[int]] = defaultdict(list)
    elements: dict[str, Counter[str]] = defaultdict(Counter)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root)
        if relative.parts[0].startswith("."):
            continue
        kind = kind_of(relative, languages)
        data = path.read_bytes()
        sizes[kind].append(len(data))
        if kind == "article" or kind in LISTINGS:
            counter = TagCounter()
            counter.feed(data.decode("utf-8", errors="replace"))
            counter.close()
            elements[kind].update({name: counter.counts[name] for name in ELEMENTS})
    result: dict[str, dict[str, float]] = {}
    for kind, values in sizes.items():
        row = {"files": len(values), "bytes": sum(values) / len(values),
               "total": sum(values)}
        row.update({name: elements[kind][name] / len(values) for name in ELEMENTS
                    if kind in elements})
        result[kind] = row
    return result


def ratio(a: float, b: float) -> str:
    return f"{b / a:.2f}" if a else "–"


def tables(names: Sequence[str], surveys: Sequence[dict[str, dict[str, float]]]) -> str:
    """Markdown: files and mean bytes per kind, then element counts per page."""
    first, second = names
    left, right = surveys
    lines = [f"| kind | {first} files | {second} files | {second}/{first} "
             f"| {first} mean bytes | {second} mean bytes | {second}/{first} "
             f"| {first} total KiB | {second} total KiB |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    files, kib = [0, 0], [0.0, 0.0]
    for kind in KINDS:
        a, b = left.get(kind, {}), right.get(kind, {})
        if not a and not b:
            continue
        for index, row in enumerate((a, b)):
            files[index] += int(row.get("files", 0))
            kib[index] += row.get("total", 0) / 1024
        lines.append(f"| {kind} | {a.get('files', 0):.0f} | {b.get('files', 0):.0f} "
                     f"| {ratio(a.get('files', 0), b.get('files', 0))} "
                     f"| {a.get('bytes', 0):,.0f} | {b.get('bytes', 0):,.0f} "
                     f"| {ratio(a.get('bytes', 0), b.get('bytes', 0))} "
                     f"| {a.get('total', 0) / 1024:,.0f} | {b.get('total', 0) / 1024:,.0f} |")
    lines.append(f"| **all files** | {files[0]} | {files[1]} | {ratio(*files)} | | | "
                 f"| {kib[0]:,.0f} | {kib[1]:,.0f} |")
    html = [sum(s.get(k, {}).get("files", 0) for k in HTML_KINDS) for s in surveys]
    lines.append(f"| **HTML pages** | {html[0]:.0f} | {html[1]:.0f} | {ratio(*html)} "
                 "| | | | | |")
    lines += ["", "Mean start tags per page, " + f"{first} / {second}:", "",
              "| kind | " + " | ".join(f"`<{name}`" for name in ELEMENTS) + " |",
              "|---|" + "--:|" * len(ELEMENTS)]
    for kind in ("article", *LISTINGS):
        a, b = left.get(kind, {}), right.get(kind, {})
        if a or b:
            lines.append(f"| {kind} | " + " | ".join(
                f"{a.get(name, 0):.1f} / {b.get(name, 0):.1f}" for name in ELEMENTS) + " |")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path, help="sitegen's output folder")
    parser.add_argument("second", type=Path, help="the peer's output folder")
    parser.add_argument("--names", default="sitegen,hugo", help="column names, comma-separated")
    return parser.parse_args(argv)


def main(argv: Iterable[str] | None = None) -> int:
    args = parse_args(list(argv) if argv is not None else None)
    names = [n.strip() for n in args.names.split(",")]
    if len(names) != 2:
        print("compare_outputs: --names takes two names", file=sys.stderr)
        return 2
    for folder in (args.first, args.second):
        if not folder.is_dir():
            print(f"compare_outputs: {folder} is not a folder", file=sys.stderr)
            return 2
    print(tables(names, [survey(args.first), survey(args.second)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
