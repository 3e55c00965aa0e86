"""URL slugs: accents folded, lower case, words joined by hyphens."""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus a mark.
_FOLDS = str.maketrans(
    {"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
MAX_SLUG_LENGTH = 80
# The combining accents of Latin letters (all of Unicode category Mn), and what is a letter
# or a digit once only ASCII is left: the general rule of `_words`, for that common case.
_LATIN_ACCENTS = re.compile("[\u0300-\u036f]+")
_ASCII_WORD = re.compile("[A-Za-z0-9]+")


def slugify(text: str, *, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Turn a headline into a URL slug; Latin accents fold, other scripts stay readable."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLDS))
    unaccented = _LATIN_ACCENTS.sub("", folded)
    if unaccented.isascii():  # the common case, read by one regular expression
        return _truncate(_ASCII_WORD.findall(unaccented), max_length)
    return unicodedata.normalize("NFC", _truncate(_words(folded), max_length))


def _words(folded: str) -> list[str]:
    """Runs of letters and digits, combining marks dropped, in any script."""
    words: list[str] = []
    current: list[str] = []
    for char in folded:
        category = unicodedata.category(char)
        if category.startswith("M"):
            continue  # combining accent left behind by the decomposition
        if category[0] in "LN":
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def _truncate(words: list[str], max_length: int) -> str:
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            return slug or word[:max_length]
        slug = candidate
    return slug


@functools.lru_cache(maxsize=65536)
def tag_slug(tag: str) -> str:
    """URL slug of a tag name; tags that fold to the same slug share one page."""
    return slugify(tag) or "tag"


def unique_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted_1`, `wanted_2`…: the first not yet taken (Python-Markdown's rule)."""
    base, count = wanted, 0
    match = re.fullmatch(r"(.*)_([0-9]+)", wanted)
    if match:
        base, count = match.group(1), int(match.group(2))
    candidate = wanted
    while candidate in taken or not candidate:
        count += 1
        candidate = f"{base}_{count}"
    taken.add(candidate)
    return candidate
