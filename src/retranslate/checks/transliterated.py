"""Russian left in Latin letters: transliterated words and abbreviations (for `untranslated`).

Two shapes, each cheap to find and checked only where found:
- a lower-case word the English list lacks and that is spelled the way Russian is
  transliterated ("ts", "zh", "kh", "ja", "-ogo", "-enie"); read back into Cyrillic (as
  spelled, with a soft sign transliteration dropped, or "ts" as т+с) it must be a word
  pymorphy3 knows ("ostavlenija" is «оставления», "natsional" «национал», "pravitelstvo"
  «правительство»). Loanwords English news writes ("spetsnaz", "kolkhoz") are left alone.
  pymorphy3 is loaded only when such a word turns up, which native English almost never has.
- a Russian abbreviation transliterated, from a short list of those English news never uses:
  "AZS" (АЗС), "GUMVD" (ГУМВД), "Zam." (зам.). FSB, OMON, MVD and SIZO are English usage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from retranslate.language import english, vocabulary
from retranslate.models import Document, Finding, Severity, Span

if TYPE_CHECKING:
    from retranslate.glossary.model import Glossary

# Letter pairs and word endings the way Russian is transliterated.
_RUSSIAN_PAIRS = ("ts", "zh", "kh", "shch", "ja", "ju", "ya", "yu", "iy", "yj")
_RUSSIAN_ENDINGS = ("ogo", "ovo", "ykh", "enie", "enija", "eniya", "stvo", "stva")
_RUSSIAN_SPELLING = re.compile("|".join(_RUSSIAN_PAIRS) + "|" + "|".join(
    f"{ending}$" for ending in _RUSSIAN_ENDINGS))
# Russian words English news has borrowed and writes in lower case: not left untranslated.
_LOANWORDS = frozenset(["spetsnaz", "khrushchyovka", "khrushchevka", "khrushchyovkas",
                        "kolkhoz", "kolkhozes", "sovkhoz", "sovkhozes", "pirozhki", "pirozhok",
                        "borshch", "shchi", "zhiguli", "tsarevich", "tsarevna", "tsaritsa"])
_SOFT = re.compile(r"(л)(?=[бвгджзкмнпрстфхцчшщ])")
_PUNCTUATION = ".,;:!?\"“”«»()[]'’"
_JOINERS = "'’@/#-_"
_ABBREVIATIONS = {
    "azs": "filling station", "gibdd": "traffic police", "gumvd": "Interior Ministry's main "
    "directorate", "guvd": "Interior Ministry's main directorate", "umvd": "Interior Ministry's "
    "directorate", "uvd": "police department", "ovd": "police department", "tsik": "Central "
    "Election Commission", "zhkkh": "housing and utilities", "dtp": "road accident",
    "bpla": "drone", "mchs": "Emergencies Ministry", "izhs": "individual housing construction",
    "fsin": "Federal Penitentiary Service", "sng": "CIS", "vvs": "Air Force", "pao": "PJSC",
    "zags": "registry office", "gosduma": "State Duma", "minoborony": "Defence Ministry",
    "minzdrav": "Health Ministry", "minprosveshcheniya": "Education Ministry",
    "rosgvardiya": "National Guard",
}
_DOTTED = re.compile(r"(?<![\w'’.-])(?P<word>Zam|Nach|Zamnach|Zampred)\.(?=[ \t])")
_DOTTED_ENGLISH = {"Zam": "Deputy", "Nach": "Head", "Zamnach": "Deputy head",
                   "Zampred": "Deputy chairman"}
_TRANSLIT = (("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
             ("sh", "ш"), ("ya", "я"), ("ja", "я"), ("yu", "ю"), ("ju", "ю"), ("yo", "ё"),
             ("ye", "е"))
# A whole token of " " + Vocabulary.joined (each token after one space) that is, once
# stripped of _PUNCTUATION, a word of the shape asked about: its stripped word is the group.
# A lower-case ASCII word of six letters or more spelled the Russian way (what len >= 6,
# isalpha, islower, isascii and _RUSSIAN_SPELLING ask of it); a listed abbreviation in any
# case, which may match a few more words than `w.lower() in _ABBREVIATIONS` (case-blind
# matching folds ſ onto s), so that test still decides. Each opens with the space, a literal
# the engine skips to, and reads the distinct tokens, not the text.
_EDGE_CLASS = "[" + re.escape(_PUNCTUATION) + "]*"
_RUSSIAN_TOKEN = re.compile(
    rf" {_EDGE_CLASS}(?=[a-z]{{6}})([a-z]*(?:{'|'.join(_RUSSIAN_PAIRS)})[a-z]*|"
    rf"[a-z]*(?:{'|'.join(_RUSSIAN_ENDINGS)})){_EDGE_CLASS}(?![^ ])")
_ABBREVIATION_TOKEN = re.compile(
    rf" {_EDGE_CLASS}({'|'.join(sorted(_ABBREVIATIONS, key=len, reverse=True))})"
    rf"{_EDGE_CLASS}(?![^ ])", re.IGNORECASE)


def _any_abbreviation(lowered: str) -> bool:
    """Whether some listed abbreviation is inside the lower-cased tokens: a word whose lower
    case is one is, so the token pattern is run only where this holds (seldom in English).
    A substring test per abbreviation: an alternation of them is tried at every character."""
    return any(abbreviation in lowered for abbreviation in _ABBREVIATIONS)


_LETTERS = dict(zip("abvgdezijklmnoprstufhcwxq", "абвгдезийклмнопрстуфхцвкк", strict=True))


def findings(document: Document, glossary: Glossary | None = None) -> Iterator[Finding]:
    text = document.text
    # The text's distinct tokens, once: each shape is then looked for only where one occurs,
    # and only the tokens that can be of that shape are read (one regex pass over them).
    words = vocabulary.of_text(text)
    joined = " " + words.joined
    abbreviations = sorted({w for w in _ABBREVIATION_TOKEN.findall(joined)
                            if w.lower() in _ABBREVIATIONS and not w.islower()}
                           if _any_abbreviation(words.lower_joined) else ())
    for match in _occurrences(text, abbreviations):  # "dtp" in lower case is desktop publishing
        if document.in_prose(Span(match.start(), match.end())):
            word = match.group()
            yield _finding(match.start(), word, f"“{word}” is a Russian abbreviation left "
                                                f"transliterated; in English: "
                                                f"{_ABBREVIATIONS[word.lower()]}")
    if any(f"{w}." in text for w in _DOTTED_ENGLISH):
        for match in _DOTTED.finditer(text):
            word = match.group("word")
            yield _finding(match.start(), match.group(),
                           f"“{word}.” is a Russian abbreviation; in English: "
                           f"{_DOTTED_ENGLISH[word]}")
    russian = sorted(w for w in set(_RUSSIAN_TOKEN.findall(joined))
                     if w not in _LOANWORDS and english.count(w) == 0
                     and not _glossary_form(w, glossary) and _russian_word(w))
    for match in _occurrences(text, russian):
        if document.in_prose(Span(match.start(), match.end())):
            word = match.group()
            yield _finding(match.start(), word, f"“{word}” is Russian in Latin letters "
                                                f"(«{_cyrillic(word)}»); it needs translating")


def _glossary_form(word: str, glossary: Glossary | None) -> bool:
    """Whether the word is, in some inflection, a wrong form of a glossary entry ("pogromists"):
    the glossary speaks for it, and the Russian dictionary, whose load is most of a one-file
    hook run that needs it, is not asked."""
    if glossary is None:
        return False
    from retranslate.glossary.matcher import SHADOW, compiled

    return any(match.start == 0 and match.end == len(word)
               and any(c.entry != SHADOW for c in match.candidates)
               for match in compiled(glossary).find(word))


def _occurrences(text: str, words: list[str]) -> Iterator[re.Match[str]]:
    """Where the words stand alone in the text (not inside longer words)."""
    if not words:
        return
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    for match in pattern.finditer(text):
        before, after = text[match.start() - 1:match.start()], text[match.end():match.end() + 1]
        if not (before and (before.isalnum() or before in _JOINERS)) \
                and not (after and (after.isalnum() or after in _JOINERS)):
            yield match


def _cyrillic(word: str) -> str:
    out, i = [], 0
    while i < len(word):
        for latin, cyrillic in _TRANSLIT:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            letter = word[i]
            if letter == "y":
                out.append("й" if i and word[i - 1] in "aeiou" else "ы")
            else:
                out.append(_LETTERS.get(letter, letter))
            i += 1
    return "".join(out)


def _readings(word: str) -> tuple[str, ...]:
    """The Cyrillic readings tried: as spelled; with the soft sign transliteration drops after
    л ("bolshoy" «большой», "pravitelstvo" «правительство»); with "ts" as т+с ("sovetskiy")."""
    plain = _cyrillic(word)
    soft = _SOFT.sub(r"\1ь", plain)
    split = _cyrillic(word.replace("ts", "t\u0000s")).replace("\u0000", "")
    return tuple(dict.fromkeys((plain, soft, split)))


def _russian_word(word: str) -> bool:
    from retranslate.language.russian import is_known_word

    return any(is_known_word(r) for r in _readings(word))


def _finding(start: int, text: str, message: str) -> Finding:
    return Finding(rule="untranslated/transliterated", span=Span(start, start + len(text)),
                   severity=Severity.WARNING, message=message, text=text)
