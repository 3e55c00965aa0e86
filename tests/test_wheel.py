"""The wheel as users get it: built, installed in a fresh venv, `sitegen init` + `build`.

One wheel and one virtual environment serve the whole module. The wheel is built from a
copy of the repository (sources, README, and the templates/ and static/ folders that the
package's theme links to), so the shared working tree gets no build/ or *.egg-info.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO, html


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    env: dict[str, str]
    workdir: Path

    def run(self, *argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(argv, cwd=cwd or self.workdir, env=self.env,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{' '.join(argv)}:\n{result.stdout}\n{result.stderr}"
        return result


def build_wheel(out: Path) -> Path:
    assert importlib.util.find_spec("build") is not None, (
        "the 'build' package is missing: pip install -e '.[dev]' (it builds the wheel)")
    source = out / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for folder in ("src", "templates", "static"):
        shutil.copytree(REPO / folder, source / folder, symlinks=True, ignore=ignore)
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out / "dist"),
                    str(source)], check=True, capture_output=True, text=True, timeout=600)
    (wheel,) = (out / "dist").glob("sitegen-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(base)
    environment = base / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(environment)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = f"{environment / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(environment)
    workdir = base / "work"
    workdir.mkdir()
    subprocess.run([str(environment / "bin/python"), "-m", "pip", "install", "--quiet",
                    str(wheel)], env=env, check=True, timeout=600)
    return Installed(wheel, environment, env, workdir)


def test_sitegen_comes_from_the_fresh_venv(installed: Installed) -> None:
    where = installed.run("python", "-c", "import sitegen; print(sitegen.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(installed.venv)
    assert not Path(where.stdout.strip()).is_relative_to(REPO)


def test_wheel_contents(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for expected in ("sitegen/theme/templates/base.html",
                     "sitegen/theme/templates/partials/teaser.html",
                     "sitegen/theme/templates/locales/fr/LC_MESSAGES/messages.po",
                     "sitegen/theme/static/css/site.css", "sitegen/serve/client.js",
                     "sitegen/scaffold/__init__.py"):
        assert expected in names, expected


def test_init_then_build_in_the_fresh_venv(installed: Installed) -> None:
    init = subprocess.run(["sitegen", "init", "site", "--languages", "fr,en"],
                          cwd=installed.workdir, env=installed.env, capture_output=True,
                          text=True, timeout=600)
    assert init.returncode == 0, (
        "`sitegen init` failed — is sitegen.scaffold wired into cli.py?\n" + init.stderr)
    site = installed.workdir / "site"
    installed.run("sitegen", "build", cwd=site)
    public = site / "public"
    assert html(public / "index.html").find("html")["lang"] == "fr"
    english = html(public / "en/index.html")
    assert english.find("html")["lang"] == "en"
    link = english.select_one(".teaser__title a")
    assert link is not None and link.get_text() == "Welcome to your new site"
    article = html(public / str(link["href"]).lstrip("/") / "index.html")
    assert article.find("body")["class"] == ["page-article"]
    assert article.find("h1").get_text(strip=True) == "Welcome to your new site"
    stylesheet = article.find("link", rel="stylesheet")["href"]
    packaged = Path(installed.run(
        "python", "-c", "import sitegen.theme as t; print(t.THEME)").stdout.strip())
    copied = public / str(stylesheet).lstrip("/")
    assert not (packaged / "static/css/site.css").is_symlink()
    assert copied.read_bytes() == (packaged / "static/css/site.css").read_bytes()
