"""Regular expressions compiled on first use, so importing a check costs nothing until it runs.

Compiling the large Unicode, case-insensitive patterns of the number and untranslated checks
took a third of a pre-commit run on one English file, where most of them are never used.
"""

from __future__ import annotations

import re
from typing import Any, cast


class _Deferred:
    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return getattr(self._compiled, name)


def compile_later(source: str, flags: int = 0) -> re.Pattern[str]:
    """What re.compile(source, flags) gives, compiled when first used."""
    return cast("re.Pattern[str]", _Deferred(source, flags))


# The only characters beyond ASCII that a case-blind pattern matches to ASCII letters, with the
# letter each is taken for: İ, ı, ſ and the Kelvin sign (a test checks all of Unicode).
CASE_BLIND_LOOKALIKES = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def has_case_blind_lookalike(text: str) -> bool:
    """Whether `text` holds one of CASE_BLIND_LOOKALIKES. Without one, an ASCII word matches
    `text` case-blind only where the lower-cased text contains it."""
    return any(c in text for c in CASE_BLIND_LOOKALIKES)
