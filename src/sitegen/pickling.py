"""Compact pickling for the frozen dataclasses that cross process and cache boundaries."""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar

Class = TypeVar("Class", bound=type)


def pickled_by_fields(cls: Class) -> Class:
    """Pickle instances of a dataclass as a call of the class with its field values.

    A slotted dataclass otherwise pickles through dataclasses' __getstate__/__setstate__,
    which look the fields up again for every instance: parse results, routes and page
    records cross between processes by the ten thousand, and this halves the cost. The
    class must take every field in __init__ and do nothing else there.
    """
    fields = dataclasses.fields(cls)
    if any(not field.init for field in fields) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} cannot be rebuilt from its fields alone")
    values: Callable[[Any], Any] = operator.attrgetter(*(field.name for field in fields))
    if len(fields) == 1:
        single = values
        values = lambda instance: (single(instance),)  # noqa: E731 - attrgetter of one name

    def reduce(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = reduce  # type: ignore[assignment]
    return cls
