"""`sitegen serve` on the command line: options, the printed URL, and a clean Ctrl-C."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, SiteWriter
from sitegen.serve import add_serve_command
from sitegen.serve.command import is_loopback, remove_output

# Ctrl-C reaches the child as it would at a terminal, even when this test runs in a shell's
# background job, whose children inherit SIGINT ignored (and Python then keeps it so).
DRIVER = """
import argparse, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
from sitegen.serve import add_serve_command
parser = argparse.ArgumentParser(prog="sitegen")
add_serve_command(parser.add_subparsers(dest="command"))
args = parser.parse_args(sys.argv[1:])
sys.exit(args.run(args))
"""


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sitegen")
    add_serve_command(parser.add_subparsers(dest="command"))
    return parser.parse_args(["serve", *argv])


def test_preview_defaults_include_drafts_and_future_on_loopback() -> None:
    args = parse()
    assert (args.source, args.host, args.port) == (Path("."), "127.0.0.1", 8000)
    assert (args.drafts, args.future, args.open_browser) == (True, True, False)
    assert callable(args.run)


def test_options_turn_drafts_and_future_off_and_pick_any_port() -> None:
    args = parse("--no-drafts", "--no-future", "--port", "0", "--open", "--source", "x")
    assert (args.drafts, args.future, args.port, args.open_browser) == (False, False, 0, True)
    assert args.source == Path("x")


@pytest.mark.parametrize("port", ["-1", "65536", "http"])
def test_bad_port_is_a_usage_error(port: str) -> None:
    with pytest.raises(SystemExit):
        parse("--port", port)


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("192.168.1.10", False), ("example.org", False),
])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) == loopback


def test_remove_output_takes_the_staging_folders_too(tmp_path: Path) -> None:
    out = tmp_path / "sitegen-serve-x"
    for name in ("sitegen-serve-x", ".sitegen-serve-x.staging", ".sitegen-serve-x.previous"):
        folder = tmp_path / name
        folder.mkdir()
    remove_output(out)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serves_until_interrupted_then_exits_cleanly(
        write_site: SiteWriter, tmp_path: Path, stop: signal.Signals) -> None:
    root = write_site()
    shutil.copytree(REPO / "static", root / "static")
    temp = tmp_path / "tmp"
    temp.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, "serve", "--source", str(root), "--port", "0",
         "--host", "0.0.0.0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(temp)})
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = re.search(r"http://\S+", line)
        assert url, line
        with urllib.request.urlopen(url.group(0), timeout=10) as response:
            assert response.status == 200
        assert [p.name for p in temp.iterdir() if p.name.startswith("sitegen-serve-")]
        process.send_signal(stop)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "Traceback" not in err
    assert "warning: listening on 0.0.0.0" in err
    assert [p.name for p in temp.iterdir() if "sitegen-serve-" in p.name] == []  # build gone
    assert list(temp.iterdir()) == []  # ...and whatever else the engine made there
    assert not (root / "public").exists()


def test_port_in_use_is_reported_without_traceback(write_site: SiteWriter) -> None:
    root = write_site()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-c", DRIVER, "serve", "--source", str(root), "--port", str(port)],
            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr
