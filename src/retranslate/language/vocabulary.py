"""One word tokenisation per document, shared by the word-level checks: its distinct tokens.

A text's distinct whitespace-separated tokens are few beside its length (a long file repeats
them), so a check can ask first whether any token could hold its pattern at all, and read the
whole text only when one does. `Vocabulary.joined` holds each distinct token once, separated by
single spaces: a pattern that never matches whitespace, and whose look-arounds see at most one
character across a token's edge (where the text, like `joined`, has whitespace), matches the
same strings in `joined` as in the text, so searching `joined` is an exact gate.

It also counts the text's capitalised words (`mid_capitals`, `capitalised`), which the capitals
rules and a names-like check ask about, in one pass each.

Use it through `CheckContext.shared(vocabulary)` in a check, or `of_text(text)` where only the
text is at hand (both give the same object for the last text asked about).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from retranslate.language.text_index import whitespace_pieces, whitespace_spans

if TYPE_CHECKING:
    from retranslate.checks import CheckContext

# What `words` strips from a token's ends: sentence punctuation, quotes and brackets.
_PUNCTUATION = ".,;:!?\"“”()«»"
_DIGIT = re.compile(r"\d")
_WORD_RUN = re.compile(r"\w+")
# Each starts with a literal or a class the engine skips to, not a look-behind tried at every
# character: "(?<=[a-z,;] )[A-Z][a-z]+" and "(?<![\w'’-])[A-Z][a-z]+", each not followed by
# [\w'’-] (the space consumed before a word is never the end of another match).
_MID_CAPITAL = re.compile(r" (?<=[a-z,;] )([A-Z][a-z]+)(?![\w'’-])")
_CAPITAL = re.compile(r"[A-Z](?<![\w'’-].)[a-z]+(?![\w'’-])")
# english.stands_alone's edges: not after [\w'’.-], not before [\w-].
_STANDING = re.compile(r"[A-Z](?<![\w'’.-].)[a-z]+(?![\w-])")


# Texts are split this many characters at a time (cut at whitespace): the list of every token
# of a text at once took 10 bytes of memory per character.
_PIECE = 1 << 16


def _distinct_tokens(text: str) -> frozenset[str]:
    """frozenset(text.split()), a piece at a time."""
    if len(text) <= _PIECE:
        return frozenset(text.split())
    tokens: set[str] = set()
    for piece in whitespace_pieces(text, _PIECE):
        tokens.update(piece.split())
    return frozenset(tokens)


class Vocabulary:
    """The distinct tokens of one text, and views of them computed on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: frozenset[str] = _distinct_tokens(text)

    @cached_property
    def joined(self) -> str:
        """Every distinct token once, space-separated (in no particular order)."""
        return " ".join(self.tokens)

    @cached_property
    def lower_joined(self) -> str:
        """`joined` in lower case: where a lower-cased word without whitespace is a substring
        of the lower-cased text, it is one of this."""
        return self.joined.lower()

    @cached_property
    def lower_word_runs(self) -> frozenset[str]:
        """Every maximal run of word characters (\\w) in the lower-cased text. Lower-casing
        changes no character's wordness and makes one character two only for İ, so without
        an İ these are the text's own runs, lower-cased (a test checks all of Unicode)."""
        return frozenset(_WORD_RUN.findall(self.lower_joined))

    @cached_property
    def mixed_case(self) -> str:
        """The distinct tokens with a case change inside ("USAcaused", "citiesThe", "iPhone"),
        space-separated: those neither lower case, upper case nor title case."""
        return " ".join(t for t in self.tokens
                        if not (t.islower() or t.istitle() or t.isupper()))

    @cached_property
    def words(self) -> frozenset[str]:
        """The distinct tokens stripped of sentence punctuation, quotes and brackets."""
        return frozenset({w.strip(_PUNCTUATION) for w in self.tokens})

    @cached_property
    def lower_words(self) -> frozenset[str]:
        """`words` in lower case (the empty word left out)."""
        return frozenset(" ".join(self.words).lower().split())

    @cached_property
    def has_digit(self) -> bool:
        """Whether the text holds any digit (`\\d`: any script's)."""
        return _DIGIT.search(self.joined) is not None

    @cached_property
    def mid_capitals(self) -> Counter[str]:
        """Capitalised words after a lower-case word, a comma or a semicolon and a space."""
        return _counted(_MID_CAPITAL, self.text)

    @cached_property
    def capitalised(self) -> Counter[str]:
        """Every word of a capital and lower-case letters, standing alone."""
        return _counted(_CAPITAL, self.text)

    @cached_property
    def standing_capitalised(self) -> frozenset[str]:
        """The words of a capital and lower-case letters `english.stands_alone` finds."""
        found: set[str] = set()
        for matches in _found_by_piece(_STANDING, self.text):
            found.update(matches)
        return frozenset(found)


def _counted(pattern: re.Pattern[str], text: str) -> Counter[str]:
    """Counter(pattern.findall(text)), a piece at a time."""
    counts: Counter[str] = Counter()
    for matches in _found_by_piece(pattern, text):
        counts.update(matches)
    return counts


def _found_by_piece(pattern: re.Pattern[str], text: str) -> Iterator[list[str]]:
    """pattern.findall(text) a piece at a time, for a pattern whose every match ends before a
    look-ahead that no whitespace fails: a big text's matches, listed at once, took almost its
    own size again."""
    for start, stop in whitespace_spans(text, _PIECE):
        yield pattern.findall(text, start, stop)


@lru_cache(maxsize=1)
def of_text(text: str) -> Vocabulary:
    return Vocabulary(text)


def vocabulary(ctx: CheckContext) -> Vocabulary:
    """The vocabulary of the checked document, for `ctx.shared`."""
    return of_text(ctx.document.text)
