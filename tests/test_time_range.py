"""Backwards time ranges without a source: the corpus's night curfew "from 11 am to 7 am"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retranslate.checks import CheckContext
from retranslate.checks.time_range import run
from retranslate.files.document import decode
from retranslate.glossary.model import Glossary


def _findings(text: str) -> list[tuple[str, str | None, bool]]:
    document = decode(text.encode(), "a.txt")
    return [(f.text, f.suggestion, f.autofix) for f in run(CheckContext(document, Glossary()))]


@pytest.mark.parametrize(("text", "expected"), [
    ("A curfew: no one may go out from 11 am to 7 am.", [("11 am to 7 am", "11 pm to 7 am", True)]),
    ("Overnight, from 10 PM - 6 PM, roads close.", [("10 PM - 6 PM", "10 PM - 6 AM", True)]),
    ("The night shift runs 11 p.m. to 7 p.m.", [("11 p.m. to 7 p.m.", "11 p.m. to 7 a.m.", True)]),
    ("Open from 11 am to 7 am daily.", [("11 am to 7 am", None, False)]),
])
def test_backwards_ranges_are_flagged(text: str, expected: list[tuple[str, str | None, bool]]
                                      ) -> None:
    assert _findings(text) == expected


@pytest.mark.parametrize("text", [
    "A curfew from 11 pm to 7 am.",
    "Shops open from 9 am to 6 pm.",
    "The meeting ran from 10:30 am to 11:15 am.",
    "From 12 pm to 3 pm the office is shut.",
    "Doors open 7 am-11 am. Model 500m to 2km.",
    "From 12 am to 6 am the bridge is closed overnight.",
])
def test_ranges_that_make_sense_are_left_alone(text: str) -> None:
    assert _findings(text) == []


def test_the_corpus_night_curfew_is_repaired(corpus: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", "--format", "json", "--select", "numbers/time-range", str(corpus))
    findings = json.loads(result.stdout)
    assert [(f["text"], f["suggestion"]) for f in findings] == [("11 am to 7 am", "11 pm to 7 am")]
