"""Pathological inputs: each must build without a crash, in time roughly proportional to size.

    python bench/huge.py [--runs 3] [--jobs N] [--workdir DIR] [--json FILE] [--timeout S]
                         [--engine worktree|REVISION|installed] [--only NAME]

Four inputs, each at 1x and 2x size, in a tiny three-language site: a 2.5 / 5 MB article,
50,000 / 100,000 one-word paragraphs, 5,000 / 10,000 tags on one article, a headline of
5,000 / 10,000 characters. Each build is a cold CLI build in a fresh process, measured like
bench/run.py does; a baseline site (the same site with a short article) gives the fixed cost
of starting Python and building the rest, which the "net" ratio subtracts.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

# corpus.py imports sitegen: started by a Python without it, go on under the repository's venv.
VENV_PYTHON = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python"
if __name__ == "__main__" and importlib.util.find_spec("sitegen") is None and VENV_PYTHON.exists():
    os.execv(VENV_PYTHON, [str(VENV_PYTHON), *sys.argv])

import corpus  # noqa: E402
from measuring import BuildFailed, Sample, measure, stats  # noqa: E402
from run import clear, prepare_workdir, progress  # noqa: E402
from tables import cell, ratio  # noqa: E402
from tools import Engine, disk_probe, sitegen_python, sitegen_tool  # noqa: E402

SITE_YAML = """\
title: Le Petit Test
base_url: https://news.example.org/
default_language: fr
timezone: Europe/Paris
languages:
  - {code: fr, name: Français, locale: fr_FR}
  - {code: en, name: English, locale: en_GB}
  - {code: da, name: Dansk, locale: da_DK}
sections:
  monde:
    fr: {title: Monde, slug: monde}
    en: {title: World, slug: world}
    da: {title: Verden, slug: verden}
  culture: {fr: {title: Culture, slug: culture}, en: {title: Culture, slug: culture}}
pagination: 2
"""

AUTHOR_YAML = """\
name: Chloé
role: {fr: Rédactrice en chef, en: Editor-in-chief, da: Chefredaktør}
bio: {fr: Elle anime la rédaction., en: She runs the newsroom., da: Hun leder redaktionen.}
avatar: /images/authors/chloe.svg
"""

ENGLISH = ("---\nheadline: Missiles hit a base\nauthor: chloe\nsections: [monde]\n"
           "date: 2023-10-19T20:00:00\ntranslation_key: missiles\ntags: [Iraq]\n---\n"
           "First paragraph.\n")
WORDS = corpus.WORDS["fr"]
NOISE_SECONDS, NOISE_SHARE = 0.25, 0.25
"""Below this much time above the baseline, a ratio of net times means nothing."""


def article(body: str, *, headline: str = "Des missiles frappent une base",
            tags: Sequence[str] = ("Irak",)) -> str:
    """The French article of the tiny site, with the given body, headline and tags."""
    return (f"---\nheadline: {json.dumps(headline, ensure_ascii=False)}\nauthor: chloe\n"
            f"sections: [monde]\ndate: 2023-10-19T18:40:00\ntranslation_key: missiles\n"
            f"tags: {json.dumps(list(tags), ensure_ascii=False)}\n---\n{body}")


def big_body(size: int) -> str:
    """Ordinary prose paragraphs, about size bytes of UTF-8 in all."""
    rng = Random(f"huge/{size}")
    paragraphs, total = [], 0
    while total < size:
        text, _ = corpus.paragraph(WORDS, rng, 120)
        paragraphs.append(text)
        total += len(text.encode("utf-8")) + 2
    return "\n\n".join(paragraphs) + "\n"


def one_word_paragraphs(count: int) -> str:
    return "\n\n".join(WORDS[i % len(WORDS)] for i in range(count)) + "\n"


def long_headline(length: int) -> str:
    """A headline of exactly length characters, made of words."""
    words: list[str] = []
    total = 0
    while total < length:
        words.append(WORDS[len(words) % len(WORDS)])
        total += len(words[-1]) + 1
    return " ".join(words)[:length].rstrip() or "x"


@dataclass(frozen=True, slots=True)
class Case:
    """One pathological input, at two sizes."""

    name: str
    unit: str
    sizes: tuple[int, int]
    text: Callable[[int], str]
    """The French article's file text for a size."""


CASES = (
    Case("big-article", "MB", (2_500_000, 5_000_000), lambda n: article(big_body(n))),
    Case("one-word-paragraphs", "paragraphs", (50_000, 100_000),
         lambda n: article(one_word_paragraphs(n))),
    Case("many-tags", "tags", (5_000, 10_000),
         lambda n: article("Un paragraphe.\n", tags=[f"étiquette {i:05d}" for i in range(n)])),
    Case("long-headline", "characters", (5_000, 10_000),
         lambda n: article("Un paragraphe.\n", headline=long_headline(n))),
)
BASELINE = Case("baseline", "", (0, 0), lambda n: article("Le premier paragraphe.\n"))


def write_site(root: Path, french: str, templates: Path) -> Path:
    """A tiny site: site.yaml, one author, the given French article and an English one."""
    shutil.rmtree(root, ignore_errors=True)
    files = {"site.yaml": SITE_YAML, "content/authors/chloe.yaml": AUTHOR_YAML,
             "content/fr/monde/missiles.md": french, "content/en/world/missiles.md": ENGLISH}
    for relative, text in files.items():
        corpus.write(root / relative, text)
    shutil.copytree(templates, root / "templates")
    return root


def size_label(case: Case, size: int) -> str:
    if case.unit == "MB":
        return f"{size / 1_000_000:g} MB"
    return f"{size:,} {case.unit}"


@dataclass(slots=True)
class Outcome:
    """What the builds of one site gave: samples, or how they failed."""

    samples: list[Sample]
    status: str = "ok"
    html_files: int = 0
    largest_html: int = 0


def build_once(site: Path, engine: Engine, jobs: int | None, timeout: float,
               outcome: Outcome) -> None:
    """One cold build; a failure is recorded in outcome, not raised."""
    tool = sitegen_tool(engine, site, jobs)
    clear(tool)
    try:
        outcome.samples.append(measure(tool.command, dict(tool.env), timeout, tree=True))
    except BuildFailed as exc:
        text = str(exc)
        kind = ("timeout" if "timed out" in text else
                "crash" if "internal error" in text or "Traceback" in text else "error")
        last = text.strip().splitlines()[-1][:200]
        outcome.status = f"{kind}: {last}"
        return
    pages = [path.stat().st_size for path in tool.output.rglob("*.html")]
    outcome.html_files, outcome.largest_html = len(pages), max(pages, default=0)


def run_all(sites: dict[str, Path], args: argparse.Namespace) -> dict[str, Outcome]:
    """args.runs rounds over every site, so load on the machine hits all of them alike."""
    outcomes = {name: Outcome([]) for name in sites}
    for run in range(args.runs):
        for name, site in sites.items():
            outcome = outcomes[name]
            if outcome.status != "ok":
                continue
            build_once(site, args.engine, args.jobs, args.timeout, outcome)
            shown = (f"{outcome.samples[-1].seconds:.2f} s" if outcome.status == "ok"
                     else outcome.status)
            progress(f"[huge] {run + 1}/{args.runs} {name}: {shown}")
    return outcomes


def median_seconds(outcome: Outcome) -> float | None:
    if outcome.status != "ok" or not outcome.samples:
        return None
    return stats([s.seconds for s in outcome.samples])["median"]


def growth(small: float | None, large: float | None, base: float | None) -> tuple[str, str]:
    """The net 2x/1x ratio and how to read it: about 2 is linear, about 4 quadratic."""
    if small is None or large is None or base is None:
        return "–", "–"
    if min(small, large) - base < max(NOISE_SECONDS, NOISE_SHARE * base):
        return "–", "within noise of baseline"
    net = (large - base) / (small - base)
    reading = ("≈ linear" if net < 2.6 else "superlinear" if net < 3.5 else
               "≈ quadratic or worse")
    return f"{net:.2f}×", reading


def case_row(case: Case, outcomes: dict[str, Outcome], base: float | None) -> str:
    small, large = (outcomes[f"{case.name}-{size}"] for size in case.sizes)
    times = [median_seconds(small), median_seconds(large)]
    cells = [cell(stats([s.seconds for s in o.samples])) if t is not None else "–"
             for o, t in zip((small, large), times, strict=True)]
    raw = ratio(times[1], times[0]) if times[0] and times[1] else "–"
    net, reading = growth(times[0], times[1], base)
    memory = " → ".join(f"{stats([s.rss_mib for s in o.samples])['median']:.0f}"
                        if o.samples else "–" for o in (small, large))
    status = "; ".join(sorted({o.status for o in (small, large)}))
    html = f"{large.largest_html / 1_000_000:.2f} MB" if large.largest_html else "–"
    return (f"| {case.name} | {size_label(case, case.sizes[0])} | {cells[0]} | "
            f"{size_label(case, case.sizes[1])} | {cells[1]} | {raw} | "
            f"{net} | {reading} | {memory} | "
            f"{html} | {status} |")


def report(outcomes: dict[str, Outcome], args: argparse.Namespace) -> str:
    base_outcome = outcomes[BASELINE.name]
    base = median_seconds(base_outcome)
    lines = [f"### Pathological inputs: cold CLI builds, {args.runs} runs, median (min–max)", "",
             "| input | 1× | time 1× (s) | 2× | time 2× (s) | 2×/1× | net 2×/1× | reading | "
             "peak RSS 1× → 2× (MiB) | largest page 2× | status |",
             "|---" * 11 + "|"]
    lines.append(baseline_row(base_outcome))
    lines += [case_row(case, outcomes, base) for case in selected(args)]
    loads = [s.load for o in outcomes.values() for s in o.samples] or [0.0]
    engine = args.engine
    lines += ["", "_net = (time − baseline time), which removes Python start-up and the fixed "
              "cost of the rest of the site; a net ratio near 2 means time grows linearly "
              "with size, near 4 quadratically._", "",
              f"_sitegen measured: {engine.kind} {engine.commit}; 1-min load average as the "
              f"builds ended: {cell(stats(loads), 1)}; disk probe {args.disk_probe[0]:.2f} s "
              f"at start, {args.disk_probe[1]:.2f} s at end (see bench/README.md)._"]
    return "\n".join(lines) + "\n"


def baseline_row(outcome: Outcome) -> str:
    if not outcome.samples:
        return f"| baseline | – | – | – | – | – | – | – | – | – | {outcome.status} |"
    seconds = cell(stats([s.seconds for s in outcome.samples]))
    memory = stats([s.rss_mib for s in outcome.samples])["median"]
    return (f"| baseline (short article) | – | {seconds} | – | – | – | – | – | {memory:.0f} "
            f"| – | {outcome.status} |")


def selected(args: argparse.Namespace) -> list[Case]:
    return [case for case in CASES if not args.only or case.name in args.only]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", "-j", type=int, help="passed to sitegen -j")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per build")
    parser.add_argument("--workdir", type=Path, help="default: a new folder under /tmp")
    parser.add_argument("--json", type=Path, metavar="FILE")
    parser.add_argument("--python", default=sitegen_python(), help="Python that has sitegen")
    parser.add_argument("--engine", default="worktree", metavar="WHICH",
                        help="'worktree', a git revision ('head'), or 'installed'; as in run.py")
    parser.add_argument("--only", action="append",
                        choices=[case.name for case in CASES], help="run only these inputs")
    args = parser.parse_args(argv)
    return prepare_workdir(parser, args, "sitegen-huge-")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    templates = args.engine.tree / "templates"
    sites = {BASELINE.name: write_site(args.workdir / BASELINE.name, BASELINE.text(0),
                                       templates)}
    for case in selected(args):
        for size in case.sizes:
            name = f"{case.name}-{size}"
            progress(f"[huge] writing {name}")
            sites[name] = write_site(args.workdir / name, case.text(size), templates)
    args.disk_probe = [disk_probe(args.workdir)]
    outcomes = run_all(sites, args)
    args.disk_probe.append(disk_probe(args.workdir))
    print(report(outcomes, args))
    if args.json:
        payload: dict[str, Any] = {
            name: {"status": o.status, "html_files": o.html_files,
                   "largest_html": o.largest_html,
                   "samples": [{k: getattr(s, k) for k in Sample.__slots__} for s in o.samples]}
            for name, o in outcomes.items()}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    progress(f"[huge] done in {time.perf_counter() - started:.0f} s; sites in {args.workdir}")
    failed = any(o.status != "ok" for o in outcomes.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
