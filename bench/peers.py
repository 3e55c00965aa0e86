"""Convert a bench/corpus.py site into a Hugo or Pelican site that renders sitegen's site.

    python bench/peers.py --corpus DIR --out DIR2 --hugo
    python bench/peers.py --corpus DIR --out DIR2 --pelican

Then build the result with the commands that hugo_peer.hugo_command() and
pelican_peer.pelican_command() return. The Hugo conversion is in hugo_peer.py (with its
layouts in bench/hugo/), the Pelican one in pelican_peer.py (with its theme and plugin in
bench/pelican/); both share the corpus reader and the constants below.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MARKER = ".bench-peer"
PAGINATION = 10


@dataclass(frozen=True, slots=True)
class Article:
    """One article of the corpus in one language."""

    lang: str
    slug: str
    meta: dict[str, Any]
    body: str

    @property
    def authors(self) -> list[str]:
        """Author ids, whether the file says author or authors."""
        return list(self.meta.get("authors") or [self.meta["author"]])


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything a generated site holds, read back from disk."""

    root: Path
    site: dict[str, Any]
    authors: dict[str, dict[str, Any]]
    articles: list[Article]

    @property
    def languages(self) -> list[str]:
        """Language codes, the default first."""
        return [entry["code"] for entry in self.site["languages"]]

    def section_title(self, section: str, lang: str) -> str:
        """Title of a section in one language."""
        return str(self.site["sections"][section][lang]["title"])


def read_article(path: Path, lang: str) -> Article:
    """Parse one Markdown file with YAML front matter."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return Article(lang, path.stem, yaml.load(front, Loader=LOADER), body.lstrip("\n"))


def load_corpus(root: Path) -> Corpus:
    """Read site.yaml, the authors and every article of a generated site."""
    site = yaml.load((root / "site.yaml").read_text(encoding="utf-8"), Loader=LOADER)
    authors = {
        path.stem: yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
        for path in sorted((root / "content" / "authors").glob("*.yaml"))
    }
    articles = [
        read_article(path, lang)
        for lang in [entry["code"] for entry in site["languages"]]
        for path in sorted((root / "content" / lang).glob("*/*.md"))
    ]
    return Corpus(root, site, authors, articles)


def prepare(out: Path) -> None:
    """Make out an empty folder; refuse to empty one this module did not make."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise ValueError(f"{out} is not empty and was not made by peers.py")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    write(out / MARKER, "made by bench/peers.py; rerunning it replaces this folder\n")


def write(path: Path, text: str) -> None:
    """Write UTF-8 text with '\\n' line ends, creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def copy_images(corpus: Corpus, target: Path) -> None:
    """Copy the corpus's static images (author avatars) to target."""
    source = corpus.root / "static" / "images"
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)


# --- shared by both peers ----------------------------------------------------
#
# What sitegen's settings and theme fix, and both converted sites reproduce.

FEED_ENTRIES = 20
HOME_LATEST = 8
"""Teasers under the lead story on the home page (sitegen's home.latest default)."""
HOME_PER_SECTION = 3
"""Teasers in each section block of the home page (sitegen's home.per_section default)."""
RELATED = 3
NEWS_DAYS = 2
"""sitegen's news sitemap lists the articles of the two days before the build clock."""
CLOCK = "2026-01-01T00:00:00Z"
"""The build clock bench/run.py gives sitegen; Hugo gets it too (--clock), Pelican as a
setting."""
THEME_STATIC = Path(__file__).resolve().parent.parent / "static"
THEME_FILES = ("css/site.css", "images/favicon.svg", "images/logo.svg")
"""The theme's files that sitegen copies into every output, which the peers' pages link to."""


def locale_folder(corpus: Corpus) -> Path | None:
    """sitegen's catalogs: the corpus's templates, else the repository's."""
    for folder in (corpus.root / "templates" / "locales",
                   Path(__file__).resolve().parent.parent / "templates" / "locales"):
        if folder.is_dir():
            return folder
    return None


# --- command line ------------------------------------------------------------

def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="site made by corpus.py")
    parser.add_argument("--out", type=Path, required=True, help="folder for the converted site")
    kind = parser.add_mutually_exclusive_group(required=True)
    kind.add_argument("--hugo", action="store_true", help="convert to a Hugo site")
    kind.add_argument("--pelican", action="store_true", help="convert to a Pelican site")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a conversion from the command line."""
    args = parse_args(argv)
    corpus = load_corpus(args.corpus)
    if args.hugo:  # both import this module
        from hugo_peer import to_hugo as convert
    else:
        from pelican_peer import to_pelican as convert
    try:
        count = convert(corpus, args.out)
    except ValueError as exc:
        print(f"peers: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {count} articles as a {'Hugo' if args.hugo else 'Pelican'} site into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
