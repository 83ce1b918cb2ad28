"""English words as the debris checks need them: a frequency word list and what prose looks like.

The word list is pyspellchecker's English dictionary (160,000 lower-case words with corpus counts,
650 kB compressed), read straight from its data file on first use, so a check that never needs a
word pays nothing and no spell-checker object is built. Where the package is missing the list is
empty and every check that needs it stays silent rather than guessing.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The list's floor: words it holds only because some list had them, with no corpus count.
RARE = 50

# A line that carries code: backticks, identifiers with underscores, calls, assignments, braces.
# Plain-text technical notes mix these with prose, and a code token is never MT debris.
_CODE = re.compile(r"`|\w_\w|\w\(|\(\)|[{}]|\s=\s?|==|->|=>|::|\$\w|</?\w")


# Words that open sentences and never end an identifier's first part: "citiesThe" and
# "horizontally.The" lost a sentence break, while "checkIf", "saveAs", "dateNow", "runAfter"
# and "threading.Event" are code, so "If", "As", "Now", "After" and nouns are not here.
SENTENCE_OPENERS = frozenset(["The", "This", "That", "These", "Those", "He", "She", "They", "We",
                              "His", "Her", "Their", "Our", "My", "But", "And", "However",
                              "According", "Meanwhile", "Moreover", "Although"])


@lru_cache(maxsize=1)
def frequencies() -> dict[str, int]:
    """Lower-case word → corpus count; empty when pyspellchecker is not installed."""
    import gzip
    import json
    from importlib.resources import files

    try:
        resource = files("spellchecker") / "resources" / "en.json.gz"
        with resource.open("rb") as raw, gzip.open(raw) as data:
            loaded: dict[str, int] = json.load(data)
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return {}
    return loaded


def available() -> bool:
    return bool(frequencies())


def count(word: str) -> int:
    """How common `word` is (0 when the list does not have it), case ignored."""
    return frequencies().get(word.lower(), 0)


def is_word(word: str, floor: int = 0) -> bool:
    """Whether the list has `word` with a count above `floor` (RARE skips list-only words)."""
    return count(word) > floor


def stands_alone(text: str, word: str) -> bool:
    """Whether `word` is written somewhere in `text` as a word of its own."""
    return re.search(rf"(?<![\w'’.-]){re.escape(word)}(?![\w-])", text) is not None


def looks_like_code(line: str) -> bool:
    """Whether a line carries code, where identifiers may be glued or dotted on purpose."""
    return _CODE.search(line) is not None


def line_at(text: str, offset: int) -> str:
    """The line of `text` holding `offset`, without its newline."""
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    ends = [i for i in (text.find("\n", offset), text.find("\r", offset)) if i >= 0]
    return text[start:min(ends) if ends else len(text)]


def is_heading(line: str) -> bool:
    """A headline in title case or all capitals, where capitals mean nothing about names.

    Title case: most words of two or more letters start with a capital (small words may not).
    """
    words = re.findall(r"[^\W\d_]{2,}", line)
    if len(words) < 3:
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals * 3 >= len(words) * 2
