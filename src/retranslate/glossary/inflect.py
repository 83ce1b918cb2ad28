"""English word forms for glossary terms: plurals, possessives, case and the a/an article."""

from __future__ import annotations

import re
from dataclasses import dataclass

_IRREGULAR = {
    "man": "men", "woman": "women", "person": "people", "child": "children",
    "foot": "feet", "tooth": "teeth", "mouse": "mice", "knife": "knives", "wife": "wives",
    "life": "lives", "thief": "thieves", "leaf": "leaves", "half": "halves", "shelf": "shelves",
    "wolf": "wolves", "criterion": "criteria", "phenomenon": "phenomena", "medium": "media",
}
_UNCHANGED = frozenset({"police", "personnel", "staff", "equipment", "news", "series", "species",
                        "aircraft", "sheep", "deer", "militia", "ammunition", "information"})


@dataclass(frozen=True)
class Form:
    """How a surface form relates to its base term: number and possessive ending."""

    plural: bool = False
    possessive: str = ""  # "", "'s" or "'" (apostrophe normalised to ASCII)


def plural(phrase: str) -> str:
    """Pluralise the last word of a phrase, keeping its case pattern."""
    head, sep, last = phrase.rpartition(" ")
    return f"{head}{sep}{_plural_word(last)}"


def _plural_word(word: str) -> str:
    lower = word.lower()
    if lower in _UNCHANGED or not word[-1:].isalpha():
        return word
    if word.isupper() and len(word) > 1:  # acronyms: ATM -> ATMs
        return word + "s"
    for singular, many in _IRREGULAR.items():
        if lower.endswith(singular) and (lower == singular or singular in ("man", "woman")):
            return word[: len(word) - len(singular)] + _same_case(word[-len(singular):], many)
    if re.search(r"(s|x|z|ch|sh)$", lower):
        return word + "es"
    if re.search(r"[^aeiou]y$", lower):
        return word[:-1] + "ies"
    return word + "s"


def _same_case(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def surface_forms(term: str, inflect: bool) -> list[tuple[str, Form]]:
    """Every surface form the matcher looks for, with how each relates to the base term."""
    forms = [(term, Form())]
    if inflect:
        many = plural(term)
        if many != term:
            forms.append((many, Form(plural=True)))
            forms.append((many + ("'" if many.endswith("s") else "'s"),
                          Form(plural=True, possessive="'" if many.endswith("s") else "'s")))
    forms.append((term + "'s", Form(possessive="'s")))
    return forms


def realise(target: str, form: Form, apostrophe: str = "'") -> str:
    """The target in the form the wrong text had."""
    word = plural(target) if form.plural else target
    if form.possessive == "'s":
        return f"{word}{apostrophe}s"
    if form.possessive == "'":
        return f"{word}{apostrophe}" if word.endswith("s") else f"{word}{apostrophe}s"
    return word


def match_case(replacement: str, original: str, sentence_start: bool) -> str:
    """Upper-case for an all-caps original; a capital at a sentence start; else the target's own."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if sentence_start and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


_OPENERS = "\"'“‘«„([{—–-*#>•"
_ENDERS = ".!?…"


def starts_sentence(text: str, index: int) -> bool:
    """Whether a word at `index` begins a sentence, heading or paragraph."""
    i = index - 1
    newlines = 0
    while i >= 0 and (text[i].isspace() or text[i] in _OPENERS):
        if text[i] == "\n" or (text[i] == "\r" and text[i + 1: i + 2] != "\n"):
            newlines += 1
        i -= 1
    if i < 0 or newlines >= 2:
        return True
    if text[i] in _ENDERS:
        return True
    # A closing quote after sentence punctuation: ...said." Then
    if text[i] in "\"'”’»)" and i > 0 and text[i - 1] in _ENDERS:
        return True
    # A single line break after something that cannot end a sentence is hard wrapping.
    return newlines == 1 and text[i] in ":;"


# Words spoken with a vowel sound despite a consonant letter, and the reverse.
_AN_PREFIXES = ("hour", "honest", "honor", "honour", "heir")
_A_PREFIXES = ("uni", "unan", "use", "usu", "uti", "uk", "ura", "uro", "eu", "ewe", "one", "once",
               "ubiq", "uf")
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")


def article_for(phrase: str) -> str:
    """'a' or 'an' for the phrase that follows the article."""
    word = re.split(r"[\s-]", phrase.strip(), maxsplit=1)[0]
    if not word:
        return "a"
    if word.isupper() and 1 < len(word) <= 5 and word.isalpha():
        return "an" if word[0] in _VOWEL_SOUND_LETTERS else "a"  # read as letters: an FSB
    lower = word.lower()
    if lower.startswith(_AN_PREFIXES):
        return "an"
    if lower.startswith(_A_PREFIXES):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(an?)(\s+)$", re.IGNORECASE)


def article_fix(text: str, start: int, replacement: str) -> tuple[int, str] | None:
    """If an a/an right before `start` no longer fits `replacement`, the new start and text."""
    window = text[max(0, start - 12): start]
    found = _ARTICLE_BEFORE.search(window)
    if not found:
        return None
    article, gap = found.group(1), found.group(2)
    wanted = article_for(replacement)
    if article.lower() == wanted:
        return None
    if article.isupper() and len(article) > 1:
        wanted = wanted.upper()
    elif article[0].isupper():
        wanted = wanted.capitalize()
    new_start = start - len(window) + found.start()
    return new_start, f"{wanted}{gap}{replacement}"
