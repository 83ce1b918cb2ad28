"""With a source: a person in the English whom the aligned Russian sentence does not name.

MT sometimes puts another person's name in a sentence ("His deputy Alexei Sazanov" for
«Алексей Моисеев»). Only the source shows it, so this check runs only on reliably aligned
sentences, and it speaks only when both sides leave a name over: an English name word that
matches no capitalised Russian word of the sentence by transliteration key, while the Russian
names a surname (pymorphy3's Surn) that no English name word of the sentence matches. Words of
the English dictionary ("Moscow", "Kremlin", "Paul") are never taken for transliterations. No
suggestion: the right English spelling of the Russian name is for the editor to choose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from retranslate.checks import Check, CheckContext
from retranslate.models import Finding, Severity, Span

_NAME = re.compile(r"(?<![\w'’-])[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?(?![\w-])")
_RUSSIAN = re.compile(r"(?<![А-Яа-яЁё-])[А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁа-яё][а-яё]+)?")
# Two transliterations of one name (Moiseyev/Моисеев, Kharkiv/Харьков) score above this.
_SAME = 70.0


def run(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.source is None:
        return
    from retranslate.language import english

    if not english.available():
        return
    for link, source in ctx.reliable_links():
        first = ctx.target_segments[link.target[0]].span.start
        last = ctx.target_segments[link.target[-1]].span.end
        yield from _sentence(ctx, source, first, last)


def _sentence(ctx: CheckContext, source: str, start: int, end: int) -> Iterator[Finding]:
    from rapidfuzz import fuzz

    from retranslate.language import english
    from retranslate.language.russian import is_surname, name_key, nominative

    russian = {w: {name_key(w), name_key(nominative(w))} for w in _RUSSIAN.findall(source)}
    if not russian:
        return
    text = ctx.document.text
    names = [m for m in _NAME.finditer(text, start, end)
             if not english.count(m.group()) and ctx.document.in_prose(Span(m.start(), m.end()))]

    def close(word: str, keys: set[str]) -> bool:
        key = name_key(word)
        return any(fuzz.ratio(key, k) >= _SAME for k in keys)

    strays = [m for m in names if not any(close(m.group(), keys) for keys in russian.values())]
    missing = [w for w, keys in russian.items()
               if is_surname(w) and not any(close(m.group(), keys) for m in names)]
    if len(strays) != 1 or len(missing) != 1:
        return  # nothing left over, or more than one: which went where is a guess
    stray, surname = strays[0], missing[0]
    yield Finding(
        rule="names/source", span=Span(stray.start(), stray.end()), severity=Severity.WARNING,
        message=f"“{stray.group()}” is not in the aligned source sentence, which names "
                f"{surname} here: another person's name?",
        text=stray.group(), suggestion=None, autofix=False, evidence=source)


CHECK = Check(
    name="source_names",
    rules=("names/source",),
    run=run,
    description="With a source: a person named in the English but not in the aligned Russian",
)
