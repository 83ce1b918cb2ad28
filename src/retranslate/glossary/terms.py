"""What the term-base formats (TBX, CSV, TSV) share: languages, term status, ids, the import report.

A term base says which English term is right for a concept and, at best, which ones are
deprecated. retranslate's entry says which wrong English to look for. A concept maps onto an entry
as: preferred English term → `target`; deprecated, superseded or forbidden English terms → `wrong`;
admitted ones → `accept`; the Russian terms → `source`. A concept with no wrong form still makes an
entry: with the Russian source at hand, `term-omitted` reports a sentence whose Russian has the term
but whose English has none of its renderings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Language names some tools write instead of codes, by the code they stand for.
_LANGUAGE_NAMES = {"russian": "ru", "english": "en", "русский": "ru", "английский": "en"}
_WRONG_STATUS = ("deprecated", "superseded", "forbidden", "notrecommended", "obsolete")
_ID_JUNK = re.compile(r"[^a-z0-9._-]+")


def language_of(code: str) -> str:
    """The primary language subtag, lower case: "en-US" → "en", "RU_ru" → "ru", "English" → "en".
    """
    cleaned = code.strip().lower()
    cleaned = _LANGUAGE_NAMES.get(cleaned, cleaned)
    return re.split(r"[-_]", cleaned, maxsplit=1)[0]


def status_kind(status: str) -> str:
    """"wrong", "accept" or "right" for a TBX administrativeStatus or normativeAuthorization."""
    value = status.strip().lower().replace(" ", "").replace("-", "")
    if any(word in value for word in _WRONG_STATUS):
        return "wrong"
    if "admitted" in value:
        return "accept"
    return "right"


def entry_id(raw: str, target: str, taken: set[str]) -> str:
    """A valid, unused entry id from the concept's own id, or else from its target term."""
    base = _ID_JUNK.sub("-", (raw or target).strip().lower()).strip("-._")
    if not base or not base[0].isalnum():
        base = f"term-{base}".rstrip("-") if base else "term"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


@dataclass
class ImportReport:
    """What an import could not carry into the TOML format, by kind, with where it was seen."""

    unmapped: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, where: str) -> None:
        self.unmapped.setdefault(kind, []).append(where)

    def lines(self) -> list[str]:
        out = []
        for kind, places in sorted(self.unmapped.items()):
            shown = ", ".join(places[:3]) + (f" and {len(places) - 3} more"
                                             if len(places) > 3 else "")
            out.append(f"not imported: {kind} ({len(places)}×: {shown})")
        return out


def unique_terms(terms: list[str]) -> tuple[str, ...]:
    """Terms in their first order, each once (case-insensitively), stripped."""
    seen: set[str] = set()
    out = []
    for term in terms:
        key = " ".join(term.casefold().split())
        if key and key not in seen:
            seen.add(key)
            out.append(" ".join(term.split()))
    return tuple(out)


def without(terms: tuple[str, ...], *others: str) -> tuple[str, ...]:
    taken = {" ".join(o.casefold().split()) for o in others}
    return tuple(t for t in terms if " ".join(t.casefold().split()) not in taken)
