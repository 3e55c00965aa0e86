"""`sitegen serve`: the command line of the live preview. Prints, and picks exit codes."""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from sitegen.project import Project

if TYPE_CHECKING:
    from sitegen.serve.session import PreviewSettings

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def add_serve_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `serve` with the sub-commands of sitegen's parser."""
    serve = subparsers.add_parser(
        "serve", help="preview the site in a browser, rebuilt and reloaded on every save")
    serve.add_argument("--source", type=Path, default=Path("."),
                       help="the site's folder (default: current folder)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this computer only)")
    serve.add_argument("--port", type=_port, default=8000,
                       help="port to listen on (default: 8000; 0 picks a free one)")
    serve.add_argument("--drafts", action=argparse.BooleanOptionalAction, default=True,
                       help="include draft articles (default: yes)")
    serve.add_argument("--future", action=argparse.BooleanOptionalAction, default=True,
                       help="include articles scheduled for later (default: yes)")
    serve.add_argument("--open", action="store_true", dest="open_browser",
                       help="open the site in the default browser")
    serve.set_defaults(run=run_serve_command)


def run_serve_command(args: argparse.Namespace) -> int:
    return run_serve(Project(args.source.resolve()), host=args.host, port=args.port,
                     drafts=args.drafts, future=args.future, open_browser=args.open_browser)


def run_serve(project: Project, *, host: str, port: int, drafts: bool, future: bool,
              open_browser: bool) -> int:
    """Serve a live preview of project from a temporary folder until Ctrl-C."""
    # The server, the watcher and the builder are loaded only to serve: every other command
    # (and a build in CI above all) starts faster without them.
    from sitegen.serve.session import PreviewSettings

    out = Path(tempfile.mkdtemp(prefix="sitegen-serve-"))
    try:
        with _interrupted_by_sigterm():
            return _serve(project, out, PreviewSettings(host, port, drafts, future),
                          open_browser)
    finally:
        remove_output(out)


def _serve(project: Project, out: Path, settings: PreviewSettings, open_browser: bool) -> int:
    import webbrowser

    from sitegen.serve.session import PreviewSession

    try:
        session = PreviewSession(project, out, settings, console=sys.stderr)
    except OSError as exc:
        print(f"cannot listen on {settings.host}:{settings.port}: {exc.strerror or exc} "
              "(try another --port, or --port 0)", file=sys.stderr)
        return EXIT_USAGE
    if not is_loopback(settings.host):
        print(f"warning: listening on {settings.host}: other computers on the network "
              "can see this preview, drafts included", file=sys.stderr)
    try:
        session.start()
        print(f"Serving {project.root} at {session.url} (Ctrl-C to stop)", flush=True)
        if open_browser:
            webbrowser.open(session.url)
        while not session.wait(1.0):
            pass
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    except OSError as exc:  # the watcher could not start, e.g. too many folders to watch
        print(f"cannot watch {project.root} for changes: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    finally:
        session.stop()
    return EXIT_OK


def is_loopback(host: str) -> bool:
    """Whether only this computer can reach host."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def remove_output(out: Path) -> None:
    """Remove the preview's folder and the staging folders a build leaves beside it."""
    for folder in (out, out.with_name(f".{out.name}.staging"),
                   out.with_name(f".{out.name}.previous")):
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _interrupted_by_sigterm() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C, so the temporary folder is removed either way."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 0 to 65535, not {port}")
    return port
