"""The glossary entry model: what a term is, when it applies, and the examples that prove it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Example:
    """A wrong sentence and the sentence the entry must turn it into."""

    wrong: str
    right: str


@dataclass(frozen=True)
class Entry:
    """One glossary term.

    `wrong` holds known wrong English renderings, written in their base (singular) form; with
    `inflect` the matcher also finds plurals and possessives and the repair keeps them.
    `source` holds the Russian words the term translates (lemmas; matched in any inflected form
    once the source is available); those also in `ambiguous` have other senses too (ВВС is the
    BBC and the Air Force), so with them the nearby conditions still decide.
    `accept` lists other correct English renderings.
    Without a source, `near`/`not_near` decide whether the entry applies: at least one `near`
    word (if any are given) and no `not_near` word within `window` characters of the match
    (0 means anywhere in the document). `accept` and `ignore` phrases shadow a wrong form inside
    them: "US Air Force Academy" is not a finding for "Air Force".
    `rephrase` marks a calque no word swap can mend (Russian word order, a reversed subject):
    the finding names `target` as a model rewrite but carries no suggestion to apply.
    """

    id: str
    target: str
    wrong: tuple[str, ...]
    source: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    not_near: tuple[str, ...] = ()
    window: int = 0
    autofix: bool = False
    rephrase: bool = False
    inflect: bool = True
    note: str = ""
    examples: tuple[Example, ...] = ()
    ok: tuple[str, ...] = ()
    category: str = ""
    origin: str = ""
    line: int = 0
    # A house glossary's entry may replace (override) or switch off (disabled) an earlier
    # entry with the same id; both are resolved when the glossaries load.
    override: bool = False
    disabled: bool = False
    # Wrong renderings of `near` words that other entries know ("noise grenades" for "stun
    # grenades"), worked out at load time: they count as near words but are not written out.
    near_renderings: tuple[str, ...] = ()

    @property
    def near_words(self) -> tuple[str, ...]:
        return (*self.near, *self.near_renderings)

    @property
    def conditional(self) -> bool:
        return bool(self.near or self.not_near)

    @property
    def where(self) -> str:
        return f"{self.origin}:{self.line}" if self.origin else self.id


@dataclass(frozen=True)
class Glossary:
    """An ordered set of entries with unique ids, from one or more files."""

    entries: tuple[Entry, ...] = ()
    origins: tuple[str, ...] = field(default=())

    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    def __hash__(self) -> int:
        # Checks key their per-glossary tables on the glossary (functools caches); hashing
        # every entry on every file's lookup cost more than the checks themselves.
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((self.entries, self.origins))
            object.__setattr__(self, "_hash", cached)
        return cached

    def wrong_words(self) -> frozenset[str]:
        """Every word of the entries' wrong forms: spans the glossary check speaks for, which
        other checks leave to it."""
        cached = self.__dict__.get("_wrong_words")
        if cached is None:
            cached = frozenset(w for entry in self.entries for form in entry.wrong
                               for w in form.split())
            object.__setattr__(self, "_wrong_words", cached)
        result: frozenset[str] = cached
        return result

    def __getstate__(self) -> dict[str, object]:
        # A string's hash differs from one process to the next: never pickle the cached one
        # (nor the word set, which is rebuilt on first use).
        return {k: v for k, v in self.__dict__.items() if k not in ("_hash", "_wrong_words")}

    def __len__(self) -> int:
        return len(self.entries)
