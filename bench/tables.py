"""The benchmark's report: Markdown tables of medians (min–max) and ratios to peers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from inprocess import EDITS
from measuring import Stats

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
            warm = result["cli"]["warm"]  # its memory is not sampled (tree_mib 0): no ratio
            lines.append("| sitegen warm / hugo cold | " + " | ".join(
                ratio(warm[key]["median"], peer[key]["median"]) if warm[key]["median"] else "—"
                for key, _, _ in PEER_COLUMNS) + " |")
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

