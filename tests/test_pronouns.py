"""pronouns: he for a woman the text names, her for the police."""

from __future__ import annotations

import pytest

from test_debris import run_check


@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("Irina Volkova leads the list. On Monday Volkova recorded a video in which he thanked "
     "voters.", "he", "she"),
    ("The vote was close. Tatiana Morozova said in his statement that the count was fair.",
     "his", "her"),
    ("Zakharova was asked about the talks, and then he declined to comment.", "he", "she"),
])
def test_he_for_a_named_woman(text: str, wrong: str, right: str) -> None:
    assert run_check("pronouns", text) == [("pronouns/gender", wrong, right, False)]


def test_her_for_the_police() -> None:
    text = "Monuments were torn down. The mayor criticised the police and accused her of idling."
    assert run_check("pronouns", text) == [("pronouns/institution", "her", None, False)]


@pytest.mark.parametrize("text", [
    # Another man the pronoun may mean: before, in the sentence, or a husband.
    "Boris Petrov spoke first. Anna Petrova said he was right.",
    "Olga Orlova met Ivan Sidorov, and he thanked her.",
    "Svetlana Orlova said her husband had left, and that he would not return.",
    "Lukashenko spoke for an hour. Maria Kolesnikova said he had lied.",
    "Irina Volkova said that her lawyer had told her he would appeal.",
    # A couple: one surname with a woman's and a man's name.
    "Sergei Tikhanovsky was jailed. Svetlana Tikhanovsky said he was innocent.",
    # Quoted speech: who "he" is lies outside the text.
    "Irina Volkova said: “He will come back.”",
    # A woman the police sentence may mean.
    "Anna Brooks called the police and they thanked her.",
    "The police said she had been released, a spokeswoman added.",
    "Maria Ivanova spoke. The police questioned her.",
])
def test_antecedent_in_doubt_stays(text: str) -> None:
    assert run_check("pronouns", text) == []
