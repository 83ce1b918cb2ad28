"""glued: words run together where a space or a sentence break was lost."""

from __future__ import annotations

import pytest

from retranslate.language import english
from test_debris import run_check


@pytest.mark.parametrize(("text", "rule", "wrong", "right"), [
    ("The protests in the USAcaused concern.", "glued/case", "USAcaused", "USA caused"),
    ("Journalists from other citiesThe crowds came.", "glued/case", "citiesThe", "cities. The"),
    ("It was summerAleksey left. Aleksey came back.", "glued/case", "summerAleksey",
     "summer Aleksey"),
    ("The agency example.comLondon wrote.", "glued/case", "example.comLondon",
     "example.com London"),
    ("The crowd voiceda demand.", "glued/words", "voiceda", "voiced a"),
    ("Most ofthe shops closed.", "glued/words", "ofthe", "of the"),
    ("They walked to thecity centre.", "glued/words", "thecity", "the city"),
])
def test_glued_words_are_split(text: str, rule: str, wrong: str, right: str) -> None:
    assert run_check("glued", text) == [(rule, wrong, right, True)]


@pytest.mark.parametrize("text", [
    "Read it at example.comNotes.kz/latest or mirror.orgPages/index today.",
    "The iPhone, iPad, eBay, YouTube, McDonald's, PlayStation, macOS, iOS, JavaScript, PhD.",
    "WhatsApp, LinkedIn, GitHub, PowerPoint, DiCaprio, McCain, MacBook, FedEx, SpaceX, TikTok.",
    "PDFs, URLs, APIs, IDs, CEOs, NGOs, GHz, kWh, PHPUnit, IOError, SQLite, HTMLElement.",
    "Pass onClick, setTimeout, getElementById, dataFrame, camelCase or macAddr, not snake_case.",
    "The mRNA, siRNA, qPCR, eGFP, DNase, GTPase and ATPase assays in HeLa cells.",
    "We timestamp the codebase, fix onboarding, use async redis, numba, cuda and conda today.",
    "Call tolist, fromkeys, foreach and typeof; formatters and thermostats are words.",
    "The URLopener and FancyURLopener classes.",
    "Summer came. Aleksey left.",
])
def test_brands_code_and_compounds_stay_whole(text: str) -> None:
    assert run_check("glued", text) == []


def test_a_token_with_two_splits_is_only_reported() -> None:
    found = run_check("glued", "They saw thebest andthe worst.")
    assert ("glued/words", "andthe", "and the", True) in found


def test_the_word_list_knows_common_words_and_not_glue() -> None:
    assert english.available()
    assert english.is_word("summer") and english.is_word("Voiced")
    assert not english.is_word("voiceda") and not english.is_word("ofthe")
    assert english.count("the") > english.count("summer") > english.RARE
