"""markup: broken and leftover HTML entities and tags."""

from __future__ import annotations

import pytest

from test_debris import run_check


@pytest.mark.parametrize(("text", "broken", "fixed"), [
    ("It is 10 & nbsp; km away.", " & nbsp; ", "\u00a0"),
    ("Read more & gt; & gt;", "& gt; & gt;", ">>"),
    ("closed & mdash; without warning", "& mdash;", "—"),
    ("bread & Nbsp;rose", " & Nbsp;", "\u00a0"),
    ("He said &quot;hi&quot;.", "&quot;", '"'),
    ("Tom &amp; Jerry", "&amp;", "&"),
    ("a &amp;quot;double&amp;quot; escape", "&amp;quot;", '"'),
    ("an em dash & #8212; here", "& #8212;", "—"),
])
def test_entities_become_their_character(text: str, broken: str, fixed: str) -> None:
    found = run_check("markup", text)
    assert ("markup/entity", broken, fixed, True) in found


@pytest.mark.parametrize("text", [
    "AT&T; R&D; Q&A; Johnson & Johnson; fish & chips; you & it; cats & and; dogs.",
    "HTML escapes, e.g. &gt;, &#62; and &#x3E;, are named or numeric.",
    "Rock & roll, salt & pepper, 5 & 6.",
    "if a < b > c then",
    'The "<p>" tag opens a paragraph.',
    "    <b>1</b>",
    ">>> parse('<a>hello</a>')",
])
def test_plain_ampersands_and_examples_are_left_alone(text: str) -> None:
    assert run_check("markup", text) == []


def test_markdown_renders_intact_entities_but_not_broken_ones() -> None:
    assert run_check("markup", "Wait &mdash; no, &quot;yes&quot;.\n", "a.md") == []
    assert run_check("markup", "Wait & mdash; no.\n", "a.md") == \
        [("markup/entity", "& mdash;", "—", True)]


def test_a_case_that_names_two_characters_is_only_reported() -> None:
    found = run_check("markup", "Aacute: & AACUTE; here")
    assert found == []  # spaced and not a name pages use: not read at all
    assert run_check("markup", "x &AACUTE; y") == \
        [("markup/entity", "&AACUTE;", "Á", False)]


def test_tags_are_reported_not_fixed() -> None:
    assert run_check("markup", "A photo<br>with a caption. < / div >") == [
        ("markup/tag", "<br>", None, False), ("markup/tag", "< / div >", None, False)]
