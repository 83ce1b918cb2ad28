"""One person, place or organisation spelled several ways, within a file and across a batch.

Names are capitalised words in prose (a sentence's first word counts only if it is capitalised
somewhere else too, or is no English word at all: "Lukashenka promised" opens a paragraph).
Two spellings are one name when their transliteration keys meet (`russian.name_key`:
Tokayev/Tokaev, Yekaterina/Ekaterina) or are close by rapidfuzz with the same first letter and
the same ending, so that Sokolova/Sakolova meet while Ivanov/Ivanova, or Alexander/Alexandra,
stay apart: in Russian names the ending is the person. A Belarusian and a Russian spelling of
one name meet too (Lukashenka/Lukashenko, Yarmoshyna/Yermoshina). With a source, a spelling
that follows one Russian name never joins one that follows another. A body named by a phrase
("the special investigation service") written with a second ending ("investigative") is one
more inconsistency.

The suggestion is the spelling the glossary prefers (an entry whose target is a name), else the
most frequent one; only a glossary preference is applied by `fix`. A glossary's listed wrong
forms are left to the glossary check, so no span is reported twice.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace

from retranslate.checks import Check, CheckContext
from retranslate.glossary.model import Glossary
from retranslate.language.text_index import prose_test
from retranslate.models import Finding, Severity, Span
from retranslate.patterns import has_case_blind_lookalike

_NAME = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*(?:['’]s)?(?![\w-])")
_SIMILAR = 85.0
_SOURCE_SIMILAR = 78.0
_CAPITALISED_RU = re.compile(r"(?<![А-Яа-яЁё-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*")
# Capitalised words that are never names, even inside a sentence (titles, months, days).
_NOT_NAMES = frozenset("""I January February March April May June July August September October
    November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr
    Internet""".split())  # noqa: SIM905 - a word list reads better as words


@dataclass
class NameCounts:
    """Each name word in a file's prose, once: how often it occurs, and where it first does.

    Positions are not kept: `name_spans` finds them again for the few words reported, so this
    grows with a file's distinct names, not with every capitalised word of a 50 MB file.
    """

    # In the order the words first occur (ties in `preferred` go to the first seen).
    counts: Counter[str]
    first: dict[str, int]


def name_counts(ctx: CheckContext) -> NameCounts:
    """Every name word in prose, possessive "'s" left out, counted.

    A word seen only where a sentence opens is a name only if it is no English word; a word
    seen inside a sentence once counts everywhere, so a word counts in all its places or none.
    """
    text = ctx.document.text
    segments = ctx.target_segments
    in_prose = ctx.shared(prose_test)
    # word → [count, first start, seen inside a sentence]
    seen: dict[str, list[int]] = {}
    for match in _NAME.finditer(text):
        word, start = match.group(), match.start()
        if word.endswith(_POSSESSIVE):
            word = word[:-2]
        if word in _NOT_NAMES or not in_prose(start, start + len(word)):
            continue
        state = seen.get(word)
        if state is None:
            state = seen[word] = [0, start, 0]
        state[0] += 1
        if not state[2] and not (segments.starts_at(start)
                                 or _after_opening(text, start, segments.starts_at)):
            state[2] = 1
    from retranslate.language import english

    known = english.available()
    kept = [(word, state) for word, state in seen.items()
            if state[2] or (known and not english.count(word))]
    return NameCounts(Counter({word: state[0] for word, state in kept}),
                      {word: state[1] for word, state in kept})


def name_spans(ctx: CheckContext, words: Collection[str]) -> dict[str, list[Span]]:
    """Where each of `words` (words `name_counts` counted) occurs, in text order.

    The second pass over the text: a counted word counts in every place it is in prose.
    """
    found: dict[str, list[Span]] = {word: [] for word in words}
    if not found:
        return found
    in_prose = ctx.shared(prose_test)
    for match in _NAME.finditer(ctx.document.text):
        word, start = match.group(), match.start()
        if word.endswith(_POSSESSIVE):
            word = word[:-2]
        spans = found.get(word)
        if spans is not None and in_prose(start, start + len(word)):
            spans.append(Span(start, start + len(word)))
    return found


_POSSESSIVE = ("'s", "’s")


def _after_opening(text: str, offset: int, starts_at: Callable[[int], bool]) -> bool:
    """True after a sentence's opening quotes or dashes: '"Tokayev, ...' opens a sentence."""
    i = offset
    while i > 0 and text[i - 1] in "\"'“‘«—–- ":
        i -= 1
        if starts_at(i):
            return True
    return False


def same_name(a: str, b: str) -> bool:
    from retranslate.language.russian import name_key

    if a.count("-") != b.count("-"):
        return False  # Nursultan (a man) and Nur-Sultan (a city) share a key but not a hyphen
    ka, kb = name_key(a), name_key(b)
    if ka == kb or _belarusian_and_russian(ka, kb):
        return True
    if not (min(len(ka), len(kb)) >= 5 and ka[0] == kb[0] and ka[-2:] == kb[-2:]):
        return False
    from rapidfuzz import fuzz  # only now: a hook's short file rarely gets this far

    return fuzz.ratio(ka, kb) >= _SIMILAR


def _belarusian_and_russian(ka: str, kb: str) -> bool:
    """Keys of one name spelled from Belarusian and from Russian: Lukashenka/Lukashenko (the
    Belarusian -ka for -ko), Yarmoshyna/Yermoshina (Я for Е). One letter differs, no more."""
    if len(ka) != len(kb) or len(ka) < 7:
        return False
    differ = [i for i, (x, y) in enumerate(zip(ka, kb, strict=True)) if x != y]
    if len(differ) != 1:
        return False
    i = differ[0]
    if i == len(ka) - 1:
        return {ka[i], kb[i]} == {"a", "o"} and ka[i - 1] == "k"
    return i == 0 and {ka[i], kb[i]} == {"a", "e"}


class _Groups:
    """Union-find over spellings."""

    def __init__(self, spellings: Iterable[str]) -> None:
        self.parent = {s: s for s in spellings}

    def find(self, s: str) -> str:
        while self.parent[s] != s:
            self.parent[s] = self.parent[self.parent[s]]
            s = self.parent[s]
        return s

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for s in self.parent:
            out.setdefault(self.find(s), []).append(s)
        return [sorted(g) for g in out.values() if len(g) > 1]


def group_spellings(counts: Counter[str], glossary: Glossary,
                    source_names: dict[str, str] | None = None) -> list[list[str]]:
    """Spellings of one name, grouped. `source_names` maps a spelling to its Russian name."""
    from retranslate.language.russian import name_key

    spellings = sorted(counts)
    groups = _Groups(spellings)
    # Every join below needs the keys' last two letters to agree, but for a final a/o
    # (equal keys, equal endings, or Lukashenka/Lukashenko), so only spellings that share them
    # are compared: the same pairs as all against all, without most of the quadratic cost.
    by_ending: dict[tuple[str, str], list[str]] = {}
    for spelling in spellings:
        key = name_key(spelling)
        by_ending.setdefault((key[-2:-1], _A_FOR_O.get(key[-1:], key[-1:])), []).append(spelling)
    for bucket in by_ending.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if joined(a, b, source_names):
                    groups.union(a, b)
    for target, wrong in _name_pairs(glossary):
        if target in counts and wrong in counts:
            groups.union(target, wrong)
    return groups.groups()


_A_FOR_O = {"o": "a"}


def joined(a: str, b: str, source_names: dict[str, str] | None) -> bool:
    """Whether two spellings are one name: the same Russian name behind both with endings that
    agree (not Ivanov/Ivanova), or, without that, alike by `same_name` and not English words."""
    from retranslate.language.russian import name_key

    if source_names and a in source_names and b in source_names:
        return source_names[a] == source_names[b] and name_key(a)[-2:] == name_key(b)[-2:]
    return same_name(a, b) and not _common_word(a) and not _common_word(b)


def _common_word(word: str) -> bool:
    """A capitalised English word ("License" beside "Licensee" in a contract): near-identical
    English words are different words, not one name spelled two ways."""
    from retranslate.language import english

    return english.available() and english.count(word) > 0


def _name_pairs(glossary: Glossary) -> tuple[tuple[str, str], ...]:
    """(preferred, other) spellings from entries whose target and wrong forms are names.

    Asked several times per file, so worked out once per glossary (the last one asked about).
    """
    if _pairs_of and _pairs_of[0][0] is glossary:
        return _pairs_of[0][1]
    pairs = tuple((entry.target, wrong) for entry in glossary.entries if _is_name(entry.target)
                  for wrong in entry.wrong if _is_name(wrong))
    _pairs_of[:] = [(glossary, pairs)]
    return pairs


_pairs_of: list[tuple[Glossary, tuple[tuple[str, str], ...]]] = []


def _is_name(phrase: str) -> bool:
    words = phrase.split()
    return len(words) == 1 and _NAME.fullmatch(words[0]) is not None


def preferred(group: list[str], counts: Counter[str], glossary: Glossary) -> tuple[str, bool]:
    """The spelling to suggest and whether the glossary chose it.

    Without the glossary, the most frequent; on a tie, the first seen (`counts` keeps the order
    in which spellings were first counted).
    """
    targets = {t for t, _ in _name_pairs(glossary)}
    chosen = [s for s in group if s in targets]
    if len(chosen) == 1:
        return chosen[0], True
    order = {s: i for i, s in enumerate(counts)}
    return max(group, key=lambda s: (counts[s], -order[s])), False


def _glossary_wrong(glossary: Glossary) -> set[str]:
    return {wrong for _, wrong in _name_pairs(glossary)}


def _source_names(ctx: CheckContext, spellings: Iterable[str]) -> dict[str, str]:
    """Each English spelling's Russian name (its transliteration key), where the source has it."""
    if ctx.source is None:
        return {}
    from rapidfuzz import fuzz

    from retranslate.language.russian import name_key, nominative

    keys = {name_key(nominative(w)) for w in _CAPITALISED_RU.findall(ctx.source.text)}
    found = {}
    for spelling in spellings:
        key = name_key(spelling)
        best = max(keys, key=lambda k: fuzz.ratio(key, k), default=None)
        if best is not None and fuzz.ratio(key, best) >= _SOURCE_SIMILAR:
            found[spelling] = best
    return found


def run(ctx: CheckContext) -> Iterator[Finding]:
    names = ctx.shared(name_counts)  # the batch hook reads the same counts
    counts = names.counts
    groups = group_spellings(counts, ctx.glossary, _source_names(ctx, counts))
    left_to_glossary = _glossary_wrong(ctx.glossary)
    chosen = [(group, *preferred(group, counts, ctx.glossary)) for group in groups]
    spans = name_spans(ctx, [word for group, best, _ in chosen for word in group
                             if word != best and word not in left_to_glossary])
    for group, best, by_glossary in chosen:
        # The group's other spellings in text order (no two words share a start).
        places = sorted((span.start, word, span) for word in group if word in spans
                        for span in spans[word])
        for _, word, span in places:
            finding = Finding(
                rule="names/inconsistent", span=span,
                severity=Severity.ERROR if by_glossary else Severity.WARNING,
                message=(f"“{word}”: the glossary spells this name “{best}”" if by_glossary
                         else f"“{word}” is also spelled “{best}” in this file "
                              f"({counts[best]}× against {counts[word]}×)"),
                text=word, suggestion=best, autofix=by_glossary)
            found = ctx.source_for(span.start) if ctx.source is not None else None
            yield replace(finding, evidence=found[0]) if found and found[1].reliable else finding
    yield from _organisations(ctx)


# An organisation named by a descriptive phrase: "the special investigation service". MT renders
# one Russian adjective two ways in one text ("investigation"/"investigative"), which reads as
# two bodies. Only the middle word may differ, and only in its ending.
_BODIES = ("service", "committee", "commission", "department", "ministry", "agency", "office",
           "council", "bureau", "directorate", "administration", "inspectorate", "centre",
           "center", "court", "movement", "front", "union")
_ORGANISATION = re.compile(
    rf"(?<![\w-])([A-Za-z]+)\s+([A-Za-z]{{9,}})\s+({'|'.join(_BODIES)})(?![\w-])", re.IGNORECASE)
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _organisation_matches(text: str) -> Iterator[re.Match[str]]:
    """_ORGANISATION.finditer(text), tried only where a body word ("service") occurs.

    Before a body word the phrase is fixed (whitespace, a whole word of nine letters or more,
    whitespace, a whole word), so each occurrence has one place a match could start; tried in
    order and never inside the last match, these are the matches finditer finds.
    """
    # İ, the one character whose lower case is longer, is among these: without them, lower
    # case keeps every offset.
    if has_case_blind_lookalike(text):
        yield from _ORGANISATION.finditer(text)
        return
    last_end = 0
    for at in _body_words(text):
        start = _phrase_start(text, at)
        if start is None or start < last_end:
            continue
        match = _ORGANISATION.match(text, start)
        if match is not None:
            last_end = match.end()
            yield match


_CHUNK = 1 << 16


def _body_words(text: str) -> list[int]:
    """Where a body word starts in `text`, in any case, sorted.

    Lowered a piece at a time: `str.lower` of a whole non-ASCII text briefly takes 14 bytes a
    character (a 5 MB file, 70 MB). Pieces overlap by a body word less one letter, and a
    piece keeps only the words starting in it, so each is found once.
    """
    overlap = max(map(len, _BODIES)) - 1
    hits = []
    for piece_start in range(0, len(text), _CHUNK):
        low = text[piece_start: piece_start + _CHUNK + overlap].lower()
        for body in _BODIES:
            at = low.find(body)
            while 0 <= at < _CHUNK:
                hits.append(piece_start + at)
                at = low.find(body, at + 1)
    return sorted(hits)


def _phrase_start(text: str, at: int) -> int | None:
    """Where "<word> <long word> " ending at `at` starts, or None where text[:at] cannot end so."""
    for least in (9, 1):
        space = at
        while at > 0 and text[at - 1].isspace():
            at -= 1
        if at == space:
            return None
        letters = at
        while at > 0 and text[at - 1] in _ASCII_LETTERS:
            at -= 1
        if letters - at < least:
            return None
    return at


def _organisations(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.document.text
    seen: dict[tuple[str, str], list[re.Match[str]]] = {}
    for match in _organisation_matches(text):
        if ctx.document.in_prose(Span(match.start(), match.end())):
            seen.setdefault((match[1].lower(), match[3].lower()), []).append(match)
    for matches in seen.values():
        middles = Counter(m[2].lower() for m in matches)
        if len(middles) != 2:
            continue
        (first, n_first), (second, n_second) = middles.most_common()
        stem = len(_common_prefix(first, second))
        if stem < 7 or first.rstrip("s") == second.rstrip("s"):
            continue
        # The less frequent rendering, or on a tie the later one, is the odd one out.
        odd = second if n_second < n_first else matches[-1][2].lower()
        best = first if odd == second else second
        for m in matches:
            if m[2].lower() == odd:
                yield Finding(
                    rule="names/inconsistent", span=Span(m.start(), m.end()),
                    severity=Severity.WARNING, text=m.group(),
                    message=f"“{m.group()}” names the same body as “{m[1]} {best} {m[3]}” "
                            "elsewhere in this file", suggestion=None, autofix=False)


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


# names/batch remembers where a spelling occurs in its first this-many files only; past that the
# files using it are counted, not kept. Memory so grows with the batch's distinct names (each at
# most this many places), not with its number of files. Below the bound every file is reported.
MAX_FILES_PER_SPELLING = 32

# What a file tells the batch: its path, and each name's count and first span.
NameSummary = tuple[str, dict[str, tuple[int, int, int]]]


class NameBatch:
    """Across a batch: spellings that differ between files.

    Keeps each spelling's total count, its first MAX_FILES_PER_SPELLING places (file number and
    first span), and for the files those places are in, the set of names they use.
    """

    def __init__(self) -> None:
        self.total: Counter[str] = Counter()
        self.places: dict[str, list[tuple[int, int, int]]] = {}
        self.kept: dict[int, tuple[str, frozenset[str]]] = {}
        self.files = 0
        self.glossary = Glossary()

    def summarize(self, path: str, ctx: CheckContext) -> NameSummary:
        names = ctx.shared(name_counts)
        seen = {word: (count, names.first[word], names.first[word] + len(word))
                for word, count in names.counts.items()}
        return path, seen

    def add(self, summary: NameSummary, glossary: Glossary) -> None:
        path, seen = summary
        index, keep = self.files, False
        self.files += 1
        names = frozenset(sys.intern(word) for word in seen)
        for word, (count, start, end) in seen.items():
            word = sys.intern(word)
            self.total[word] += count
            places = self.places.setdefault(word, [])
            if len(places) < MAX_FILES_PER_SPELLING:
                places.append((index, start, end))
                keep = True
        if keep:
            self.kept[index] = (path, names)
        self.glossary = glossary

    def observe(self, path: str, ctx: CheckContext) -> None:
        self.add(self.summarize(path, ctx), ctx.glossary)

    def finish(self) -> list[tuple[str, Finding]]:
        out: list[tuple[str, Finding]] = []
        for group in group_spellings(self.total, self.glossary):
            best, by_glossary = preferred(group, self.total, self.glossary)
            places = sorted((index, word, start, end) for word in group if word != best
                            for index, start, end in self.places.get(word, ()))
            for index, word, start, end in places:
                path, names = self.kept[index]
                # A file that mixes spellings was reported by `run` already.
                if sum(w in names for w in group) != 1:
                    continue
                out.append((path, Finding(
                    rule="names/batch", span=Span(start, end), severity=Severity.WARNING,
                    message=f"“{word}” here; other files in this run spell it “{best}” "
                            f"({self.total[best]}×)"
                            + (", as the glossary does" if by_glossary else ""),
                    text=word, suggestion=best, autofix=False)))
        return out


CHECK = Check(
    name="names",
    rules=("names/inconsistent", "names/batch"),
    run=run,
    description="One name spelled several ways in a file or across a batch",
)
BATCH = NameBatch
