"""Where a project keeps its files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = "site.yaml"


@dataclass(frozen=True, slots=True)
class Project:
    """A site's folder: site.yaml, content/, templates/ and static/."""

    root: Path

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def static(self) -> Path:
        return self.root / "static"

    @property
    def default_output(self) -> Path:
        return self.root / "public"

    @property
    def cache(self) -> Path:
        return self.root / ".sitegen-cache"

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)
