"""Fitting a new translation into the old sentence's place: markup, quotes and capitals kept.

A sentence in a Markdown file carries more than words: emphasis, links, quotation marks around
it. The model translates the words only (the source is stripped of markup first), so the old
sentence's wrappers are put back around the new text and each inline link or emphasis is put
back on the same words, found again in the translation. Where they cannot be found, the
translation does not fit, and the caller keeps the old sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening and closing marks that wrap a whole sentence: quotes, brackets, emphasis.
# Brackets stay inside: a closing one may end a link.
_LEADING = re.compile(r"^[\s\"'«“„‘*_]+")
_TRAILING = re.compile(r"[\s\"'»”’*_]+$")
# Inline markup whose words must survive: [text](url), then **text**, __text__, *text*, _text_
# and `x` (links first: emphasis may hold a link, never the other way round here).
_LINK = re.compile(r"\[(?P<link>[^\]\n]+)\](?P<url>\([^)\s]*(?:\s+\"[^\"]*\")?\))")
_MARK = re.compile(r"(?<!\w)(?P<mark>\*\*|__|\*|_|`)(?P<marked>[^*_`\n]+?)(?P=mark)(?!\w)")
_SENTENCE_END = ".!?…"


@dataclass(frozen=True)
class Fitted:
    """The text for the slot, or why the translation does not fit it."""

    text: str | None
    problem: str = ""


def plain(text: str) -> str:
    """Markdown text reduced to its words: what the model should be given to translate."""
    text = _LINK.sub(lambda match: match.group("link"), text)
    # Quotes around the whole sentence stay out too: the old sentence's own are put back.
    return _strip_wrappers(_MARK.sub(lambda match: match.group("marked"), text).strip())


def fit_sentence(old: str, translation: str) -> Fitted:
    """`translation` in the place of the sentence `old`, with old's wrappers, inline markup and
    initial capital, or the reason it cannot take that place."""
    translation = translation.strip()
    if not translation:
        return Fitted(None, "the model returned nothing")
    lead = _LEADING.match(old)
    trail = _TRAILING.search(old)
    start = lead.end() if lead else 0
    end = max(start, trail.start() if trail else len(old))
    # An emphasis mark at the edge wraps the sentence only if the sentence does not close (or
    # open) it itself: in "*Police* came", the first * belongs to "Police".
    opening = re.search(r"[*_]+$", old[:start])
    if opening and opening.group() in old[start:end]:
        start -= len(opening.group())
    closing = re.match(r"[*_]+", old[end:])
    if closing and closing.group() in old[start:end]:
        end += len(closing.group())
    inner = old[start:end]
    fitted = _keep_inline_markup(inner, _strip_wrappers(translation))
    if fitted.text is None:
        return fitted
    text = _same_initial(inner, fitted.text)
    if inner and inner[-1] not in _SENTENCE_END and text[-1:] in ".":
        text = text[:-1]  # a heading or a caption: the model added a full stop
    return Fitted(old[:start] + text + old[end:])


def fit_fragment(old: str, translation: str) -> Fitted:
    """`translation` in the place of an untranslated fragment inside an English sentence."""
    text = translation.strip()
    if not text:
        return Fitted(None, "the model returned nothing")
    if old[-1:] not in _SENTENCE_END:
        text = text.rstrip(_SENTENCE_END)
    if old[:1].islower() and text[:1].isupper() and not text[1:2].isupper():
        text = text[0].lower() + text[1:]  # mid-sentence: the model capitalises a fragment
    return Fitted(_same_initial(old, text))


def _strip_wrappers(text: str) -> str:
    """The translation without quotes the model copied from the source: the old sentence's own
    marks are put back instead, so they are never doubled."""
    lead = _LEADING.match(text)
    trail = _TRAILING.search(text)
    start = lead.end() if lead else 0
    end = trail.start() if trail else len(text)
    return text[start:end] if start < end else text


def _keep_inline_markup(old: str, translation: str) -> Fitted:
    text = translation
    wanted = [(m.group("link"), "[", f"]{m.group('url')}", "link") for m in _LINK.finditer(old)]
    wanted += [(m.group("marked"), m.group("mark"), m.group("mark"), "emphasis")
               for m in _MARK.finditer(_LINK.sub(lambda m: m.group("link"), old))]
    for words, opening, closing, kind in wanted:
        found = re.search(rf"(?<![\w\[]){re.escape(words)}(?![\w\]])", text, re.IGNORECASE)
        if found is None:
            return Fitted(None, f"the re-translation lost the {kind} on “{words}”")
        text = f"{text[:found.start()]}{opening}{found.group()}{closing}{text[found.end():]}"
    return Fitted(text)


def _same_initial(old: str, text: str) -> str:
    """An old sentence starting with a capital starts the new one with a capital too."""
    first = next((c for c in old if c.isalpha()), "")
    at = next((i for i, c in enumerate(text) if c.isalpha()), None)
    if first.isupper() and at is not None and text[at].islower():
        return text[:at] + text[at].upper() + text[at + 1:]
    return text
