"""The built demo passes the Nu HTML checker (vnu.jar) with zero errors."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import REPO
from demo import build_demo

VNU_JAR = Path(os.environ.get(
    "VNU_JAR", REPO / ".test-tools/node_modules/vnu-jar/build/dist/vnu.jar"))


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "public")


def test_every_demo_page_is_valid_html(public: Path) -> None:
    assert VNU_JAR.is_file(), "run ./scripts/install-test-tools to fetch the Nu HTML checker"
    pages = sorted(str(p) for p in public.rglob("*.html"))
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *pages],
        capture_output=True, text=True, check=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [(Path(m["url"]).relative_to(public).as_posix() if "url" in m else "?",
               m.get("lastLine"), m["message"])
              for m in messages if m["type"] == "error"]
    assert errors == []
