"""Sentence splitting: offsets, news-text abbreviations, layout, and prose regions only."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from retranslate.files.document import decode
from retranslate.language.segment import split_sentences


def _texts(text: str, lang: str = "en") -> list[str]:
    segments = split_sentences(text, lang)
    for s in segments:  # every segment is exactly the slice its span names
        assert text[s.span.start:s.span.end] == s.text
    return [s.text for s in segments]


@pytest.mark.parametrize(("text", "expected"), [
    ("Mr. Smith flew to the U.S. on Jan. 5. He met Dr. J. R. Brown.",
     ["Mr. Smith flew to the U.S. on Jan. 5.", "He met Dr. J. R. Brown."]),
    ("President K.-Zh. Tokayev spoke. The crowd left.",
     ["President K.-Zh. Tokayev spoke.", "The crowd left."]),
    ('"It was fine." Then he left.', ['"It was fine."', "Then he left."]),
    ('"Go home!" - he shouted. - Why? - she asked.',
     ['"Go home!" - he shouted.', "- Why? - she asked."]),
    ("Prices rose by 3.5 percent, i.e. Russia paid. Approx. 300 came.",
     ["Prices rose by 3.5 percent, i.e. Russia paid.", "Approx. 300 came."]),
    ("Wait... What? Yes!", ["Wait...", "What?", "Yes!"]),
])
def test_english_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("В 1999 г. на ул. Ленина прошёл митинг. Т.е. никто не пострадал.",
     ["В 1999 г. на ул. Ленина прошёл митинг.", "Т.е. никто не пострадал."]),
    ("Президент К.-Ж. Токаев выступил. Задержаны 2 тыс. чел. Что дальше?",
     ["Президент К.-Ж. Токаев выступил.", "Задержаны 2 тыс. чел.", "Что дальше?"]),
    ("— Я не знаю, — сказал он. — Может быть, завтра.",
     ["— Я не знаю, — сказал он.", "— Может быть, завтра."]),
    ("«Сначала был мирный митинг. Потом нет», — рассказывает она. Всё.",
     ["«Сначала был мирный митинг.", "Потом нет», — рассказывает она.", "Всё."]),
])
def test_russian_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text, "ru") == expected


def test_layout_headings_datelines_lists_and_paragraphs() -> None:
    text = ("Posted 7 January 2022, 15:25\nNight of unrest\n\nThe city woke up. Shops burned.\n\n"
            "What residents saw:\n- broken windows\n- 1. burnt cars\n2. Queues. Long ones.\n")
    segments = split_sentences(text, "en")
    assert [(s.paragraph, s.text) for s in segments] == [
        (0, "Posted 7 January 2022, 15:25"), (0, "Night of unrest"),
        (1, "The city woke up."), (1, "Shops burned."),
        (2, "What residents saw:"), (2, "broken windows"), (2, "1. burnt cars"),
        (2, "Queues."), (2, "Long ones."),
    ]


def test_wrapped_lines_stay_one_sentence() -> None:
    text = ("The regional administration said on Wednesday that the\ncurfew would last until "
            "Monday at least, and that the\nCentral Square would stay closed. Then it rained.")
    assert _texts(text) == [text[:text.index(" Then")], "Then it rained."]


def test_only_prose_is_segmented() -> None:
    markdown = ("# Unrest\n\nSee `code. Here` and https://example.org/a.b. Then more.\n\n"
                "```\nCode. Block.\n```\nAfter the code.\n")
    document = decode(markdown.encode(), "news.md")
    segments = split_sentences(document.text, "en", document.prose)
    assert [(s.paragraph, s.text) for s in segments] == [
        (0, "Unrest"),
        (1, "See `code. Here` and https://example.org/a.b."),  # no split inside code or URL
        (1, "Then more."),
        (2, "After the code."),
    ]


def test_empty_and_blank_text() -> None:
    assert split_sentences("", "en") == []
    assert split_sentences(" \n\n \n", "ru") == []


def test_corpus_offsets_and_news_layout(corpus: Path) -> None:
    text = corpus.read_text(encoding="utf-8")
    segments = split_sentences(text, "en")
    assert all(text[s.span.start:s.span.end] == s.text for s in segments)
    assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(segments))
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    assert segments[-1].paragraph == len(paragraphs) - 1
    # The datelines left in Russian are segments of their own, never glued to a sentence.
    datelines = [s for s in segments if s.text.startswith("7 января 2022")]
    assert datelines and all(s.text == "7 января 2022, 15:25" for s in datelines)
    # A full name with a hyphenated first name is never split.
    assert any("Kassym-Zhomart Tokayev" in s.text for s in segments)
    assert 120 <= len(segments) <= 170


def test_english_path_imports_no_russian_tooling() -> None:
    import subprocess
    import sys

    code = ("import sys; from retranslate.language.segment import split_sentences; "
            "split_sentences('One. Two.', 'en'); "
            "assert not {'razdel', 'pymorphy3'} & set(sys.modules), sys.modules.keys()")
    subprocess.run([sys.executable, "-c", code], check=True)
