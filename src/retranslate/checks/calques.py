"""Russian constructions MT carries into English sign for sign or morpheme for morpheme.

Each rule is one shape native English does not write, found by one regular expression over the
text (so a file costs one pass per rule), and narrowed until native text stops matching:
- calques/quote-dash: the Russian attribution after a quote, `", - said X` or `,” — stated in
  the message`, or after a line of dialogue, `…from the province, — Lukashenko said`; English
  writes `," said X`. Only before a reporting verb, so a dash that interrupts a quotation
  (`,” — she paused — “`) stays.
- calques/reversed-quotes: quotation marks turned outwards round a short name, `center” West
  “(the former`, and an opening mark before an attribution, `, “the message says.`: what is
  left when «» become curly quotes the wrong way round.
- calques/morphemes: «из-за» rendered "from-for", «из-под» "from-under": never English.
- calques/hyphen-article: an article put inside a hyphenated compound, "Telegram-the channel"
  («Telegram-канала»).
- calques/dropped-abbreviation: a Russian abbreviation dropped and its full stop left, "in the
  area of. Golubovskoe" («в районе н. п.»), and a Russian unit kept after the English one,
  "square meters. m." («кв. м»).
- calques/double-negation: Russian negative concord kept, "nobody did not come" («никто не
  пришёл»); not across a relative clause ("nobody who did not vote").
- calques/count: a count before a singular noun, "10633 case COVID-19", where the Russian
  genitive and a preposition were lost; years ("the 2019 case") and compounds ("2 case
  studies") are left alone.
All are reported with the English shape as a suggestion where one replacement is certain, and
never fixed automatically: the sentence around them usually needs rewording as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from retranslate.checks import Check, CheckContext
from retranslate.models import Finding, Severity, Span

_REPORTING = (r"(?:said|says|stated|states|added|adds|noted|notes|reported|reports|wrote|writes|"
              r"told|tells|explained|explains|stressed|stresses|emphasized|emphasised|declared|"
              r"commented|continued|concluded|recalled|answered|replied|specified|clarified|"
              r"announced|insisted|admitted|warned|believes|according)")
_QUOTE_DASH = re.compile(rf"(?P<quote>[”\"»])(?P<gap>,?[ \t]*[-–—][ \t]+)"
                         rf"(?=(?:[\w’'-]+[ \t]+){{0,3}}?{_REPORTING}\b)")
_DIALOGUE_DASH = re.compile(rf"[,!?](?P<gap>[ \t]+[-–—][ \t]+)"
                            rf"(?=(?:[\w’'-]+[ \t]+){{0,3}}?{_REPORTING}\b)")
_REVERSED_PAIR = re.compile(r"”[ \t]+(?P<inner>[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)?)"
                            r"[ \t]+“(?=[^\s“”])")
_REVERSED_CLOSE = re.compile(rf"[,.!?](?P<gap>[ \t]+“)(?=[a-z][\w ’'-]{{0,40}}?\b{_REPORTING}"
                             rf"[.,])")
_MORPHEMES = re.compile(r"[Ff]rom-(?:for|under)\b")
_MORPHEME_ENGLISH = {"from-for": "because of", "from-under": "from under"}
_HYPHEN_ARTICLE = re.compile(r"-(?:the|an?)(?=[ \t]+[a-z])")
_WORD_BEFORE = re.compile(r"(?<![\w-])[A-Za-z][a-z]*[A-Za-z]{2}$")
_DROPPED_ABBREVIATION = re.compile(r" (?:of\.(?=[ \t]+[A-Z])|the\.(?=[ \t]+\w))")
_PLACE_BEFORE = re.compile(r"(?<![\w-])(?:area|village|villages|city|town|region|district|"
                           r"settlement|settlements|vicinity|territory|outskirts)$")
_UNIT_TWICE = re.compile(r"(?P<unit>met(?:er|re)s)(?P<left>\.?[ \t]+"
                         r"(?:sq\.[ \t]*)?k?m\.?)(?![\w])")
_DOUBLE_NEGATION = re.compile(
    r"[Nn](?:obody|o one|othing|one|ever)"
    r"(?P<between>(?:[ \t]+[\w’'-]+){0,3}?)[ \t]+"
    r"(?:did|does|do|will|would|could|can|has|have|had|should)[ \t]+not\b")
_RELATIVE = frozenset(["who", "that", "which", "whom", "whose", "if", "when", "because", "whom",
                       "where", "unless"])
_COUNT = re.compile(r"\d[ \t]+(?P<noun>case|person|"
                    r"citizen|resident|patient|death|victim|vehicle|child|region|settlement)"
                    r"(?=[ \t]+[A-Z\d]|[ \t]*[,.;:)]|[ \t]*$)", re.MULTILINE)
_NOT_COUNT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.,$€£#№-")
_COUNT_BEFORE = re.compile(r"(?:\b(?:the|a|an|no|No\.|number|Number|Article|article|case|"
                           r"Case|of|in|since|from|until|by)|[№#])[ \t]*$")


def run(ctx: CheckContext) -> Iterator[Finding]:
    document = ctx.document
    text = document.text
    for _rule, finder in _RULES:
        for finding in finder(text):
            if document.in_prose(finding.span):
                yield finding


def _quote_dash(text: str) -> Iterator[Finding]:
    if "-" not in text and "–" not in text and "—" not in text:
        return
    for match in _QUOTE_DASH.finditer(text):
        gap = match.group("gap")
        if not gap.startswith(",") and text[match.start() - 1:match.start()] not in ",.!?…":
            continue  # no quotation closes here: a dash inside running text
        quote = match.group("quote")
        english = f",{quote} " if gap.startswith(",") else f"{quote} "
        yield _finding("calques/quote-dash", text, Span(match.start(), match.end()),
                       "A dash after a quotation is Russian attribution; English writes "
                       "“,” said X” without it", english)


def _dialogue_dash(text: str) -> Iterator[Finding]:
    if " - " not in text and " – " not in text and " — " not in text:
        return
    for match in _DIALOGUE_DASH.finditer(text):
        if text[match.start() - 1:match.start()] in "”\"»":
            continue  # after a quotation: the quote-dash rule's
        yield _finding("calques/quote-dash", text, Span(match.start(), match.end()),
                       "A dash before the attribution is Russian dialogue punctuation; "
                       "English writes “…, said X”", match.group()[0] + " ")


def _reversed_quotes(text: str) -> Iterator[Finding]:
    if "“" not in text:
        return
    for match in _REVERSED_PAIR.finditer(text):
        if not text[match.start() - 1:match.start()].isalnum():
            continue  # the mark must close onto a word, as a reversed opening one does
        span = Span(match.start(), match.end())
        yield _finding("calques/reversed-quotes", text, span,
                       "Quotation marks turned outwards; the quoted name opens with “ and "
                       "closes with ”", f" “{match.group('inner')}” ")
    for match in _REVERSED_CLOSE.finditer(text):
        span = Span(match.start("gap"), match.end("gap"))
        yield _finding("calques/reversed-quotes", text, span,
                       "An opening quotation mark where the quotation closes, before its "
                       "attribution", "” ")


def _morphemes(text: str) -> Iterator[Finding]:
    if "rom-" not in text:
        return
    for match in _MORPHEMES.finditer(text):
        if _word_before(text, match.start()):
            continue  # "therefrom-for" is no such calque
        word = match.group()
        english = _MORPHEME_ENGLISH[word.lower()]
        if word[0].isupper():
            english = english.capitalize()
        yield _finding("calques/morphemes", text, Span(match.start(), match.end()),
                       f"“{word}” renders a Russian preposition morpheme by morpheme; it means "
                       f"“{english}”", english)


def _hyphen_article(text: str) -> Iterator[Finding]:
    for match in _HYPHEN_ARTICLE.finditer(text):
        word = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if word is None:
            continue
        yield _finding("calques/hyphen-article", text, Span(word.start(), match.end()),
                       "An article inside a hyphenated compound: a Russian compound split "
                       "word by word", word.group())


def _dropped_abbreviation(text: str) -> Iterator[Finding]:
    if "." not in text:
        return
    for match in _DROPPED_ABBREVIATION.finditer(text):
        start = match.start() + 1
        if match.group().startswith(" of"):
            place = _PLACE_BEFORE.search(text, max(0, match.start() - 12), match.start())
            if place is None:
                continue
            start = place.start()
        elif not text[match.start() - 1:match.start()].islower():
            continue
        yield _finding("calques/dropped-abbreviation", text, Span(start, match.end()),
                       "A full stop where a Russian abbreviation (a place or a unit) was "
                       "dropped: the word it stood for is missing", None)
    for match in _UNIT_TWICE.finditer(text):
        start = match.start() - 4 if text[match.start() - 4:match.start()] == "kilo" \
            else match.start()
        if _word_before(text, start):
            continue  # "diameters" is no unit
        unit, left = text[start:match.end("unit")], match.group("left")
        if left.strip(" \t.").lstrip("sq.").strip() not in ("m", "km"):
            continue
        if left.strip(" \t.").endswith("km") != unit.startswith("kilo"):
            continue
        suggestion = unit + ("." if left.endswith(".") else "")
        yield _finding("calques/dropped-abbreviation", text, Span(start, match.end()),
                       f"The Russian unit abbreviation is left after “{unit}”", suggestion)


def _double_negation(text: str) -> Iterator[Finding]:
    for match in _DOUBLE_NEGATION.finditer(text):
        if _word_before(text, match.start()):
            continue  # "canNot", "anyone": inside a longer word
        if _RELATIVE.intersection(match.group("between").lower().split()):
            continue  # "Nobody who did not vote": the negation belongs to the clause
        yield _finding("calques/double-negation", text, Span(match.start(), match.end()),
                       "Two negations where the Russian has one (“никто не”): English says "
                       "“nobody did” or “everybody did not”", None)


def _counts(text: str) -> Iterator[Finding]:
    for match in _COUNT.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1].isdigit():
            start -= 1
        number = text[start:match.start() + 1]
        if number in ("0", "1") or text[start - 1:start] in _NOT_COUNT:
            continue  # "1 case"; "$5", "No.5", "3.5" or "1,000" ends elsewhere
        if len(number) == 4 and 1800 <= int(number) <= 2099:
            continue  # "the 2019 case"
        if _COUNT_BEFORE.search(text, max(0, start - 12), start):
            continue  # "the 12 case files", "Article 20 case law": a citation or a modifier
        yield _finding("calques/count", text, Span(start, match.end()),
                       f"A count before the singular “{match.group('noun')}”: the Russian "
                       f"genitive (and a preposition) were lost", None)


def _word_before(text: str, start: int) -> bool:
    """Whether a letter, digit or hyphen touches `start` from the left (inside a word)."""
    before = text[start - 1:start]
    return bool(before) and (before.isalnum() or before in "_-")


def _finding(rule: str, text: str, span: Span, message: str,
             suggestion: str | None) -> Finding:
    return Finding(rule=rule, span=span, severity=Severity.WARNING, message=message,
                   text=text[span.start:span.end], suggestion=suggestion, autofix=False)


_RULES = (("calques/quote-dash", _quote_dash), ("calques/quote-dash", _dialogue_dash),
          ("calques/reversed-quotes", _reversed_quotes),
          ("calques/morphemes", _morphemes), ("calques/hyphen-article", _hyphen_article),
          ("calques/dropped-abbreviation", _dropped_abbreviation),
          ("calques/double-negation", _double_negation), ("calques/count", _counts))

CHECK = Check(
    name="calques",
    rules=tuple(dict.fromkeys(rule for rule, _ in _RULES)),
    run=run,
    description="Russian punctuation and constructions carried into English sign for sign",
)

