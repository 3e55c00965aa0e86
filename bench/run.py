"""Measure sitegen on generated corpora: cold, warm and one-edit rebuilds, memory, peers.

    python bench/run.py [--sizes 1000,5000] [--runs 3] [--languages fr,en] [--jobs N]
                        [--peers] [--workdir DIR] [--json FILE]
                        [--engine worktree|head|installed] [--python PY] [--seed 1]

A measure, not a test: it prints medians (min–max) as Markdown, progress on stderr.
Every build runs in a fresh child under a small wrapper process that times it and reports
its peak memory (see measure_main), so the numbers are those a user would see.
See bench/README.md for how to read the tables.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

# corpus.py imports sitegen: started by a Python without it, go on under the repository's venv.
VENV_PYTHON = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python"
if __name__ == "__main__" and importlib.util.find_spec("sitegen") is None and VENV_PYTHON.exists():
    os.execv(VENV_PYTHON, [str(VENV_PYTHON), *sys.argv])

from inprocess import EDITS  # noqa: E402
from measuring import BUILD_TIMEOUT, BuildFailed, Sample, measure, sample_stats, stats  # noqa: E402
from tables import report  # noqa: E402
from tools import (  # noqa: E402
    Engine,
    Tool,
    disk_probe,
    edited_article,
    environment,
    make_corpus,
    peer_tools,
    sitegen_python,
    sitegen_tool,
    snapshot_engine,
    source_digest,
)

# --- running the measures ----------------------------------------------------

def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def clear(tool: Tool, trash: Path | None = None) -> None:
    """Remove the output, the caches, and whatever is kept beside the output to make the
    next build cheaper (sitegen's .public.staging and .public.previous).

    With trash (a folder on the same file system), move them there instead, to be removed
    when no build is being timed: on some file systems, creating files soon after tens of
    thousands were removed is slowed by the removal (README, "Noise from the file system").
    """
    beside = tool.output.parent.glob(f".{tool.output.name}.*")
    for path in [*tool.scratch, *beside]:
        if not path.exists() and not path.is_symlink():
            continue
        if trash is not None:
            trash.mkdir(parents=True, exist_ok=True)
            path.rename(trash / f"{time.monotonic_ns()}-{path.name}")
        elif path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def cold(tool: Tool, *, tree: bool = False, trash: Path | None = None) -> Sample:
    """A build from nothing: no cache, no output; with tree, its memory sampled."""
    clear(tool, trash)
    return measure(tool.command, dict(tool.env), tree=tree)


def html_count(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def cold_rounds(tools: Sequence[Tool], runs: int, label: str, trash: Path
                ) -> dict[str, list[Sample]]:
    """runs cold builds of every tool, alternating tools within each round; what each
    build starts without goes to trash."""
    samples: dict[str, list[Sample]] = {tool.name: [] for tool in tools}
    for run in range(runs):
        for tool in tools:
            sample = cold(tool, trash=trash)
            samples[tool.name].append(sample)
            progress(f"[{label}] cold {run + 1}/{runs} {tool.name}: {sample.seconds:.2f} s, "
                     f"{sample.rss_mib:.0f} MiB")
    # The tree's memory comes from one more build of each tool, the only one sampled:
    # sampling costs the build 5-7% of its time, which the timed builds must not pay.
    for tool in tools:
        tree = cold(tool, tree=True, trash=trash).tree_mib
        samples[tool.name] = [replace(sample, tree_mib=tree) for sample in samples[tool.name]]
        progress(f"[{label}] memory {tool.name}: {tree:.0f} MiB")
    return samples


def warm_runs(tool: Tool, runs: int, label: str) -> list[Sample]:
    """CLI rebuilds with nothing changed: cache and output present."""
    samples = []
    for run in range(runs):
        samples.append(measure(tool.command, dict(tool.env)))
        progress(f"[{label}] warm {run + 1}/{runs}: {samples[-1].seconds:.2f} s")
    return samples


def edit_runs(tool: Tool, path: Path, edit: str, runs: int, label: str) -> list[Sample]:
    """CLI rebuilds, each after a fresh edit of path; the file is restored afterwards."""
    original = path.read_text(encoding="utf-8")
    samples = []
    try:
        for run in range(runs):
            EDITS[edit](path, original, f"command line {run + 1}")
            samples.append(measure(tool.command, dict(tool.env)))
            progress(f"[{label}] edit {edit}, CLI {run + 1}/{runs}: "
                     f"{samples[-1].seconds:.2f} s")
    finally:
        path.write_text(original, encoding="utf-8")
    return samples


def inprocess_runs(engine: Engine, site: Path, path: Path, edit: str, runs: int,
                   jobs: int | None, label: str) -> list[dict[str, float]]:
    """Builder.build([path]) wall and CPU times, from a fresh child process."""
    spec = json.dumps({"source": str(site), "path": str(path), "edit": edit, "runs": runs,
                       "jobs": jobs})
    child = str(Path(__file__).resolve().with_name("inprocess.py"))
    done = subprocess.run([engine.python, child, spec],
                          capture_output=True, text=True, timeout=BUILD_TIMEOUT,
                          env={**os.environ, **engine.env})
    if done.returncode != 0:
        raise BuildFailed(f"in-process builds failed:\n{done.stderr[-2000:]}")
    times: list[dict[str, float]] = json.loads(done.stdout.strip().splitlines()[-1])
    progress(f"[{label}] edit {edit}, in-process: "
             + ", ".join(f"{t['seconds']:.2f}" for t in times) + " s")
    return times


def bench_size(args: argparse.Namespace, size: int) -> dict[str, Any]:
    """Every measure for one corpus size."""
    label = f"N={size}"
    progress(f"[{label}] generating {size} articles × {len(args.languages)} languages")
    site = make_corpus(args.workdir, size, args.languages, args.seed,
                       args.engine.tree / "templates")
    main = sitegen_tool(args.engine, site, args.jobs)
    tools = [main, *(peer_tools(site, args.workdir, size, args.python) if args.peers else [])]
    colds = cold_rounds(tools, args.runs, label, trash_folder(args.workdir))
    html = {tool.name: html_count(tool.output) for tool in tools}
    article = edited_article(site, args.languages[0], args.seed)
    cli = {"warm": warm_runs(main, args.runs, label)}
    inprocess = {}
    for edit in EDITS:
        cli[f"edit_{edit}"] = edit_runs(main, article, edit, args.runs, label)
        inprocess[f"edit_{edit}"] = inprocess_runs(args.engine, site, article, edit,
                                                   args.runs, args.jobs, label)
    return {
        "articles": size * len(args.languages), "html_files": html,
        "cold": {name: sample_stats(samples) for name, samples in colds.items()},
        "cli": {name: sample_stats(samples) for name, samples in cli.items()},
        "inprocess": {name: {key: stats([t[key] for t in times]) for key in times[0]}
                      for name, times in inprocess.items()},
        "samples": {"cold": {name: [vars_of(s) for s in v] for name, v in colds.items()},
                    "cli": {name: [vars_of(s) for s in v] for name, v in cli.items()},
                    "inprocess": inprocess},
    }


def trash_folder(workdir: Path) -> Path:
    """Where cold builds' previous outputs and caches wait, until the bench ends."""
    return workdir / "trash"


def vars_of(sample: Sample) -> dict[str, float]:
    return {name: getattr(sample, name) for name in Sample.__slots__}


# --- command line ------------------------------------------------------------

def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="articles per language")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure")
    parser.add_argument("--languages", default="fr,en")
    parser.add_argument("--jobs", "-j", type=int, help="passed to sitegen -j (default: its own)")
    parser.add_argument("--peers", action="store_true", help="also time Hugo and Pelican")
    parser.add_argument("--workdir", type=Path, help="where sites and outputs go "
                                                     "(default: a new folder under /tmp)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure as JSON")
    parser.add_argument("--python", default=sitegen_python(), help="Python that has sitegen")
    parser.add_argument("--engine", default="worktree", metavar="WHICH",
                        help="sitegen to measure: 'worktree' (default) or a git revision such "
                        "as 'head' or a commit, copied at start; or 'installed', live")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    if args.runs < 1 or not args.sizes or min(args.sizes) < 1:
        parser.error("--runs and every size must be at least 1")
    return prepare_workdir(parser, args, "sitegen-bench-")


def prepare_workdir(parser: argparse.ArgumentParser, args: argparse.Namespace,
                    prefix: str) -> argparse.Namespace:
    """Create the work folder and copy the engine to measure into it (shared with huge.py)."""
    args.workdir = (args.workdir or Path(tempfile.mkdtemp(prefix=prefix))).resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)
    try:
        args.engine = snapshot_engine(args.python, args.engine, args.workdir)
    except ValueError as exc:
        parser.error(str(exc))
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    env = environment(args)
    progress(f"workdir {args.workdir}; sitegen {env['sitegen']}, hugo {env['hugo']}, "
             f"pelican {env['pelican']}")
    started = time.perf_counter()
    try:
        results = {size: bench_size(args, size) for size in args.sizes}
    except BuildFailed as exc:
        progress(f"bench: {exc}")
        return 1
    finally:
        shutil.rmtree(trash_folder(args.workdir), ignore_errors=True)
    env["total_seconds"] = round(time.perf_counter() - started, 1)
    env["load_end"] = os.getloadavg()[0]
    env["disk_probe_end"] = disk_probe(args.workdir)
    env["source_changed_during_run"] = source_digest(args.engine.tree) != env["source_digest"]
    if env["source_changed_during_run"]:
        progress("bench: WARNING sitegen's source or templates changed during the run")
    print(report(env, results))
    if args.json:
        args.json.write_text(json.dumps({"environment": env, "results": results}, indent=2,
                                        ensure_ascii=False) + "\n", encoding="utf-8")
    progress(f"done in {env['total_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
