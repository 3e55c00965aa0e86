"""Per-user settings of the writer at the keyboard: who they are, when no --author is given."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from sitegen.fields import did_you_mean
from sitegen.scaffold.errors import UsageError

AUTHOR_VARIABLE = "SITEGEN_AUTHOR"


@dataclass(frozen=True, slots=True)
class UserContext:
    """Where per-user settings come from: the environment, the home folder, a prompt."""

    env: Mapping[str, str]
    home: Path
    ask: Callable[[str], str] | None = None
    """Asks a question on the terminal; None when nobody is there to answer."""

    @property
    def config_path(self) -> Path:
        """$XDG_CONFIG_HOME/sitegen/config.yaml, ~/.config/sitegen/config.yaml by default."""
        base = self.env.get("XDG_CONFIG_HOME", "")
        # The XDG specification says a relative path is invalid and must be ignored.
        root = Path(base) if base and Path(base).is_absolute() else self.home / ".config"
        return root / "sitegen" / "config.yaml"


def default_author(user: UserContext, known: Collection[str]) -> str:
    """The writer's author id: $SITEGEN_AUTHOR, the user config file, else asked for."""
    from_env = user.env.get(AUTHOR_VARIABLE, "").strip()
    if from_env:
        return _known(from_env, known, f"${AUTHOR_VARIABLE}")
    from_file = _configured_author(user.config_path)
    if from_file:
        return _known(from_file, known, str(user.config_path))
    if user.ask is None:
        raise UsageError("no author given", _how_to_set(user))
    answer = user.ask(f"Author id ({', '.join(sorted(known)) or 'none defined'}): ").strip()
    if not answer:
        raise UsageError("no author given", _how_to_set(user))
    return _known(answer, known, "your answer")


def _configured_author(path: Path) -> str:
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError(f"cannot read {path}: {exc}", "write it as YAML: 'author: chloe'"
                         ) from None
    if data is None:
        return ""
    if not isinstance(data, dict):
        raise UsageError(f"{path} is not a mapping of keys to values",
                         "write a line 'author: chloe'")
    author = data.get("author")
    if author is None:
        return ""
    if not isinstance(author, str):
        raise UsageError(f"{path} has no 'author' text", "write a line 'author: chloe'")
    return author.strip()


def _known(author: str, known: Collection[str], origin: str) -> str:
    if author not in known:
        raise UsageError(f"unknown author {author!r} (from {origin})",
                         f"{did_you_mean(author, known)} — authors live in "
                         "content/authors/<id>.yaml")
    return author


def _how_to_set(user: UserContext) -> str:
    return (f"pass --author ID, set {AUTHOR_VARIABLE}=ID in your shell, or write "
            f"'author: ID' in {user.config_path}")
