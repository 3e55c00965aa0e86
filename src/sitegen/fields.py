"""Typed reading of located YAML values, collecting a Problem for every misfit."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from typing import Any

from sitegen.errors import Problem, Severity
from sitegen.yamlsource import KeyPath, LocatedYaml

_MISSING = object()


def did_you_mean(word: str, choices: Collection[str]) -> str:
    """A hint naming the closest known choice, or listing them all."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    listed = ", ".join(sorted(choices)[:20])
    return f"known: {listed}" if listed else "none are defined"


class FieldReader:
    """Reads typed values out of one YAML document, recording problems instead of raising."""

    def __init__(self, doc: LocatedYaml, path: str, problems: list[Problem]) -> None:
        self.doc = doc
        self.path = path
        self.problems = problems

    def report(
        self, key: KeyPath, message: str, hint: str = "", severity: Severity = "error"
    ) -> None:
        line = self.doc.line_of(*key)
        col = self.doc.col_of(*key)
        self.problems.append(Problem(self.path, line, message, hint, col, severity))

    def raw(self, *key: Any) -> Any:
        value: Any = self.doc.value
        for part in key:
            in_mapping = isinstance(value, Mapping) and part in value
            in_list = isinstance(value, list) and isinstance(part, int) and part < len(value)
            if in_mapping or in_list:
                value = value[part]
            else:
                return _MISSING
        return value

    def has(self, *key: Any) -> bool:
        return self.raw(*key) is not _MISSING

    def text(self, *key: Any, required: bool = False, default: str = "") -> str:
        value = self.raw(*key)
        if value is _MISSING or value is None:
            if required:
                self.report(key[:-1], f"missing required key {_dotted(key)!r}",
                            f"add a line '{key[-1]}: …'")
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.report(key, f"{_dotted(key)!r} must be text, not {_kind(value)}",
                        "write it as a plain or quoted string")
            return default
        if not isinstance(value, str):
            self.report(key, f"{_dotted(key)!r} must be text, not {_kind(value)}",
                        f"quote it: {key[-1]}: \"{value}\"")
            return str(value)
        return value

    def boolean(self, *key: Any, default: bool) -> bool:
        value = self.raw(*key)
        if value is _MISSING or value is None:
            return default
        if not isinstance(value, bool):
            self.report(key, f"{_dotted(key)!r} must be true or false, not {value!r}")
            return default
        return value

    def integer(self, *key: Any, default: int, minimum: int = 0) -> int:
        value = self.raw(*key)
        if value is _MISSING or value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.report(key, f"{_dotted(key)!r} must be a whole number ≥ {minimum}, "
                             f"not {value!r}")
            return default
        return value

    def mapping(self, *key: Any, required: bool = False) -> Mapping[str, Any]:
        value = self.raw(*key)
        if value is _MISSING or value is None:
            if required:
                self.report(key[:-1], f"missing required key {_dotted(key)!r}")
            return {}
        if not isinstance(value, Mapping):
            self.report(key, f"{_dotted(key)!r} must be a mapping of keys to values, "
                             f"not {_kind(value)}")
            return {}
        return value

    def text_list(self, *key: Any, required: bool = False) -> tuple[str, ...]:
        """A list of strings; a lone string is an error, with the list syntax as hint."""
        value = self.raw(*key)
        if value is _MISSING or value is None:
            if required:
                self.report(key[:-1], f"missing required key {_dotted(key)!r}",
                            f"add a line '{key[-1]}: [first, second]'")
            return ()
        if isinstance(value, str):
            self.report(key, f"{_dotted(key)!r} must be a list, not a single string",
                        f"write {key[-1]}: [{value}]")
            return ()
        if not isinstance(value, list):
            self.report(key, f"{_dotted(key)!r} must be a list, not {_kind(value)}")
            return ()
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                items.append(item.strip())
            else:
                self.report(key + (index,), f"item {index + 1} of {_dotted(key)!r} must be "
                                             f"non-empty text, not {item!r}")
        return tuple(items)

    def unknown_keys(self, allowed: Collection[str], *key: Any, severity: Severity) -> None:
        value = self.raw(*key)
        if not isinstance(value, Mapping):
            return
        for name in value:
            if name not in allowed:
                self.report(key + (name,), f"unknown key {name!r}",
                            did_you_mean(str(name), allowed), severity)

    def duplicate_keys(self) -> None:
        for key, line in self.doc.duplicates:
            self.problems.append(Problem(self.path, line, f"key {_dotted(key)!r} is given twice",
                                         "keep only one; the later one would win silently"))


def _dotted(key: KeyPath) -> str:
    return ".".join(str(part) for part in key) or "(document)"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return type(value).__name__
