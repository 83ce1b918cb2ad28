"""Russian case endings left on names, and women's surnames given the men's form.

An engine that transliterates "Сергея Фургала" writes "Sergey Furgala": the genitive ending
comes along. The text itself is the evidence: the same name written without the ending
elsewhere. Endings are taken one name shape at a time (Furgal → Furgala/Furgalu/Furgalom,
Navalny → Navalnogo, Tikhanovskaya → Tikhanovskoy), and a form that is an English word is left
alone ("Marine", "Simone").
- name-endings/case: a full name ("Sergey Furgala") whose bare form ("Sergey Furgal") the text
  has is fixed, since the first name says which person it is. "-a" after a man's surname in
  "-ov", "-ev", "-in" may be his wife or daughter ("Ivanova") and is never read as an ending.
  A single word ("Furgalu" beside "Furgal") is reported without "-a" and "-e", which end
  names of their own (Alexandra, Ruslana, Simone): "Furgala" alone may be another person.
  With a Russian source, pymorphy3 tells an inflected name from its nominative, so an ending
  is reported even where the bare form never appears in the English. A few endings no English
  spelling has are reported alone (Senichevym, Dostoevskogo, Kurnosovoj).
- name-endings/feminine: a woman's first name (ending in "-a" or "-ya") before a man's
  surname ("Svetlana Tikhanovski"): fixed where the text writes the same first name with the
  feminine surname; reported where the text (same or next sentence) says "she" or "her" and
  never "he" or "his", or where the source has the feminine name. "Nikita" ends in "-a" too,
  so the pronouns must agree before anything is said. A surname alone in the man's form
  ("Medvedev after she refused") is reported where the text names the woman in full
  ("Evgenia Medvedeva"), calls this person "she", and names no man of that surname.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from retranslate.checks import Check, CheckContext
from retranslate.language import english
from retranslate.language.text_index import TextIndex, prose_test, text_index
from retranslate.models import Finding, Severity, Span

_NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# The capital first, then the look-behind at the letter before it: the engine skips to the
# next capital instead of trying the look-behind at every character.
_NAMES = re.compile(rf"(?P<first>[A-Z](?<![\w'’-][A-Z])[a-z]+(?:-[A-Z][a-z]+)?)(?![\w'’-])"
                    rf"(?=[ \u00a0](?P<second>{_NAME})(?![\w'’-]))?")
_CAPITALISED_RU = re.compile(r"(?<![А-Яа-яЁё-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*")
_MAN_SURNAME = re.compile(r"(?:ov|ev|yov|in|yn)$")
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_HE = re.compile(r"\b(?:he|his|him|himself)\b", re.IGNORECASE)
_COMMON = 5000
_FIRST_NAME_LIKE = 10000  # "Paul", "Pavel", not "Later" or "President"
_SAFE_ALONE = ("u", "om", "em", "ym", "ogo", "omu", "yu", "oy")


@lru_cache(maxsize=8192)
def inflections(name: str) -> dict[str, str]:
    """Case forms of a nominative name as English transliteration writes them → their ending.

    Cached (a news file names the same people again and again): callers must not change it."""
    forms: dict[str, str] = {}
    if name.endswith("aya"):
        stem = name[:-3]
        forms.update({stem + "oy": "oy", stem + "oi": "oy", stem + "uyu": "u"})
    elif name.endswith(("sky", "ski", "skiy", "skii", "ny", "nyy", "niy")):
        stem = name.rstrip("iy")
        forms.update({stem + "ogo": "ogo", stem + "omu": "omu", stem + "im": "ym",
                      stem + "ym": "ym"})
    elif name.endswith(("ey", "ay", "oy", "iy")):
        forms.update({name + "a": "a", name + "u": "u", name[:-1] + "em": "em",
                      name + "em": "em"})
    elif name.endswith(("a", "ya")):
        stem = name[:-1]
        forms.update({stem + "y": "y", stem + "u": "u", stem + "oy": "oy", stem + "i": "y"})
    elif name[-1] not in "aeiouy":
        forms.update({name + "a": "a", name + "u": "u", name + "om": "om", name + "e": "e",
                      name + "ym": "ym"})
    return {form: ending for form, ending in forms.items() if form != name}


@lru_cache(maxsize=8192)
def feminine(surname: str) -> str | None:
    """The woman's form of a man's surname, or None where it has no separate one."""
    for man, woman in (("skiy", "skaya"), ("skii", "skaya"), ("sky", "skaya"),
                       ("ski", "skaya"), ("tskiy", "tskaya"), ("nyy", "naya"), ("ny", "naya"),
                       ("oy", "aya")):
        if surname.endswith(man):
            return surname[:-len(man)] + woman
    if _MAN_SURNAME.search(surname):
        return surname + "a"
    return None


def run(ctx: CheckContext) -> Iterator[Finding]:
    document = ctx.document
    text = document.text
    singles: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    # Each name word with the name word right after it, if any: "Governor Sergey Furgal" gives
    # (Governor, Sergey) and (Sergey, Furgal), so a title never hides the full name.
    # Kept as columns of shared words and unboxed offsets: a tuple per name word, each with
    # its own copies of the words, held 2.7 times the text's size on a big file.
    words: list[str] = []
    starts = array("q")
    seconds: list[str | None] = []
    second_starts = array("q")
    same: dict[str, str] = {}
    in_prose = ctx.shared(prose_test)
    for match in _NAMES.finditer(text):
        word, second = match.group("first"), match.group("second")
        if not in_prose(match.start(), match.end("first")):
            continue
        word = same.setdefault(word, word)
        singles[word] += 1
        if second:
            second = same.setdefault(second, second)
            pairs[(word, second)] += 1
        words.append(word)
        starts.append(match.start())
        seconds.append(second)
        second_starts.append(match.start("second") if second else -1)
    del same

    def tokens() -> Iterator[tuple[str, int, str | None, int]]:
        return zip(words, starts, seconds, second_starts, strict=True)

    if len(singles) < 2:
        return
    bare_of = _bare_forms(singles)
    index = ctx.shared(text_index)
    # The pairs by first and by second word, in the text's order: looked up per token, not
    # scanned, so a long file's many names are not compared all against all.
    by_first: dict[str, list[str]] = {}
    by_second: dict[str, list[str]] = {}
    for f, s in pairs:
        by_first.setdefault(f, []).append(s)
        by_second.setdefault(s, []).append(f)
    source = _source_names(ctx) if ctx.source is not None else None
    done: set[int] = set()
    # The generators below are entered only where their first test passes (a token at a time,
    # most tokens pass none of them): the same findings, without a generator per token.
    for first, start, second, second_start in tokens():
        if second:
            if first.endswith("a") and feminine(second) is not None:
                yield from _feminine(ctx, index, first, second, second_start, by_first, source)
            fixed = (bare_of.get(first, first), bare_of.get(second, second))
            if fixed != (first, second) and pairs.get(fixed) and not _ambiguous(second):
                for word, at in ((first, start), (second, second_start)):
                    if bare_of.get(word, word) != word and at not in done:
                        done.add(at)
                        yield _case(word, at, bare_of[word], autofix=True,
                                    why=f"the text also writes “{' '.join(fixed)}”")
    # Where a first name comes before a surname, the surname is not alone ("Later" is no name).
    after_name = {second_start for first, _, second, second_start in tokens()
                  if second and english.count(first) < _FIRST_NAME_LIKE}
    for word, at, second, _ in tokens():
        if second is None and at not in after_name and feminine(word) in by_second:
            yield from _lone_feminine(index, word, at, by_second)
    wrong_words = ctx.glossary.wrong_words()
    for word, at, _, _ in tokens():
        if at in done:
            continue
        bare = bare_of.get(word)
        if bare is not None and inflections(bare)[word] in _SAFE_ALONE:
            yield _case(word, at, bare, autofix=False, why=f"the text also writes “{bare}”")
        elif bare is None:
            nominative = _nominative_from_source(word, source[0]) if source else None
            if nominative is not None:
                yield _case(word, at, nominative, autofix=False,
                            why="the Russian source has it in an oblique case")
            elif word not in wrong_words and _unmistakable(word) is not None:
                yield from _unmistakable_ending(word, at)  # (else the glossary reports it)


# Endings no English spelling of a Russian name has, whatever the text says elsewhere: the
# instrumental -ym of -ov/-ev/-in surnames (Senichevym), the genitive and dative of -sky
# (Dostoevskogo), and the -oj of a scholarly transliteration (Kurnosovoj, Konjushennoj).
# (pattern, nominative ending or None where the nominative is not known: Donskoj is one.)
_UNMISTAKABLE = (
    (re.compile(r"(?<=[a-z]{3})(ov|ev|in)ym$"), r"\1"),
    (re.compile(r"(?<=[a-z]{2}sk)(?:ogo|omu)$"), "y"),
    (re.compile(r"(?<=[a-z]{3})(ov|ev|in)oj$"), r"\1a"),
    (re.compile(r"(?<=[a-z]{3})(sk|nn|n)oj$"), None),
)


def _unmistakable_ending(word: str, at: int) -> Iterator[Finding]:
    found = _unmistakable(word)
    if found is not None:
        bare, ending = found
        yield Finding(rule="name-endings/case", span=Span(at, at + len(word)),
                      severity=Severity.WARNING,
                      message=f"“{word}” keeps a Russian case ending (“-{ending}”)"
                              " that no English spelling of a name has",
                      text=word, suggestion=bare, autofix=False)


@lru_cache(maxsize=8192)
def _unmistakable(word: str) -> tuple[str | None, str] | None:
    """The nominative (None where unknown) and the ending of a word no English name spells so."""
    if english.count(word):
        return None
    for pattern, nominative in _UNMISTAKABLE:
        match = pattern.search(word)
        if match is not None:
            bare = pattern.sub(nominative, word) if nominative is not None else None
            return bare, word[match.end(1):] if pattern.groups else word[match.start():]
    return None


def _bare_forms(singles: Counter[str]) -> dict[str, str]:
    """Each inflected spelling in the text → the bare spelling the text also has."""
    bare_of: dict[str, str] = {}
    for name in singles:
        if english.count(name) >= _COMMON:
            continue
        for form in inflections(name):
            if form in singles and not english.is_word(form) and form not in bare_of:
                bare_of[form] = name
    return bare_of


def _ambiguous(second: str) -> bool:
    """A "-a" on a man's surname may be his wife: "Ivanova" is a name of its own."""
    return second.endswith("a") and _MAN_SURNAME.search(second[:-1]) is not None


def _case(word: str, at: int, bare: str, autofix: bool, why: str) -> Finding:
    ending = word[len(_common_prefix(word, bare)):]
    return Finding(rule="name-endings/case", span=Span(at, at + len(word)),
                   severity=Severity.ERROR if autofix else Severity.WARNING,
                   message=f"“{word}” keeps the Russian case ending “-{ending}”; {why}",
                   text=word, suggestion=bare, autofix=autofix)


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


def _feminine(ctx: CheckContext, index: TextIndex, first: str, second: str, at: int,
              by_first: dict[str, list[str]],
              source: tuple[dict[str, str], set[str]] | None) -> Iterator[Finding]:
    woman = feminine(second)
    if woman is None or not first.endswith("a"):
        return
    written = [s for s in by_first.get(first, ()) if feminine_of(s, second)]
    span = Span(at, at + len(second))
    if written:
        yield Finding(rule="name-endings/feminine", span=span, severity=Severity.ERROR,
                      message=f"“{first} {second}” gives a woman the man's surname; the text "
                              f"also writes “{first} {written[0]}”", text=second,
                      suggestion=written[0], autofix=True)
        return
    from retranslate.language.russian import name_key

    by_source = source is not None and name_key(woman) in source[1] \
        and name_key(second) not in source[1]
    if by_source or _pronouns_say_woman(index, at):
        why = "the Russian source has the feminine form" if by_source else \
            "the text calls this person “she”"
        yield Finding(rule="name-endings/feminine", span=span, severity=Severity.WARNING,
                      message=f"“{first} {second}” has a man's surname ending; {why}",
                      text=second, suggestion=woman, autofix=False)


def _lone_feminine(index: TextIndex, surname: str, at: int,
                   by_second: dict[str, list[str]]) -> Iterator[Finding]:
    """A surname alone in the man's form for a woman the text names in full: "Evgenia
    Medvedeva ... Medvedev after she refused". Never where a man of that name is written too."""
    woman = feminine(surname)
    if woman is None:
        return
    women = [f for f in by_second.get(woman, ()) if f.endswith("a")]
    men = [f for f in by_second.get(surname, ()) if english.count(f) < _FIRST_NAME_LIKE]
    if not women or men or not _pronouns_say_woman(index, at):
        return
    yield Finding(rule="name-endings/feminine", span=Span(at, at + len(surname)),
                  severity=Severity.WARNING,
                  message=f"“{surname}” is the man's form; the text names “{women[0]} {woman}” "
                          "and calls this person “she”",
                  text=surname, suggestion=woman, autofix=False)


def feminine_of(written: str, man: str) -> bool:
    """Whether `written` is a spelling of the feminine form of `man` (Tikhanovskaya/-ski)."""
    from retranslate.language.russian import name_key

    woman = feminine(man)
    return woman is not None and written != man and name_key(written) == name_key(woman)


def _pronouns_say_woman(index: TextIndex, offset: int) -> bool:
    """She/her in this sentence or the next, and no he/his/him there."""
    window = index.two_sentences(offset)
    return bool(_SHE.search(window)) and not _HE.search(window)


def _source_names(ctx: CheckContext) -> tuple[dict[str, str], set[str]]:
    """From the source's capitalised words: the key of each surely oblique name → its
    nominative (gender kept), and the keys of every name's nominative. Empty without pymorphy3."""
    assert ctx.source is not None
    from retranslate.language.russian import name_key, oblique_names

    oblique = oblique_names(ctx.source.text)
    nominatives = {name_key(w) for w in set(_CAPITALISED_RU.findall(ctx.source.text))
                   if w not in oblique} | {name_key(n) for n in oblique.values()}
    return {name_key(w): n for w, n in oblique.items()}, nominatives


def _nominative_from_source(word: str, oblique: dict[str, str]) -> str | None:
    """`word` with the source's nominative ending in place of its own, keeping the English
    spelling of the stem (Furgala → Furgal, Sokolovoy → Sokolova); None where the English word
    is itself English ("Ukraine" is not "Украине" left in the locative) or the stems differ."""
    from retranslate.language.russian import name_key, transliterate

    nominative = oblique.get(name_key(word))
    if nominative is None or english.count(word) > 0:
        return None
    latin = re.sub(r"(?:yy|iy|yi)$", "y", transliterate(nominative))
    stem = _common_prefix(word.lower(), latin)
    if len(stem) < 3 or len(word) - len(stem) > 3 or len(latin) - len(stem) > 3:
        return None
    suggestion = word[:len(stem)] + latin[len(stem):]
    return suggestion if suggestion != word else None


CHECK = Check(
    name="name_endings",
    rules=("name-endings/case", "name-endings/feminine"),
    run=run,
    description="Russian case endings on names, and men's surnames given to women",
)
