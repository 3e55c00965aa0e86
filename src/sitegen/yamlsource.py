"""YAML parsing that remembers where every key stands, so errors can name a line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

try:  # The C loader is several times faster; fall back when libyaml is missing.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the platform build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

KeyPath = tuple[Any, ...]
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _Loader(_BaseLoader):
    """Safe loader that leaves dates as text: the schema parses them with time zones."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class YamlSyntaxError(Exception):
    """The text is not valid YAML; line and column are 1-based in the whole file."""

    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


@dataclass(frozen=True, slots=True)
class LocatedYaml:
    """A parsed YAML document and the position of every mapping key and list item."""

    value: Any
    """The plain Python value (dicts, lists, strings, numbers, booleans, None)."""
    marks: Mapping[KeyPath, tuple[int, int]]
    """Key path -> (line, column), 1-based and counted in the whole file."""
    first_line: int
    """Line of the file on which the YAML text starts."""
    duplicates: tuple[tuple[KeyPath, int], ...] = ()
    """Keys given twice in one mapping, with the line of the repetition."""

    def line_of(self, *path: Any) -> int:
        """The line of the deepest known key along path (the document start if none)."""
        for end in range(len(path), 0, -1):
            mark = self.marks.get(tuple(path[:end]))
            if mark is not None:
                return mark[0]
        return self.first_line

    def col_of(self, *path: Any) -> int | None:
        mark = self.marks.get(tuple(path))
        return mark[1] if mark else None


def load_located(text: str, *, first_line: int = 1) -> LocatedYaml:
    """Parse YAML text that starts on first_line of its file."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LocatedYaml(None, {}, first_line)
        try:
            return _Reading(loader, first_line).document(node)
        except _Unusual:
            return _located_by_pyyaml(loader, node, first_line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        col = (mark.column + 1) if mark else 1
        raise YamlSyntaxError(_describe(exc, first_line), line, col) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), first_line, 1) from None
    finally:
        loader.dispose()


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "seq", "map"))


class _Unusual(Exception):
    """The document uses what only PyYAML's constructor builds right: aliases, merge keys,
    keys that are collections, tagged collections (!!set, !!omap)."""


class _Reading:
    """A composed document's values and key positions, read in one walk of its nodes.

    Front matter is plain mappings, lists and scalars. For those, the walk makes what
    PyYAML's constructor makes, a third faster, and notes positions on the way: a second
    walk would cost as much again. Scalars other than text (numbers, booleans, null) are
    made by PyYAML's constructor; anything unusual is handed to it whole.
    """

    def __init__(self, loader: _Loader, first_line: int) -> None:
        self._construct = loader.construct_object
        self._first_line = first_line
        self._entered: set[int] = set()
        self.marks: dict[KeyPath, tuple[int, int]] = {}
        self.duplicates: list[tuple[KeyPath, int]] = []

    def document(self, node: yaml.Node) -> LocatedYaml:
        value = self._value(node, ())
        return LocatedYaml(value, self.marks, self._first_line, tuple(self.duplicates))

    def _value(self, node: yaml.Node, path: KeyPath) -> Any:
        kind = type(node)
        if kind is yaml.ScalarNode:
            return node.value if node.tag == _STR else self._construct(node)
        if id(node) in self._entered:
            raise _Unusual  # an alias: PyYAML gives the same object again
        self._entered.add(id(node))
        if kind is yaml.SequenceNode and node.tag == _SEQ:
            items = []
            for index, item in enumerate(node.value):
                self.marks[path + (index,)] = (self._first_line + item.start_mark.line,
                                               item.start_mark.column + 1)
                items.append(self._value(item, path + (index,)))
            return items
        if kind is yaml.MappingNode and node.tag == _MAP:
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not yaml.ScalarNode or key_node.tag not in _PLAIN_KEYS:
                    raise _Unusual
                at = path + (key_node.value,)
                position = (self._first_line + key_node.start_mark.line,
                            key_node.start_mark.column + 1)
                if at in self.marks:
                    self.duplicates.append((at, position[0]))
                self.marks[at] = position
                key = key_node.value if key_node.tag == _STR else self._construct(key_node)
                mapping[key] = self._value(value_node, at)
            return mapping
        raise _Unusual


_PLAIN_KEYS = frozenset({_STR, *(f"tag:yaml.org,2002:{kind}"
                                 for kind in ("int", "float", "bool", "null"))})
"""Key tags the walk reads itself; merge keys (<<) and = are PyYAML's."""


def _located_by_pyyaml(loader: _Loader, node: yaml.Node, first_line: int
                       ) -> LocatedYaml:
    """The document made by PyYAML's constructor, positions found in a second walk."""
    value = loader.construct_document(node)
    marks: dict[KeyPath, tuple[int, int]] = {}
    duplicates: list[tuple[KeyPath, int]] = []
    _collect_marks(node, (), first_line, marks, duplicates, set())
    return LocatedYaml(value, marks, first_line, tuple(duplicates))


def _describe(exc: yaml.MarkedYAMLError, first_line: int) -> str:
    context = exc.context or ""
    if context and exc.context_mark and exc.problem_mark and (
            exc.context_mark.line != exc.problem_mark.line):
        context += f" (begun on line {first_line + exc.context_mark.line})"
    parts = [p for p in (context, exc.problem) if p]
    return ", ".join(parts) if parts else "invalid YAML"


def _collect_marks(
    node: yaml.Node,
    path: KeyPath,
    first_line: int,
    marks: dict[KeyPath, tuple[int, int]],
    duplicates: list[tuple[KeyPath, int]],
    entered: set[int],
) -> None:
    """Positions of the keys and items below node.

    A collection reached again through an alias (`*name`) is not entered again: its
    positions are those of its first appearance, so an error below the alias points at
    where the aliased value is written. An alias that refers to the collection holding
    it, or aliases of aliases nested ten deep, then cost no more than their text.
    """
    if isinstance(node, yaml.CollectionNode):
        if id(node) in entered:
            return
        entered.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            position = (first_line + key_node.start_mark.line, key_node.start_mark.column + 1)
            if path + (key,) in marks:
                duplicates.append((path + (key,), position[0]))
            marks[path + (key,)] = position
            _collect_marks(value_node, path + (key,), first_line, marks, duplicates, entered)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            marks[path + (index,)] = (first_line + item.start_mark.line, item.start_mark.column + 1)
            _collect_marks(item, path + (index,), first_line, marks, duplicates, entered)
