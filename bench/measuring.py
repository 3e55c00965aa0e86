"""Measuring one build: a wrapper child times it and, when asked, samples the memory of its
whole process tree.

    python bench/measuring.py [--tree] COMMAND...   (used by run.py and huge.py)
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_INTERVAL = 0.1
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
    """Peak of the summed PSS of the whole process tree, sampled every SAMPLE_INTERVAL;
    0 when not sampled. Sampling reads every process's smaps_rollup ten times a second,
    which costs the build under test 5-7% of its wall time: timed builds go unsampled."""
    load: float
    """The machine's one-minute load average when the build ended."""


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


def measure_main(command: Sequence[str], tree: bool = False) -> int:
    """Run command as our only child; print its time and peak memory as JSON.

    With tree, the summed PSS of the child's process tree is sampled as it runs.
    """
    peak = [0]
    done = threading.Event()
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        while not done.wait(SAMPLE_INTERVAL):
            peak[0] = max(peak[0], tree_pss_kib(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    if tree:
        sampler.start()
    _, err = child.communicate()
    seconds = time.perf_counter() - started
    done.set()
    if tree:
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
            timeout: float = BUILD_TIMEOUT, *, tree: bool = False) -> Sample:
    """Time command in a fresh wrapper child; raise BuildFailed if it fails.

    With tree, also sample the PSS of its process tree (which slows it down a little).
    """
    wrapper = [sys.executable, str(Path(__file__).resolve()), *(["--tree"] if tree else []),
               *command]
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


def cpu_seconds() -> float:
    """User plus system time of this process and its finished children (worker pools)."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                         resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def stats(values: Sequence[float]) -> Stats:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def sample_stats(samples: Sequence[Sample]) -> dict[str, Stats]:
    return {name: stats([getattr(s, name) for s in samples]) for name in Sample.__slots__}



if __name__ == "__main__":
    arguments = sys.argv[1:]
    sampled = arguments[:1] == ["--tree"]
    sys.exit(measure_main(arguments[1:] if sampled else arguments, tree=sampled))
