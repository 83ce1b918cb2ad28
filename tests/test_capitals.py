"""capitals: capitals moved onto common words, or taken off names."""

from __future__ import annotations

import pytest

from test_debris import run_check


@pytest.mark.parametrize(("text", "wrong", "right", "autofix"), [
    ("The war is over, and it Should end soon.", "Should", "should", True),
    ("They stayed home Because of the curfew.", "Because", "because", True),
    ("Tomorrow we will Remind the residents.", "Remind", "remind", False),
    ("The riots spread. Police stopped the riots. Then the Riots began again.", "Riots",
     "riots", False),
])
def test_shifted_capitals(text: str, wrong: str, right: str, autofix: bool) -> None:
    assert run_check("capitals", text) == [("capitals/mid-sentence", wrong, right, autofix)]


@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("He flew to new York last week.", "new York", "New York"),
    ("They moved to Hong kong.", "Hong kong", "Hong Kong"),
    ("It happened on 25 may, police said.", "may", "May"),
    ("It happened on 25 may 2022.", "may", "May"),
    ("The rally on 3 march was large.", "march", "March"),
    ("They met on january 7.", "january", "January"),
    ("Donald Trump spoke. Later Donald trump left.", "Donald trump", "Donald Trump"),
])
def test_lower_case_proper_nouns(text: str, wrong: str, right: str) -> None:
    assert run_check("capitals", text) == [("capitals/proper-noun", wrong, right, True)]


@pytest.mark.parametrize("text", [
    "About 25 may attend, and some 300 march on the square.",
    "She watched Gone With the Wind in The Hague and read The Times.",
    "Where would Russia go now? We Americans agree. Will Smith came.",
    "The Agreement shall bind the Parties, and this Agreement prevails.",
    '"You" (or "Your") means the licensee. You may copy it if You keep this notice.',
    "Click is a Python package; install it with python -m pip. It uses a Git repository.",
    "Return either an Atom or a QuotedString; an atom is parsed by the Header class.",
    "pathName sash dragto index x y This command computes the index.",
    "whether or not Path, Port and Discard were set",
    "POLICE CLASH WITH PROTESTERS IN ALMATY",
    "Why the Fed May Hold Rates Steady Until Spring",
    "The Almaty Airport closed; the Almaty airport reopened. President Tokayev and president "
    "Tokayev.",
    "A white house stood on a red square near the new york deli.",
])
def test_names_titles_and_defined_terms_stay(text: str) -> None:
    assert run_check("capitals", text) == []
