"""Words glued together where the MT pipeline lost a space or a sentence break.

Three shapes, each narrowed until native English and code stop matching:
- an acronym run into a lower-case word ("USAcaused"): the lower-case tail must be a word, and
  the tail with the acronym's last capital must not be one, so "PHPUnit", "IOError", "SQLite"
  and "IPhone" stay whole. Fixed with a space: nothing else can have been lost before lower case.
- a lower-case word run into a capitalised one in a single hump ("summerAleksey", "citiesThe").
  camelCase code ("onClick", "dataFrame") joins two dictionary words, so a pair of dictionary
  words is left alone unless the second one opens sentences ("The", "However"), which code never
  writes; then a full stop was lost too. A second part that is no word is read as a name, and
  split with a space only when the name also stands alone in the text ("setTimeout" and
  "macAddr" have this shape, and nothing else tells them from "summerAleksey"). Brands
  start with one lower-case letter ("iPhone", "eBay") or upper case ("YouTube", "McDonald",
  "PlayStation"), which this shape does not match.
- a lower-case token the word list lacks that splits into two listed words, one of them a
  function word ("voiceda" → "voiced a", "ofthe" → "of the"). Compounds of two content words
  ("timestamp", "codebase") are the list's gaps, not glue, so they never qualify; nor do
  prefixes English builds words with ("a-", "be-", "in-", "on-", "up-", "out-"), nor a listed
  word with a suffix ("formatters"). Fixed only when exactly one split works.
- a domain run into the next word ("www.example.netPhoto" in a credit line): a capitalised
  listed word straight after the top-level domain. Domains are not prose, so this one is read
  in the raw text, off code lines.
A token written twice (also inside a longer one: "URLopener" in "FancyURLopener") is meant.
Lines carrying code and headings are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from retranslate.checks import Check, CheckContext
from retranslate.language import english
from retranslate.language.vocabulary import of_text, vocabulary
from retranslate.models import Document, Finding, Severity, Span

_EDGE_BEFORE = r"(?<![\w'’.@/#$\\-])"
_EDGE_AFTER = r"(?![\w'’@/#$\\(-]|\.\w)"
_ACRONYM = re.compile(rf"{_EDGE_BEFORE}(?P<a>[A-Z]{{2,}})(?P<b>[a-z]{{3,}}){_EDGE_AFTER}")
_HUMP = re.compile(rf"{_EDGE_BEFORE}(?P<a>[a-z]{{2,}})(?P<b>[A-Z][a-z]+){_EDGE_AFTER}")
# Function words a lost space most often sits beside. Productive prefixes are not among the
# first parts: "async", "become", "inbound", "onboarding", "upload" are words, not glue.
# Not "to", "for", "from": "tolist", "foreach" and "fromkeys" are method names.
_FIRST = frozenset(["the", "of", "and"])
# Found from ".net" and its like (a literal the engine scans for), then read back to the start.
_TLD_WORD = re.compile(r"\.(?:com|net|org|ru|info|ua|by|kz|uk|io|de|fr)[A-Z][a-z]{2,}")
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")
# Not where the word goes on as an address or a path itself ("x.comTass.ru/news" is one token).
_DOMAIN_WORD = re.compile(r"(?<![\w.@/-])(?:www\.)?(?:[a-z0-9-]+\.)+(?P<tld>com|net|org|ru|info|ua|"
                          r"by|kz|uk|io|de|fr)(?P<b>[A-Z][a-z]{2,})(?![\w'’-]|[./@]\w)")
# Only articles and "and" end a glued pair: "redis" is a product, not "red is", and "sizeof",
# "typeof", "displayof" are code. "numba" and "cuda" end in "a" after a short word, so a
# word before "a" must have five letters or more ("voiced a").
_SECOND = frozenset(["the", "a", "an", "and", "that"])
_SUFFIXES = ("s", "es", "ed", "d", "er", "ers", "ing", "ings", "ly", "ness", "ment", "ments",
             "able", "ability", "ize", "izes", "ized", "izing", "ization", "ise", "ised",
             "isation", "ful", "less", "ist", "ists", "ism", "ity", "ities", "al", "ally", "ic",
             "ical", "ish", "y", "ty", "ties", "ship", "hood", "ward", "wards", "wise")
_COMMON_FIRST = 1000  # "summer" in "summerAleksey" is common; "lib" in "libXft" is not
_VOWEL = re.compile(r"[aeiouy]")
# A lower-case token that starts or ends with a function word: the only ones worth a look-up.
_CANDIDATE = re.compile(
    rf"{_EDGE_BEFORE}(?:(?:{'|'.join(sorted(_FIRST))})[a-z]{{3,}}"
    rf"|[a-z]{{3,}}(?:{'|'.join(sorted(_SECOND))})){_EDGE_AFTER}")


def run(ctx: CheckContext) -> Iterator[Finding]:
    document = ctx.document
    if not english.available():
        return
    twice: dict[str, bool] = {}
    words = ctx.shared(vocabulary)
    # Each shape is looked for in the text only where some distinct token could give a finding
    # (the token's own tests pass): ordinary news has none, and a long file repeats its tokens.
    # An acronym run into a word, or a hump, is a case change no lower, upper or title case
    # token has: they are searched among the others only.
    acronyms = _passing(words.mixed_case, _ACRONYM, _acronym_token)
    humps = _passing(words.mixed_case, _HUMP, _hump_token)
    glued_words = _passing(words.joined, _CANDIDATE, _candidate_token)
    if len(acronyms) + len(humps) + len(glued_words) > _FEW_TOKENS:
        twice.update(_written_twice(document.text, acronyms | humps | glued_words))
    if acronyms:
        yield from _acronyms(document, twice)
    if humps:
        yield from _humps(document, twice)
    if glued_words:
        yield from _words(document, twice)
    yield from _domains(document)


def _passing(tokens: str, pattern: re.Pattern[str],
             token_passes: Callable[[re.Match[str]], bool]) -> set[str]:
    """What `pattern` matches in `tokens` (distinct tokens of the text, space-separated) where
    `token_passes`: the shapes never match whitespace and look at most one character past a
    token, so these are the strings they match in the text that can become findings."""
    return {m.group() for m in pattern.finditer(tokens) if token_passes(m)}


# Beyond this many candidates, whether each is written twice is found in one pass over the
# text, not one `str.count` each (a file of many distinct glued tokens was quadratic).
_FEW_TOKENS = 16


def _written_twice(text: str, tokens: set[str]) -> dict[str, bool]:
    """`text.count(token) > 1` for every token: two occurrences that do not overlap, which
    exist exactly when the first and the last are at least the token's length apart."""
    import ahocorasick_rs

    order = sorted(tokens)
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    automaton = ahocorasick_rs.AhoCorasick(order, matchkind=ahocorasick_rs.MatchKind.Standard)
    for index, start, _ in automaton.find_matches_as_indexes(text, overlapping=True):
        first.setdefault(index, start)
        last[index] = start
    return {token: index in first and last[index] - first[index] >= len(token)
            for index, token in enumerate(order)}


def _acronym_token(match: re.Match[str]) -> bool:
    a, b = match.group("a"), match.group("b")
    return english.is_word(b, english.RARE) and not english.is_word(a[-1] + b)


def _hump_token(match: re.Match[str]) -> bool:
    a, b = match.group("a"), match.group("b")
    if len(a) < 3 or english.count(a) < _COMMON_FIRST:
        return False
    return b in english.SENTENCE_OPENERS or (not english.is_word(b, english.RARE)
                                             and len(b) >= 3 and _VOWEL.search(b[1:]) is not None)


def _candidate_token(match: re.Match[str]) -> bool:
    token = match.group()
    return not (english.is_word(token) or _derived(token)) and bool(_splits(token))


def _domains(document: Document) -> Iterator[Finding]:
    text = document.text
    if "." not in text:
        return
    for hit in _TLD_WORD.finditer(text):
        start = hit.start()
        while start > 0 and text[start - 1] in _DOMAIN_CHARS:
            start -= 1
        match = _DOMAIN_WORD.match(text, start)
        if match is None:
            continue
        b = match.group("b")
        line = english.line_at(text, match.start())
        if not english.is_word(b, english.RARE) or english.looks_like_code(line):
            continue
        address = text[match.start():match.start("b")]
        yield Finding(rule="glued/case", span=Span(match.start(), match.end()),
                      severity=Severity.ERROR,
                      message=f"The address and “{b}” are run together; a space was lost",
                      text=match.group(), suggestion=f"{address} {b}", autofix=True)


def _skip(document: Document, span: Span, twice: dict[str, bool]) -> bool:
    if not document.in_prose(span):
        return True
    token = document.text[span.start:span.end]
    if token not in twice:  # one count per distinct token: a long file repeats them
        twice[token] = document.text.count(token) > 1
    if twice[token]:
        return True  # "URLopener" beside "FancyURLopener": an identifier, written on purpose
    line = english.line_at(document.text, span.start)
    return english.looks_like_code(line) or english.is_heading(line)


def _acronyms(document: Document, twice: dict[str, bool]) -> Iterator[Finding]:
    for match in _ACRONYM.finditer(document.text):
        a, b = match.group("a"), match.group("b")
        span = Span(match.start(), match.end())
        if not english.is_word(b, english.RARE) or english.is_word(a[-1] + b) \
                or _skip(document, span, twice):
            continue
        yield Finding(rule="glued/case", span=span, severity=Severity.ERROR,
                      message=f"“{a}” and “{b}” are run together; a space was lost",
                      text=match.group(), suggestion=f"{a} {b}", autofix=True)


def _humps(document: Document, twice: dict[str, bool]) -> Iterator[Finding]:
    text = document.text
    # english.stands_alone(text, b) for every b at once: one pass, not one per glued name.
    words = of_text(text)
    for match in _HUMP.finditer(text):
        a, b = match.group("a"), match.group("b")
        span = Span(match.start(), match.end())
        if len(a) < 3 or english.count(a) < _COMMON_FIRST or _skip(document, span, twice):
            continue  # "libXft", "macAddr": an abbreviation, not a sentence's last word
        if b in english.SENTENCE_OPENERS:
            yield Finding(rule="glued/case", span=span, severity=Severity.ERROR,
                          message=f"“{a}” and “{b}” are run together; a full stop and a space "
                                  f"were lost", text=match.group(), suggestion=f"{a}. {b}",
                          autofix=True)
        elif not english.is_word(b, english.RARE) and len(b) >= 3 and _VOWEL.search(b[1:]) \
                and b in words.standing_capitalised:
            # Only a name the text also writes on its own: "setTimeout" or "macAddr" join a
            # word and an abbreviation in just this shape, and code never writes "Timeout" alone.
            yield Finding(rule="glued/case", span=span, severity=Severity.ERROR,
                          message=f"“{a}” and the name “{b}” are run together; a space (or a "
                                  f"sentence break) was lost", text=match.group(),
                          suggestion=f"{a} {b}", autofix=True)


def _words(document: Document, twice: dict[str, bool]) -> Iterator[Finding]:
    text = document.text
    for match in _CANDIDATE.finditer(text):
        token = match.group()
        if english.is_word(token) or _derived(token):
            continue
        splits = _splits(token)
        if not splits:
            continue
        span = Span(match.start(), match.end())
        if _skip(document, span, twice):
            continue
        best = max(splits, key=lambda s: min(english.count(s[0]), english.count(s[1])))
        suggestion = f"{best[0]} {best[1]}"
        if len(splits) == 1:
            yield Finding(rule="glued/words", span=span, severity=Severity.ERROR,
                          message=f"“{token}” is no word; it is “{suggestion}” with the space "
                                  f"lost", text=token, suggestion=suggestion, autofix=True)
        else:
            others = ", ".join(f"“{x} {y}”" for x, y in splits if (x, y) != best)
            yield Finding(rule="glued/words", span=span, severity=Severity.WARNING,
                          message=f"“{token}” is no word; two words may be run together "
                                  f"(“{suggestion}”, or {others})", text=token,
                          suggestion=suggestion, autofix=False)


def _splits(token: str) -> list[tuple[str, str]]:
    """Every way `token` is two listed words, one of them a function word."""
    found = []
    # One part is a function word of at most three letters, so only a few cuts can work;
    # trying every cut made a 400 KB "word" take minutes.
    cuts = sorted({len(w) for w in _FIRST} | {len(token) - len(w) for w in _SECOND})
    for i in (cut for cut in cuts if 0 < cut < len(token)):
        first, second = token[:i], token[i:]
        function = first in _FIRST or second in _SECOND
        if not function:
            continue
        # The function word may be short; the other part must be a real, counted word.
        other = second if first in _FIRST else first
        if second == "a" and len(first) < 5:
            continue
        if len(other) >= 3 and english.is_word(other, english.RARE) and \
                english.is_word(first) and english.is_word(second):
            found.append((first, second))
    return found


def _derived(token: str) -> bool:
    """Whether the token is a listed word with an English suffix: the list has "format" but
    not "formatters", which is no "for matters"."""
    for suffix in _SUFFIXES:
        if not token.endswith(suffix) or len(token) - len(suffix) < 3:
            continue
        base = token[:-len(suffix)]
        undoubled = base[:-1] if len(base) > 3 and base[-1] == base[-2] else base
        if any(english.is_word(b) for b in (base, base + "e", undoubled)) or \
                (base.endswith("i") and english.is_word(base[:-1] + "y")):
            return True
    return False


CHECK = Check(
    name="glued",
    rules=("glued/case", "glued/words"),
    run=run,
    description="Words run together where a space or a sentence break was lost",
)
