"""Russian left in Latin letters: transliterated words and abbreviations (for `untranslated`).

Two shapes, each cheap to find and checked only where found:
- a lower-case word the English list lacks and that is spelled the way Russian is
  transliterated ("ts", "zh", "kh", "ja", "-ogo", "-enie"); read back into Cyrillic it must be a
  word pymorphy3 knows ("ostavlenija" is «оставления», "natsional" «национал»). pymorphy3 is
  loaded only when such a word turns up, which native English almost never has.
- a Russian abbreviation transliterated, from a short list of those English news never uses:
  "AZS" (АЗС), "GUMVD" (ГУМВД), "Zam." (зам.). FSB, OMON, MVD and SIZO are English usage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from retranslate.language import english
from retranslate.models import Document, Finding, Severity, Span

_RUSSIAN_SPELLING = re.compile(r"ts|zh|kh|shch|ja|ju|ya|yu|iy|yj|ogo$|ovo$|ykh$|enie$|enija$|"
                               r"eniya$|stvo$|stva$")
_LOWER_WORD = re.compile(r"(?<![\w'’.@/#-])[a-z]{6,}(?![\w'’@/-])")
_ABBREVIATIONS = {
    "azs": "filling station", "gibdd": "traffic police", "gumvd": "Interior Ministry's main "
    "directorate", "guvd": "Interior Ministry's main directorate", "umvd": "Interior Ministry's "
    "directorate", "uvd": "police department", "ovd": "police department", "tsik": "Central "
    "Election Commission", "zhkkh": "housing and utilities", "dtp": "road accident",
    "bpla": "drone", "mchs": "Emergencies Ministry", "izhs": "individual housing construction",
}
_ABBREVIATION = re.compile(r"(?<![\w'’.@/#-])(?:" + "|".join(_ABBREVIATIONS) + r")(?![\w'’@/-])",
                           re.IGNORECASE)
_DOTTED = re.compile(r"(?<![\w'’.-])(?P<word>Zam|Nach|Zamnach|Zampred)\.(?=[ \t])")
_DOTTED_ENGLISH = {"zam": "Deputy", "nach": "Head", "zamnach": "Deputy head",
                   "zampred": "Deputy chairman"}
_TRANSLIT = (("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
             ("sh", "ш"), ("ya", "я"), ("ja", "я"), ("yu", "ю"), ("ju", "ю"), ("yo", "ё"),
             ("ye", "е"))
_LETTERS = dict(zip("abvgdezijklmnoprstufhcwxq", "абвгдезийклмнопрстуфхцвкк", strict=True))


def findings(document: Document) -> Iterator[Finding]:
    text = document.text
    for match in _ABBREVIATION.finditer(text):
        word = match.group()
        if word.islower() or not document.in_prose(Span(match.start(), match.end())):
            continue  # "dtp" is desktop publishing in lower case
        english_name = _ABBREVIATIONS[word.lower()]
        yield _finding(match.start(), word, f"“{word}” is a Russian abbreviation left "
                                            f"transliterated; in English: {english_name}")
    for match in _DOTTED.finditer(text):
        word = match.group("word")
        yield _finding(match.start(), match.group(), f"“{word}.” is a Russian abbreviation; in "
                                                     f"English: {_DOTTED_ENGLISH[word.lower()]}")
    asked: dict[str, bool] = {}
    for match in _LOWER_WORD.finditer(text):
        word = match.group()
        if word not in asked:
            asked[word] = bool(_RUSSIAN_SPELLING.search(word)) and english.count(word) == 0 \
                and _russian_word(word)
        if asked[word] and document.in_prose(Span(match.start(), match.end())):
            yield _finding(match.start(), word, f"“{word}” is Russian in Latin letters "
                                                f"(«{_cyrillic(word)}»); it needs translating")


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


def _russian_word(word: str) -> bool:
    from retranslate.language.russian import _morph

    morph = _morph()
    return morph is not None and bool(morph.word_is_known(_cyrillic(word)))


def _finding(start: int, text: str, message: str) -> Finding:
    return Finding(rule="untranslated/transliterated", span=Span(start, start + len(text)),
                   severity=Severity.WARNING, message=message, text=text)
