"""Save-to-reload latency of `sitegen serve`, measured in real headless Chromium.

    python bench/reload_latency.py [--site DIR] [--runs N] [--article PATH] [--in-place]

Previews a copy of the site (the demo newsroom by default; --in-place uses the site itself,
e.g. a generated corpus), opens one article, then N times appends a sentence to its Markdown
and measures, from the moment of the write:
  event  until the page received the `reload` event (stamped by the page itself), and
  page   until the reloaded page, showing the new sentence, fired DOMContentLoaded.
Prints each run, then the median, min and max.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from sitegen.build import BuildOptions, load_site
from sitegen.project import Project
from sitegen.serve.command import remove_output
from sitegen.serve.session import PreviewSession, PreviewSettings
from sitegen.serve.watch import Quiet
from sitegen.urls import Urls

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SITE_PARTS = ("site.yaml", "content", "templates", "static")
TIMEOUT_MS = 60_000

# Runs before the page's own scripts: stamps, on the page's clock, the stream's events.
STAMP_EVENTS = """
(() => {
  const Native = window.EventSource;
  window.EventSource = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.addEventListener("hello", () => { window.__benchListening = true; });
      this.addEventListener("reload", () => {
        sessionStorage.setItem("bench:reload-at", String(Date.now()));
      });
    }
  };
})();
"""
PAGE_READY_AT = ("performance.timeOrigin + "
                 "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO, help="site folder (default: demo)")
    parser.add_argument("--runs", type=int, default=10, help="saves to measure (default: 10)")
    parser.add_argument("--article", help="Markdown file to edit, relative to the site "
                                          "(default: the first article)")
    parser.add_argument("--in-place", action="store_true",
                        help="edit the site itself instead of a copy (its article is restored)")
    parser.add_argument("--quiet-ms", type=float, default=Quiet().after * 1000,
                        help="the watcher's quiet period (default: %(default)s)")
    return parser.parse_args(argv)


def copy_site(site: Path, into: Path) -> Path:
    for part in SITE_PARTS:
        source = site / part
        if source.is_dir():
            shutil.copytree(source, into / part)
        elif source.exists():
            shutil.copy2(source, into / part)
    return into


def article_url(project: Project, base_url: str, wanted: str | None) -> tuple[Path, str]:
    """The Markdown file to edit and the path of its page on the preview."""
    now = datetime.now(timezone.utc)
    loaded = load_site(project, BuildOptions(clock=now, drafts=True, future=True,
                                             base_url=base_url))
    articles = sorted(loaded.site.articles.values(), key=lambda a: a.source)
    chosen = next((a for a in articles if wanted in (None, a.source)), None)
    if chosen is None:
        raise SystemExit(f"no published article {wanted or ''} in {project.root}")
    return project.root / chosen.source, Urls(loaded.config).article(chosen)


def measure_once(page: Page, markdown: Path, run: int) -> tuple[float, float]:
    """Append a sentence; milliseconds until the reload event and until the new page."""
    page.wait_for_function("window.__benchListening === true", timeout=TIMEOUT_MS)
    marker = f"mesure{run}x{secrets.token_hex(3)}"
    saved_at = time.time() * 1000
    with markdown.open("a", encoding="utf-8") as file:
        file.write(f"\n\nPhrase ajoutée pour la {marker}.\n")
    expect(page.locator("body")).to_contain_text(marker, timeout=TIMEOUT_MS)
    page.wait_for_function("document.readyState !== 'loading'", timeout=TIMEOUT_MS)
    event_at = float(page.evaluate("sessionStorage.getItem('bench:reload-at')"))
    return event_at - saved_at, float(page.evaluate(PAGE_READY_AT)) - saved_at


def summary(name: str, values: list[float]) -> str:
    return (f"{name:>6}: median {statistics.median(values):7.1f} ms   "
            f"min {min(values):7.1f} ms   max {max(values):7.1f} ms")


def run(root: Path, args: argparse.Namespace) -> list[tuple[float, float]]:
    project = Project(root)
    settings = PreviewSettings(port=0, quiet=Quiet(after=args.quiet_ms / 1000))
    session = PreviewSession(project, Path(tempfile.mkdtemp(prefix="sitegen-bench-")),
                             settings, console=sys.stderr)
    started = time.perf_counter()
    session.start()
    print(f"first build: {time.perf_counter() - started:.2f} s; serving {session.url}")
    markdown, url = article_url(project, session.url, args.article)
    original = markdown.read_bytes()
    results = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.add_init_script(STAMP_EVENTS)
            page.goto(session.url + url.lstrip("/"))
            print(f"editing {project.relative(markdown)}, watching {url}")
            for number in range(1, args.runs + 1):
                results.append(measure_once(page, markdown, number))
                print(f"  run {number:2}: event {results[-1][0]:7.1f} ms   "
                      f"page {results[-1][1]:7.1f} ms")
            browser.close()
    finally:
        markdown.write_bytes(original)
        session.stop()
        remove_output(session.server.root)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    site = args.site.resolve()
    if args.in_place:
        results = run(site, args)
    else:
        with tempfile.TemporaryDirectory(prefix="sitegen-bench-site-") as folder:
            results = run(copy_site(site, Path(folder)), args)
    print(summary("event", [event for event, _ in results]))
    print(summary("page", [page for _, page in results]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
