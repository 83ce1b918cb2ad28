"""Pronouns of the wrong gender, where Russian grammatical gender leaked into English.

Russian «он»/«она» follow the noun's grammatical gender, so MT writes "he" for a woman whose
surname it did not recognise and "her" for the police (полиция is feminine). A pronoun is only
reported where its antecedent is not in doubt:
- pronouns/gender (he, his, him for a woman): the sentence names a woman the text identifies
  as one (a female given name before the surname somewhere in the text, "Svetlana
  Tikhanovski", or a Russian feminine surname, "Zakharova"), and neither this sentence nor
  the two sentences before it holds anyone else it could mean: no man's
  name, no male noun, no person between the name and the pronoun ("her lawyer"), no other
  he/his, no unknown capitalised word (a name the word list
  lacks), and the sentence quotes no one.
- pronouns/institution (she, her for an institution): "the police ... accused her", where the
  sentence names the institution before the pronoun, and the sentence and the two before
  it hold no woman, no female noun and no other she/her.
Both are reported, never fixed: "she" may be right in a text that goes on about a woman.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from retranslate.checks import Check, CheckContext
from retranslate.language import english, vocabulary
from retranslate.language.given_names import FEMALE_NAMES, GIVEN_NAMES, MALE_NAMES
from retranslate.models import Finding, Segment, Severity, Span

_FEMININE_SURNAME = re.compile(r"[A-Z][a-z]+(?:ova|eva|skaya|tskaya)$")
_FEMININE_ENDINGS = ("ova", "eva", "skaya")  # what _FEMININE_SURNAME ends in, tested first
_MASCULINE_SURNAME = re.compile(r"[A-Z][a-z]+(?:ov|ev|sky|skiy|skii|vich)$")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?![\w'’-])")
_MALE_PRONOUN = re.compile(r"\b(?:he|his|him|himself)\b", re.IGNORECASE)
_FEMALE_PRONOUN = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_MALE_NOUNS = re.compile(r"\b(?:man|men|husband|son|father|brother|boy|grandfather|uncle|"
                         r"nephew|king|prince|Mr|gentleman|himself|guy)\b", re.IGNORECASE)
_FEMALE_NOUNS = re.compile(r"\b(?:woman|women|wife|daughter|mother|sister|girl|grandmother|"
                           r"aunt|niece|queen|princess|Mrs|Ms|lady|widow|actress|"
                           r"chairwoman|spokeswoman|businesswoman|pensioner)\b", re.IGNORECASE)
# Institutions that are feminine in Russian and "it" in English.
_INSTITUTION = re.compile(r"\bthe (?:police|commission|administration|company|party|army|"
                          r"prosecutor's office|city hall|Duma|Rada)\b(?P<rest>.*)$",
                          re.IGNORECASE | re.DOTALL)
_INSTITUTION_WORD = re.compile(r"[Tt]he (?:police|commission|administration|company|party|army|"
                               r"prosecutor's office|city hall|Duma|Rada)\b")
# People a pronoun after the woman's name may mean instead: "Volkova said her lawyer ... he".
_PERSON_NOUNS = re.compile(r"\b(?:lawyer|attorney|president|minister|official|spokesman|"
                           r"officer|judge|prosecutor|leader|chief|commander|director|governor|"
                           r"mayor|ambassador|deputy|candidate|colleague|partner|friend|"
                           r"investigator|doctor|coach|driver|boss|client|opponent|rival)s?\b",
                           re.IGNORECASE)
_QUOTES = re.compile(r"[\"“”«»]")
_WINDOW = 2  # sentences before the pronoun's that may hold another antecedent


def run(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.document.text
    if " he" not in text and " his" not in text and " her" not in text \
            and "He" not in text and "His" not in text:
        return
    women, men = _people(text)
    # Only the sentences that name a woman or an institution are read, found in one pass each.
    wanted: dict[int, set[str]] = {}
    if women:
        named = re.compile("|".join(re.escape(w) for w in sorted(women, key=len, reverse=True)))
        for match in named.finditer(text):
            _want(ctx, wanted, match.start(), "gender")
    for match in _INSTITUTION_WORD.finditer(text):
        _want(ctx, wanted, match.start(), "institution")
    segments = ctx.target_segments
    for index in sorted(wanted):
        segment, before = segments[index], segments[max(0, index - _WINDOW):index]
        if "gender" in wanted[index]:
            yield from _men_for_women(ctx, segment, before, women, men)
        if "institution" in wanted[index]:
            yield from _women_for_institutions(ctx, segment, before, women)


def _want(ctx: CheckContext, wanted: dict[int, set[str]], offset: int, rule: str) -> None:
    index = ctx.target_segment_at(offset)
    if index is not None:
        wanted.setdefault(index, set()).add(rule)


def _people(text: str) -> tuple[set[str], set[str]]:
    """Surnames the text gives a woman's and a man's given name; a surname with both is left
    out of either (a couple, "Svetlana and Sergei Tikhanovsky")."""
    women: set[str] = set()
    men: set[str] = set()
    # The distinct tokens the other word checks share, not a split of the text of its own.
    words = {w.strip(".,;:!?\"“”()«»'’") for w in vocabulary.of_text(text).tokens}
    given = [w for w in words if w[:1].isupper() and w.lower() in GIVEN_NAMES]
    if given:
        full_name = re.compile("(?:" + "|".join(re.escape(w) for w in given) + r") "
                               r"(?P<last>[A-Z][a-z]{2,})(?![\w'’-])")
        for match in full_name.finditer(text):
            if match.start() and text[match.start() - 1].isalnum():
                continue
            first = match.group().split(" ", 1)[0].lower()
            if first in FEMALE_NAMES:
                women.add(match.group("last"))
            elif first in MALE_NAMES:
                men.add(match.group("last"))
    for word in words:
        if word.endswith(_FEMININE_ENDINGS) and _FEMININE_SURNAME.fullmatch(word) \
                and english.count(word) == 0:
            women.add(word)
    return women - men, men - women


def _men_for_women(ctx: CheckContext, segment: Segment, before: Sequence[Segment],
                   women: set[str], men: set[str]) -> Iterator[Finding]:
    sentence = segment.text
    mention = next((m for m in _CAPITALISED.finditer(sentence) if m.group() in women), None)
    if mention is None:
        return
    pronoun = _MALE_PRONOUN.search(sentence, mention.end())
    if pronoun is None:
        return
    earlier, context = _around(before, sentence, pronoun)
    if _QUOTES.search(sentence) or _MALE_PRONOUN.search(earlier) \
            or _MALE_NOUNS.search(context) \
            or _PERSON_NOUNS.search(sentence, mention.end(), pronoun.start()):
        return
    for word in _CAPITALISED.findall(context):
        lower = word.lower()
        if word in women or lower in FEMALE_NAMES:
            continue
        if word in men or lower in MALE_NAMES or _MASCULINE_SURNAME.match(word) \
                or english.count(word) == 0:
            return  # another person it may mean
    yield from _finding(ctx, segment, pronoun, "pronouns/gender",
                        f"“{pronoun.group()}” refers to {mention.group()}, a woman: "
                        f"“{_female(pronoun.group())}”", _female(pronoun.group()))


def _women_for_institutions(ctx: CheckContext, segment: Segment, before: Sequence[Segment],
                            women: set[str]) -> Iterator[Finding]:
    sentence = segment.text
    if "her" not in sentence and "she" not in sentence:
        return
    institution = _INSTITUTION.search(sentence)
    if institution is None:
        return
    rest_start = institution.start("rest")
    pronoun = _FEMALE_PRONOUN.search(sentence, rest_start)
    if pronoun is None:
        return
    earlier, context = _around(before, sentence, pronoun)
    if _FEMALE_PRONOUN.search(earlier) or _FEMALE_NOUNS.search(context) \
            or _QUOTES.search(sentence):
        return
    for word in _CAPITALISED.findall(context):
        if word in women or word.lower() in FEMALE_NAMES or _FEMININE_SURNAME.match(word):
            return
    name = sentence[institution.start() + 4:rest_start]
    yield from _finding(ctx, segment, pronoun, "pronouns/institution",
                        f"“{pronoun.group()}” refers to the {name}: English says “it” or "
                        f"“its”", _neuter(pronoun.group()))


def _around(before: Sequence[Segment], sentence: str,
            pronoun: re.Match[str]) -> tuple[str, str]:
    """The text before the pronoun (with the sentences before), and that with the sentence's
    rest: where another antecedent could be."""
    earlier = " ".join(s.text for s in before) + " " + sentence[:pronoun.start()]
    return earlier, earlier + " " + sentence[pronoun.end():]


def _female(pronoun: str) -> str:
    lower = {"he": "she", "his": "her", "him": "her", "himself": "herself"}[pronoun.lower()]
    return lower.capitalize() if pronoun[0].isupper() else lower


def _neuter(pronoun: str) -> str | None:
    """ "it" for "she"; "her" may be "it" or "its", which a check without a parser cannot tell."""
    lower = {"she": "it", "herself": "itself"}.get(pronoun.lower())
    if lower is None:
        return None
    return lower.capitalize() if pronoun[0].isupper() else lower


def _finding(ctx: CheckContext, segment: Segment, pronoun: re.Match[str], rule: str,
             message: str, suggestion: str | None) -> Iterator[Finding]:
    start = segment.span.start + pronoun.start()
    span = Span(start, start + len(pronoun.group()))
    if ctx.document.in_prose(span):
        yield Finding(rule=rule, span=span, severity=Severity.WARNING, message=message,
                      text=pronoun.group(), suggestion=suggestion, autofix=False)


CHECK = Check(
    name="pronouns",
    rules=("pronouns/gender", "pronouns/institution"),
    run=run,
    description="He for a named woman, her for the police: Russian grammatical gender in English",
)
