"""Per-language typography (quotes, apostrophes, spacing, digit groups) for Markdown text.

Rules come from data tables, `typography_rules/<lang>.yaml`; a language without one is
left exactly as Markdown renders it. Only text nodes are touched: never attributes,
code, raw HTML (stashed as placeholders) or bare links.

Quotes pair SmartyPants-style, from the character before each straight quote: start
of a block, whitespace, an opening bracket, dash or quote mean "opening", anything
else "closing". That character is carried across the text nodes of one block, so
`"*déjà*"` pairs correctly around the `<em>`.

Digit groups: "le 14 500 manifestants" ("on the 14th, 500 protesters") cannot be told
from the number 14 500 and is grouped. "en 2023 500 personnes" is left alone, as a
first group has at most three digits.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

_TABLE_KEYS = frozenset(
    {"quotes", "single_quotes", "apostrophe", "space_before", "thousands_separator"}
)
# Stash placeholders; automail text is made of "\x02amp\x03#97;" entity tokens.
_PLACEHOLDER = re.compile(
    "\x02amp\x03(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z0-9]+);|\x02[^\x02\x03]*\x03"
)
_ESCAPE = re.compile("\x02([0-9]+)\x03")
_QUOTE = re.compile("[\"']")
# A first group of one to three digits, then groups of exactly three.
_DIGIT_GROUPS = re.compile(r"(?<![\w.,])[0-9]{1,3}(?:[^\S\n][0-9]{3})+(?![0-9])")
_DECADE = re.compile(r"[0-9]{2}(?![0-9])")
_OPENERS = "([{-\u2013\u2014"
_CLOSERS = ")]}\u2026%"
_LANG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")
OPAQUE = "\ufffc"  # context left by an image: a word-like thing, not a space


@dataclass(frozen=True, slots=True)
class TypographyRules:
    """A language's typographic conventions, read from `typography_rules/<lang>.yaml`."""

    lang: str
    primary_quotes: tuple[str, str]
    """Opening and closing marks that straight double quotes become."""
    secondary_quotes: tuple[str, str]
    """Marks for quotes within quotes; straight '…' become these when `single_quotes_pair`."""
    quote_space: str
    """Space kept just inside the primary quotes, "" for none."""
    single_quotes_pair: bool
    """Whether '…' pairs as quotes (only where the closing mark is the apostrophe)."""
    apostrophe: str
    spaced_marks: str
    """Punctuation marks that get `mark_space` before them, "" for none."""
    mark_space: str
    thousands_separator: str
    """Separator put between groups of three digits, "" to leave numbers alone."""


def load_rules(lang: str) -> TypographyRules | None:
    """The table for `lang` ("fr-CA" falls back to "fr"), or None when there is none."""
    tables = resources.files("sitegen") / "typography_rules"
    for candidate in _candidates(lang):
        table = tables / f"{candidate}.yaml"
        if table.is_file():
            return parse_rules(candidate, table.read_text(encoding="utf-8"))
    return None


def parse_rules(lang: str, text: str) -> TypographyRules:
    """Rules from the YAML text of a table; ValueError names the table and the key."""
    data = yaml.safe_load(text)
    where = f"typography_rules/{lang}.yaml"
    if not isinstance(data, dict) or not set(data) <= _TABLE_KEYS:
        raise ValueError(f"{where}: expected a mapping with keys {', '.join(sorted(_TABLE_KEYS))}")
    quotes, space_before = _section(data, "quotes", where), _section(data, "space_before", where)
    if data.get("single_quotes", "apostrophe") not in ("apostrophe", "pair"):
        raise ValueError(f"{where}: 'single_quotes' must be 'apostrophe' or 'pair'")
    return TypographyRules(
        lang=lang,
        primary_quotes=_pair(quotes, "primary", where),
        secondary_quotes=_pair(quotes, "secondary", where),
        quote_space=_string(quotes, "inner_space", where),
        single_quotes_pair=data.get("single_quotes") == "pair",
        apostrophe=_string(data, "apostrophe", where) or "\u2019",
        spaced_marks=_string(space_before, "marks", where),
        mark_space=_string(space_before, "space", where) or "\u202f",
        thousands_separator=_string(data, "thousands_separator", where),
    )


def apply_typography(text: str, rules: TypographyRules, *, before: str = "") -> str:
    """One text node typeset; `before` is the character preceding it ("" at a block start).

    Stash placeholders (`\\x02…\\x03`) pass through unchanged; to the rules around them,
    stashed HTML is invisible and an escaped character counts as itself.
    """
    if "\x02" not in text:  # the common case: no placeholder at all
        return _typeset(text, rules, before)
    pieces: list[str] = []
    start = 0
    for match in _PLACEHOLDER.finditer(text):
        pieces.append(_typeset(text[start : match.start()], rules, before))
        pieces.append(match.group())
        before = last_char(pieces[-2] + pieces[-1], before)
        start = match.end()
    pieces.append(_typeset(text[start:], rules, before))
    return "".join(pieces)


def last_char(text: str, before: str = "") -> str:
    """The last character a reader sees in `text`; stashed HTML is transparent."""
    if "\x02" not in text:
        return text[-1] if text else before
    end = len(text)
    for match in reversed(list(_PLACEHOLDER.finditer(text))):
        if match.end() < end:
            return text[end - 1]
        escaped = _ESCAPE.fullmatch(match.group())
        if escaped:
            return chr(int(escaped.group(1)))
        if match.group().startswith("\x02amp\x03"):
            return OPAQUE
        end = match.start()
    return text[end - 1] if end else before


def _typeset(text: str, rules: TypographyRules, before: str) -> str:
    """A stretch of plain text (no placeholders) typeset, in an order that makes it idempotent."""
    if not text:
        return text
    lead = before[-1:]
    # Each rule first checks, cheaply, that its characters occur at all: most text nodes
    # need no rule, and typesetting runs on every text node of every article.
    if '"' in text or "'" in text:
        text = _substitute(_QUOTE, lambda m: _educate_quote(m, rules), text, lead)
    opening, closing = rules.primary_quotes
    if rules.quote_space and (opening in text or closing in text):
        text = _substitute(_quote_space_pattern(rules), lambda m: _pad_quote(m, rules), text, lead)
    if rules.spaced_marks and _contains_any(text, rules.spaced_marks):
        text = space_marks(text, rules, lead)
    if rules.thousands_separator and _contains_ascii_digit(text):
        separate = rules.thousands_separator
        text = _substitute(_DIGIT_GROUPS, lambda m: separate.join(m.group().split()), text, lead)
    return text


def _contains_any(text: str, characters: str) -> bool:
    """True when one of characters occurs in text.

    One substring search per character, each a fast scan in C: several times faster than a
    character-class regular expression, which Python's engine steps through character by
    character.
    """
    for character in characters:  # noqa: SIM110 - any() on a generator costs more
        if character in text:
            return True
    return False


def _contains_ascii_digit(text: str) -> bool:
    """True when text holds one of 0-9 (what _DIGIT_GROUPS needs); see _contains_any."""
    return ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text
            or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text)


def _substitute(
    pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], text: str, lead: str
) -> str:
    """`pattern.sub` on `text`, with lookbehinds able to see the `lead` character before it."""
    source = lead + text
    pieces: list[str] = []
    position = len(lead)
    for match in pattern.finditer(source, len(lead)):
        pieces += [source[position : match.start()], replace(match)]
        position = match.end()
    pieces.append(source[position:])
    return "".join(pieces)


def _educate_quote(match: re.Match[str], rules: TypographyRules) -> str:
    previous = match.string[match.start() - 1] if match.start() else ""
    if match.group() == '"':
        return rules.primary_quotes[0 if _opens(previous, rules) else 1]
    if previous.isalnum() or not rules.single_quotes_pair:
        return rules.apostrophe  # l'armée, don't, 1990's, and the closing mark after a word
    if _DECADE.match(match.string, match.end()):
        return rules.apostrophe  # '90s
    return rules.secondary_quotes[0 if _opens(previous, rules) else 1]


def _opens(previous: str, rules: TypographyRules) -> bool:
    openers = _OPENERS + rules.primary_quotes[0] + rules.secondary_quotes[0]
    return not previous or previous.isspace() or previous in openers


@functools.lru_cache(maxsize=16)
def _quote_space_pattern(rules: TypographyRules) -> re.Pattern[str]:
    opening, closing = (re.escape(mark) for mark in rules.primary_quotes)
    # One alternation, so that « » gains exactly one space on each side, once.
    return re.compile(rf"(?P<open>{opening})\s*|\s*(?P<close>{closing})")


def _pad_quote(match: re.Match[str], rules: TypographyRules) -> str:
    return (match["open"] or "") + rules.quote_space + (match["close"] or "")


def space_marks(text: str, rules: TypographyRules, lead: str = "") -> str:
    """The space before each of the rules' spaced marks made `mark_space`.

    Spaces typed before a mark are replaced (after a non-space, and not across a line
    break); after a word or a closing mark, a missing space is inserted when the mark ends
    the word (it is followed by a space, a closing mark, another mark or the end). A mark
    followed by anything else (12:30, http://, ?q=1) and "::" are left as typed. `lead` is
    the character before text, as the rules see it.

    Done mark by mark rather than by one regular expression over the whole text: most
    text has few marks, and this runs on every text node of every article.
    """
    marks, space = rules.spaced_marks, rules.mark_space
    if not marks:
        return text
    source = lead + text
    closers = _CLOSERS + rules.primary_quotes[1] + rules.secondary_quotes[1]
    pieces: list[str] = []
    copied = len(lead)
    for match in _finder(marks).finditer(source, len(lead)):
        mark = match.start()
        if source.startswith("::", mark):
            continue
        start = mark
        while start > 0 and source[start - 1] != "\n" and source[start - 1].isspace():
            start -= 1
        if start < mark:  # spaces typed before the mark
            if start == 0 or source[start - 1].isspace():
                continue
        else:
            before = source[mark - 1] if mark else ""
            after = source[mark + 1: mark + 2]
            if not (before and (before.isalnum() or before == "_" or before in closers)):
                continue
            if after and not (after.isspace() or after in closers or after in marks):
                continue
        pieces += [source[copied:start], space]
        copied = mark
    if not pieces:
        return text
    pieces.append(source[copied:])
    return "".join(pieces)


@functools.lru_cache(maxsize=16)
def _finder(characters: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(characters)}]")


def _candidates(lang: str) -> Iterable[str]:
    code = lang.strip().lower().replace("_", "-")
    if not _LANG.fullmatch(code):
        return ()
    parts = code.split("-")
    return ["-".join(parts[:n]) for n in range(len(parts), 0, -1)]


def _section(data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise ValueError(f"{where}: '{key}' must be a mapping")
    return value


def _pair(data: Mapping[str, Any], key: str, where: str) -> tuple[str, str]:
    value = data.get(key)
    marks: list[Any] = value if isinstance(value, list) and len(value) == 2 else []
    if not marks or not all(isinstance(mark, str) and mark not in "\"'" for mark in marks):
        raise ValueError(f"{where}: 'quotes.{key}' must be two marks, e.g. [«, »]")
    return marks[0], marks[1]


def _string(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key) or ""
    if not isinstance(value, str):
        raise ValueError(f"{where}: '{key}' must be a string")
    return value
