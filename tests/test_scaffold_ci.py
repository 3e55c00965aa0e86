"""The GitHub workflow and the pre-commit hook, run step by step as a runner would.

A fresh virtual environment stands in for the runner's Python: the workflow's own install
step installs sitegen into it from a copy of this repository, and every later `run:` step
uses it, in a workspace that holds the engine's sources and a site made by `sitegen init`.
Steps that call GitHub-only actions (`uses:`) are skipped, and only those.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import venv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, html
from test_scaffold_new import sitegen

WORKFLOW = REPO / ".github/workflows/site.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
PAGES_URL = "https://example.github.io/newsroom"
EXPRESSIONS = {"steps.pages.outputs.base_url": PAGES_URL}
"""What GitHub would put in the ${{ … }} expressions that run steps read."""
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


@dataclass(frozen=True)
class Runner:
    workspace: Path
    env: Mapping[str, str]


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """A workspace (engine sources + a new site) and a fresh venv first on PATH."""
    base = tmp_path_factory.mktemp("ci")
    workspace = base / "workspace"
    assert sitegen("init", workspace, "--languages", "fr,en", "--title", "CI") == 0
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, workspace / name)
    shutil.copytree(REPO / "src", workspace / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    python = base / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(python)
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "SITEGEN_AUTHOR")}
    env["PATH"] = f"{python / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(python)
    return Runner(workspace, env)


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def expand(text: str) -> str:
    def value(match: re.Match[str]) -> str:
        assert match.group(1) in EXPRESSIONS, f"no test value for ${{{{ {match.group(1)} }}}}"
        return EXPRESSIONS[match.group(1)]
    return _EXPRESSION.sub(value, text)


def run_step(step: Mapping[str, Any], runner: Runner) -> subprocess.CompletedProcess[str]:
    """A `run:` step as GitHub runs it: bash -eo pipefail, with the step's env."""
    assert "${{" not in step["run"], "run scripts read expressions through env:"
    env = dict(runner.env) | {k: expand(str(v)) for k, v in step.get("env", {}).items()}
    cwd = runner.workspace / step.get("working-directory", ".")
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           step["run"]], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


def test_workflow_runs_its_steps_and_produces_what_it_uploads(runner: Runner) -> None:
    steps = load_yaml(WORKFLOW)["jobs"]["build"]["steps"]
    ran, skipped = [], []
    for step in steps:
        if "uses" in step:
            skipped.append(step["uses"].split("@")[0])
            continue
        result = run_step(step, runner)
        assert result.returncode == 0, f"{step['name']}:\n{result.stdout}\n{result.stderr}"
        ran.append(step["run"])
    assert ran == ["python -m pip install .", "sitegen check",
                   'sitegen build --base-url "$BASE_URL/" --report-json build-report.json']
    assert skipped == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                       "actions/cache", "actions/upload-artifact",
                       "actions/upload-pages-artifact"]
    installed = subprocess.run(["python", "-c", "import sitegen; print(sitegen.__file__)"],
                               env=runner.env, capture_output=True, text=True, check=True)
    assert Path(installed.stdout.strip()).is_relative_to(runner.env["VIRTUAL_ENV"])
    uploads = {s["uses"].split("@")[0]: s["with"]["path"] for s in steps if "with" in s
               and "path" in s["with"]}
    report = json.loads((runner.workspace / uploads["actions/upload-artifact"]).read_text())
    assert report["pages_total"] > 0 and report["warnings"] == []
    public = runner.workspace / uploads["actions/upload-pages-artifact"]
    canonical = html(public / "index.html").find("link", rel="canonical")
    assert canonical["href"] == PAGES_URL + "/"
    assert (runner.workspace / uploads["actions/cache"]).is_dir()


def test_workflow_publishes_to_pages_with_the_needed_permissions() -> None:
    workflow = load_yaml(WORKFLOW)
    assert workflow["permissions"] == {"contents": "read", "pages": "write",
                                       "id-token": "write"}
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "workflow_dispatch", "schedule"} <= set(triggers)
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    setup = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-py"))
    assert setup["with"]["python-version"] == "3.11"
    cache = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".sitegen-cache/"
    assert "hashFiles(" in cache["with"]["key"] and "content/**" in cache["with"]["key"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def hook() -> dict[str, Any]:
    hooks = load_yaml(HOOKS)
    assert [h["id"] for h in hooks] == ["sitegen-check"]
    return dict(hooks[0])


def test_pre_commit_hook_definition() -> None:
    definition = hook()
    assert (definition["entry"], definition["language"], definition["pass_filenames"]) == (
        "sitegen check", "python", False)
    files = re.compile(definition["files"])
    for path in ("content/fr/news/a.md", "content/authors/x.yaml", "templates/base.html",
                 "static/css/site.css", "site.yaml"):
        assert files.search(path), path
    for path in ("README.md", "src/sitegen/cli.py", "public/index.html", "site.yaml.bak",
                 "docs/site.yaml"):
        assert not files.search(path), path


def test_pre_commit_hook_entry_passes_a_good_site_and_blocks_a_broken_one(
    runner: Runner, tmp_path: Path
) -> None:
    venv_bin = Path(runner.env["VIRTUAL_ENV"]) / "bin"
    if not (venv_bin / "sitegen").exists():  # pre-commit installs a python hook's repository
        subprocess.run(["python", "-m", "pip", "install", "--quiet", "."],
                       cwd=runner.workspace, env=runner.env, check=True)
    site = tmp_path / "site"
    shutil.copytree(runner.workspace / "content", site / "content")
    shutil.copy2(runner.workspace / "site.yaml", site / "site.yaml")
    entry = shlex.split(hook()["entry"])
    good = subprocess.run(entry, cwd=site, env=runner.env, capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    (site / "content/fr/news/welcome.md").write_text("---\nheadline: x\n---\n", "utf-8")
    bad = subprocess.run(entry, cwd=site, env=runner.env, capture_output=True, text=True)
    assert bad.returncode == 1 and "content/fr/news/welcome.md" in bad.stderr
