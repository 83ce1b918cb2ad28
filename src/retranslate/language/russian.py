"""Russian words as the checks need them: lemmas, "does this sentence mention X", transliteration.

pymorphy3 (with pymorphy3-dicts-ru) is imported on first use only, so a run without a Russian
source never pays for loading its dictionaries. Where it is not installed, `mentions` falls back
to a case-insensitive prefix match on a crude stem, which is good enough for nouns and
adjectives and never raises.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

# A Russian word: Cyrillic letters, with inner hyphens ("Алма-Ата", "Би-би-си").
WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")

_analyzer: Any = None
_unavailable = False


def _morph() -> Any:
    """The shared MorphAnalyzer, or None when pymorphy3 or its dictionaries are missing."""
    global _analyzer, _unavailable
    if _analyzer is None and not _unavailable:
        try:
            import pymorphy3

            path = None
            if pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE not in os.environ:
                # What lang="ru" finds, without the scan of every package's entry points that
                # finding it takes (30 ms, a third of the analyzer's load).
                import pymorphy3_dicts_ru

                path = pymorphy3_dicts_ru.get_path()
            _analyzer = pymorphy3.MorphAnalyzer(path=path, lang="ru")
        except Exception:  # ImportError, or a broken/missing dictionary package
            _unavailable = True
    return _analyzer


_words: Any = None  # the dictionary's word list alone: (DAWG, its е→ё substitutes) or False
# pymorphy3's own values (its package import alone costs 23 ms; a test keeps these equal).
_DICT_PATH_VARIABLE = "PYMORPHY2_DICT_PATH"
_CHAR_SUBSTITUTES = {"е": "ё"}


def is_known_word(word: str) -> bool:
    """pymorphy3's `word_is_known` (е may stand for ё), from the dictionary's word list alone.

    Loading the list takes a third of what the whole analyzer takes (27 against 66 ms here), and
    a one-file hook run that meets a word looking transliterated needs nothing else. Where the
    analyzer is loaded already, or the list cannot be read, the analyzer answers.
    """
    global _words
    if _analyzer is None and _words is None:
        _words = False
        try:
            import importlib.util

            if _DICT_PATH_VARIABLE not in os.environ \
                    and importlib.util.find_spec("pymorphy3") is not None:
                import pymorphy3_dicts_ru

                dawg = _mapped_words(os.path.join(pymorphy3_dicts_ru.get_path(), "words.dawg"))
                _words = (dawg, dawg.compile_replaces(_CHAR_SUBSTITUTES))
        except Exception:  # ImportError, or a broken/missing dictionary package
            _words = False
    if _analyzer is None and _words:
        dawg, substitutes = _words
        return bool(dawg.similar_keys(word.lower(), substitutes))
    morph = _morph()
    return morph is not None and bool(morph.word_is_known(word))


def _mapped_words(path: str) -> Any:
    """The word DAWG at `path` as dawg_python reads it, its units seen through a memory map.

    `similar_keys` walks the units alone, so neither they nor the guide (for listing keys) are
    read into memory: a look-up touches a few pages of the 5 MB file, where reading it cost a
    hook 9 ms. Raises ValueError for a file shorter than its header says.
    """
    import mmap
    import struct

    import dawg_python
    from dawg_python import wrapper

    with open(path, "rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    (count,) = struct.unpack_from("=I", mapped, 0)
    if len(mapped) < 4 + 4 * count:
        raise ValueError(f"{path}: truncated word list")
    units = wrapper.Dictionary()
    units._units = memoryview(mapped)[4: 4 + 4 * count].cast("I")
    dawg = dawg_python.RecordDAWG(">HH")
    dawg.dct = units
    return dawg


def morphology_available() -> bool:
    """Whether pymorphy3 and its dictionaries load (else the prefix fallback is in use)."""
    return _morph() is not None


def fold(word: str) -> str:
    """Lower case with ё as е: news text writes both, dictionaries only ё."""
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form `word` may be an inflection of (all parses), folded, plus itself.

    All parses, not just the likeliest: "стали" is both сталь and стать, and a mention test must
    not miss the reading the entry is about. Participles lemmatise to their verb (протестующих →
    протестовать), and so does the entry's own word, so both sides meet.
    """
    folded = fold(word)
    morph = _morph()
    if morph is None:
        return frozenset({folded})
    return frozenset({folded, *(fold(p.normal_form) for p in morph.parse(word))})


def _stem(word: str) -> str:
    """A crude stem for the fallback: drop up to two final letters of a longer word."""
    folded = fold(word)
    return folded[:-2] if len(folded) > 5 else folded[:-1] if len(folded) > 3 else folded


def words(text: str) -> list[str]:
    return WORD.findall(text)


@lru_cache(maxsize=4096)
def _term_forms(term: str) -> tuple[frozenset[str], ...]:
    return tuple(lemmas(w) for w in words(term))


def mentions(text: str, words_: Sequence[str]) -> bool:
    """True when `text` contains any of `words_` (Russian lemmas or phrases) in any inflection.

    A phrase ("комендантский час") matches consecutive words whose lemmas meet pairwise.
    """
    tokens = words(text)
    if not tokens:
        return False
    if _morph() is None:
        return _mentions_by_prefix(tokens, words_)
    return _mentions_lemmas([lemmas(t) for t in tokens], words_)


def _mentions_lemmas(token_lemmas: Sequence[frozenset[str]], terms: Sequence[str]) -> bool:
    for term in terms:
        forms = _term_forms(term)
        if not forms:
            continue
        n = len(forms)
        for i in range(len(token_lemmas) - n + 1):
            if all(token_lemmas[i + k] & forms[k] for k in range(n)):
                return True
    return False


class MentionIndex:
    """Which of many term lists a text mentions: `mentions` for each list, by set look-ups.

    Each list is filed under every lemma of its terms' first words, so a text is tested only
    against the lists one of its own words' lemmas points to; a term can only match where its
    first word does, so the answer is `mentions`' for every list. Texts' answers are memoised
    (a bounded number): the aligner and term-omitted ask about the same sentences.
    """

    def __init__(self, term_lists: Sequence[Sequence[str]]) -> None:
        self._lists = [tuple(terms) for terms in term_lists]
        self._by_lemma: dict[str, list[int]] = {}
        for index, terms in enumerate(self._lists):
            keys: set[str] = set()
            for term in terms:
                forms = _term_forms(term)
                if forms:
                    keys |= forms[0]
            for key in sorted(keys):
                self._by_lemma.setdefault(key, []).append(index)
        self._seen: dict[str, frozenset[int]] = {}

    def mentioned(self, text: str) -> frozenset[int]:
        """Indices of the lists `text` mentions (`mentions(text, list)` is true)."""
        if _morph() is None:  # the prefix fallback: no index, nothing memoised across modes
            return self._lookup(text)
        found = self._seen.get(text)
        if found is None:
            found = self._lookup(text)
            if len(self._seen) >= _SEEN_TEXTS:
                self._seen.clear()
            self._seen[text] = found
        return found

    def _lookup(self, text: str) -> frozenset[int]:
        tokens = words(text)
        if not tokens:
            return frozenset()
        if _morph() is None:
            return frozenset(i for i, terms in enumerate(self._lists)
                             if _mentions_by_prefix(tokens, terms))
        token_lemmas = [lemmas(t) for t in tokens]
        candidates = {i for forms in set(token_lemmas) for lemma in forms
                      for i in self._by_lemma.get(lemma, ())}
        return frozenset(i for i in candidates if _mentions_lemmas(token_lemmas, self._lists[i]))


_SEEN_TEXTS = 4096


@lru_cache(maxsize=8)
def mention_index(term_lists: tuple[tuple[str, ...], ...]) -> MentionIndex:
    """One index per glossary's term lists, built once per process."""
    return MentionIndex(term_lists)


def _mentions_by_prefix(tokens: list[str], terms: Sequence[str]) -> bool:
    folded = [fold(t) for t in tokens]
    for term in terms:
        stems = [_stem(w) for w in words(term)]
        if not stems:
            continue
        n = len(stems)
        for i in range(len(folded) - n + 1):
            if all(folded[i + k].startswith(stems[k]) for k in range(n)):
                return True
    return False


_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@lru_cache(maxsize=8192)
def is_proper_name(word: str) -> bool:
    """Whether pymorphy3 reads `word` as a name, surname, place or organisation."""
    morph = _morph()
    if morph is None:
        return False
    return any(_NAME_TAGS & set(str(p.tag).replace(" ", ",").split(","))
               for p in morph.parse(word)[:2])


@lru_cache(maxsize=8192)
def is_surname(word: str) -> bool:
    """Whether pymorphy3's likeliest reading of `word` is a surname (Моисеева, Гусев)."""
    morph = _morph()
    if morph is None:
        return False
    parses = morph.parse(word)
    return bool(parses) and "Surn" in parses[0].tag


@lru_cache(maxsize=8192)
def nominative(word: str) -> str:
    """The nominative of an inflected name (Соколовой → соколова), for transliteration."""
    morph = _morph()
    if morph is None:
        return word
    parse = morph.parse(word)[0]
    form = parse.inflect({"nomn"}) if "Fixd" not in parse.tag else None
    return form.word if form is not None else word


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "loc2"})
_CAPITALISED = re.compile(r"(?<![А-Яа-яЁё-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*")


@lru_cache(maxsize=16384)
def _first_name_case(word: str) -> tuple[frozenset[str], str] | None:
    """(cases, gender) of a first name whose readings agree on gender and on being nominative
    or not (Мариной → ablt, femn; Владимира → gent or accs, masc)."""
    readings = [(p.tag.case, p.tag.gender) for p in _parses(word) if "Name" in p.tag]
    genders = {g for _, g in readings}
    cases = frozenset(c for c, _ in readings if c)
    if len(genders) != 1 or not cases or ("nomn" in cases and len(cases) > 1):
        return None
    return cases, next(iter(genders))


@lru_cache(maxsize=16384)
def _parses(word: str) -> tuple[Any, ...]:
    """pymorphy3's readings of `word`: a long source names the same people over and over."""
    return tuple(_morph().parse(word))


@lru_cache(maxsize=16384)
def _nominative_parse(parse: Any) -> Any:
    return parse.inflect({"nomn"})


def _adjacent(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    first, second = (a, b) if a.start() < b.start() else (b, a)
    return text[first.end(): second.start()].strip() == ""


def oblique_names(text: str) -> dict[str, str]:
    """Capitalised names in `text` that are surely in an oblique case → their nominative.

    pymorphy3's lemma of a feminine surname is the masculine one, and "Соколова" is both the
    genitive of Соколов and the nominative of Соколова: such a word counts only where a first
    name beside it settles case and gender ("Марина Соколова" stays, "Владимира Путина" goes).
    The nominative keeps the gender (Соколовой → соколова). Empty without pymorphy3.
    """
    morph = _morph()
    if morph is None:
        return {}
    found: dict[str, str] = {}
    tokens = list(_CAPITALISED.finditer(text))
    for i, match in enumerate(tokens):
        word = match.group()
        # A plural reading of a name (Силуанов as "of the Siluans") is no reading of a person.
        parses = [p for p in _parses(word)
                  if _NAME_TAGS & set(p.tag.grammemes) and p.tag.number != "plur"]
        if not parses or "Fixd" in parses[0].tag:
            continue
        beside = [t.group() for t in tokens[max(0, i - 1): i + 2]
                  if t is not match and _adjacent(text, t, match)]
        settled = next((c for c in map(_first_name_case, beside) if c is not None), None)
        if settled is not None:
            cases, gender = settled
            parses = [p for p in parses if p.tag.case in cases and str(p.tag.gender) == gender]
        elif any(p.tag.case == "nomn" and p.tag.gender == "femn" and "Surn" in p.tag
                 for p in parses):
            continue  # the woman's nominative or the man's genitive: no evidence either way
        if not parses or parses[0].tag.case in ("nomn", None):
            continue
        form = _nominative_parse(parses[0])
        if form is not None and form.word != fold(word):
            found[word] = form.word
    return found


def has_cyrillic(text: str) -> bool:
    return CYRILLIC.search(text) is not None


# Transliteration close to BGN/PCGN as English-language news uses it ("Yekaterina", "Tokayev",
# "Zhumaly"): е and ё are "ye"/"yo" at the start of a word and after a vowel or a sign.
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
_VOWELS_AND_SIGNS = set("аеёиоуыэюяъь")


def transliterate(text: str) -> str:
    """Latin letters for Cyrillic ones, keeping case; anything else passes through."""
    out: list[str] = []
    previous = ""
    for ch in text:
        low = ch.lower()
        if low in _TRANSLIT:
            latin = _TRANSLIT[low]
            if low == "е" and (not previous or previous in _VOWELS_AND_SIGNS):
                latin = "ye"
            if low == "ы" and previous == "и":  # "ый" ending reads "iy", not "yy"
                latin = "y"
            if ch != low and latin:
                latin = latin[0].upper() + latin[1:]
            out.append(latin)
        else:
            out.append(ch)
        previous = low if low.isalpha() and low in _TRANSLIT else ""
    return "".join(out)


# Spelling variants of one Russian name in Latin script, folded so that they compare equal:
# Yekaterina/Ekaterina, Tokayev/Tokaev, Aleksandr/Alexandr, Zhumaly/Jumaly, Dzhambul/Jambul.
_NAME_FOLDS = (
    ("shch", "sh"), ("sch", "sh"), ("yo", "e"), ("ye", "e"), ("yu", "u"), ("iu", "u"),
    ("ya", "a"), ("ia", "a"), ("iy", "i"), ("ij", "i"), ("yi", "i"), ("ey", "ei"), ("y", "i"),
    # Consonants after the vowels: "zh" → "j" must not feed "ju" → "u" (Zhumaly ~ Jumaly).
    ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("ks", "x"), ("ts", "c"), ("tz", "c"),
    ("w", "v"), ("ph", "f"),
)


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """A loose key for one name written in Latin (or Cyrillic) letters: spelling variants meet.

    Hyphens and case go; final "-er"/"-r" is kept (Alexander ~ Aleksandr is left to fuzzy
    matching). Different endings stay different, so Ivanov and Ivanova keep distinct keys.
    """
    key = transliterate(name).lower()
    key = re.sub(r"[^a-z]", "", key)
    for old, new in _NAME_FOLDS:
        key = key.replace(old, new)
    key = re.sub(r"([aeiou])i(?=[aeiou])", r"\1", key)  # "Tokaiev" (from Tokayev) → "tokaev"
    return re.sub(r"(.)\1+", r"\1", key)
