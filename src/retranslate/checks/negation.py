"""With a source: a negation the aligned Russian sentence has and the English lost.

"Полиция не задерживала участников" translated "The police detained the participants" turns
the news round, and only the source shows it. A Russian sentence negates with не, нет, ни or a
ни- word (никто, никогда...); the English one is taken to negate with any of a generous set of
words (not, no, never, without, refused, denied, failed, unable, words in un-/non-/dis-...), so
that a rephrased negation is never mistaken for a lost one. Russian phrases whose не negates
nothing in English ("не раз" repeatedly, "не менее" at least, "пока не" until, "чуть не"
nearly) are taken out first. Only reliably aligned sentences are compared; there is no
suggestion, since the right wording is the editor's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from retranslate.checks import Check, CheckContext
from retranslate.models import Finding, Severity, Span

_NOT_NEGATING = re.compile(
    r"(?<![а-яё])(?:не только|не раз|не менее|не более|не больше|не меньше|не позднее|не ранее"
    r"|не позже|не раньше|чуть было не|чуть не|едва не|едва ли не|пока не|если не|не исключено"
    r"|не зря|не так ли|не иначе|не прочь|не без|не то чтобы|не то|ни много ни мало"
    r"|как бы то ни было|что бы ни|кто бы ни|где бы ни|как ни|сколько ни)(?![а-яё])")
_RUSSIAN_NEGATION = re.compile(
    r"(?<![а-яё])(?:не|нет|ни|нельзя|никто|никого|никому|никем|ничто|ничего|ничему|ничем"
    r"|никогда|нигде|никуда|ниоткуда|никак|никакой|никакая|никакое|никакие|никаких|никакого"
    r"|ни одного|ни одна|ни один)(?![а-яё])")
_ENGLISH_NEGATION = re.compile(
    r"\b(?:not|no|never|nobody|none|nothing|nowhere|neither|nor|without|cannot|n't|\w+n't"
    r"|refus\w*|den(?:y|ies|ied|ying|ial)\w*|fail\w*|reject\w*|declin\w*|dismiss\w*|lack\w*"
    r"|absen\w*|ban\w*|prohibit\w*|forbid\w*|forbad\w*|impossible|unless|until|till|instead"
    r"|rather|avoid\w*|prevent\w*|stop\w*|ceas\w*|halt\w*|zero|free|only|barely|hardly"
    r"|scarcely|rarely|seldom|little|few|short\w*|miss\w*|out of|insufficient\w*|inability"
    r"|incapable|inaccessible|invalid|illegal\w*|(?:un|non|dis|mis)\w{3,})\b",
    re.IGNORECASE)


def negates(russian: str) -> bool:
    """Whether a Russian sentence negates something, once non-negating не phrases are out."""
    folded = _NOT_NEGATING.sub(" ", russian.lower().replace("ё", "е"))
    return _RUSSIAN_NEGATION.search(folded) is not None


def run(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.source is None:
        return
    text = ctx.document.text
    for link, source in ctx.reliable_links():
        if not negates(source):
            continue
        start = ctx.target_segments[link.target[0]].span.start
        end = ctx.target_segments[link.target[-1]].span.end
        english = text[start:end]
        if _ENGLISH_NEGATION.search(english) or not ctx.document.in_prose(Span(start, end)):
            continue
        yield Finding(
            rule="negation/dropped", span=Span(start, end), severity=Severity.WARNING,
            message="The source sentence negates (не, нет, ни...) but the translation has no "
                    "negation: was a “not” lost?",
            text=english, suggestion=None, autofix=False, evidence=source)


CHECK = Check(
    name="negation",
    rules=("negation/dropped",),
    run=run,
    description="With a source: a negation the translation lost",
)
