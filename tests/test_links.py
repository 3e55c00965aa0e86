"""BodyLink.at_line keeps every other field of the link."""

from __future__ import annotations

from dataclasses import fields, replace

from sitegen.links import BodyLink


def test_a_link_moved_to_a_line_keeps_every_other_field() -> None:
    # Every field set away from its default, whatever fields BodyLink grows.
    values = {f.name: (True if f.type in ("bool", bool) else 7 if f.type in ("int", int)
                       else f"{f.name}-value") for f in fields(BodyLink)}
    link = BodyLink(**values)  # type: ignore[arg-type]
    assert link.at_line(42) == replace(link, line=42)
    assert link.at_line(42).line == 42
