"""name_endings: Russian case endings on names, and men's surnames given to women."""

from __future__ import annotations

import pytest

from retranslate.checks.name_endings import feminine, inflections
from test_debris import run_check


def test_case_forms_and_feminine_forms() -> None:
    assert {"Furgala", "Furgalu", "Furgalom"} <= set(inflections("Furgal"))
    assert "Navalnogo" in inflections("Navalny")
    assert "Tikhanovskoy" in inflections("Tikhanovskaya")
    assert "Sergeya" in inflections("Sergey")
    assert feminine("Tikhanovski") == "Tikhanovskaya"
    assert feminine("Ivanov") == "Ivanova"
    assert feminine("Navalny") == "Navalnaya"
    assert feminine("Furgal") is None


def test_a_full_name_with_an_ending_is_fixed_by_its_bare_form() -> None:
    text = "Governor Sergey Furgal was arrested. Crowds demanded the release of Sergey Furgala."
    assert run_check("name_endings", text) == [
        ("name-endings/case", "Furgala", "Furgal", True)]


def test_a_lone_ending_is_reported_but_a_lone_a_is_not() -> None:
    text = "Furgal was arrested. Crowds supported Furgalu. Furgala is another person."
    assert run_check("name_endings", text) == [
        ("name-endings/case", "Furgalu", "Furgal", False)]


def test_a_woman_given_a_mans_surname() -> None:
    both = "Svetlana Tikhanovskaya left Minsk. Later Svetlana Tikhanovski came back."
    assert run_check("name_endings", both) == [
        ("name-endings/feminine", "Tikhanovski", "Tikhanovskaya", True)]
    pronoun = "Svetlana Tikhanovski said she would return. Her plans are unclear."
    assert run_check("name_endings", pronoun) == [
        ("name-endings/feminine", "Tikhanovski", "Tikhanovskaya", False)]


@pytest.mark.parametrize("text", [
    "Ivan Ivanov and his wife Maria Ivanova came; Ivanova spoke first.",
    "Alexander and Alexandra, Ruslan and Ruslana, Simon and Simone, Justin and Justine met.",
    "Svetlana Tikhanovskaya and her husband Sergei Tikhanovsky were both named.",
    "Nikita Mikhalkov said he agreed. His daughter Anna Mikhalkova did not.",
    "Maria Sharapova beat Petrova, and Alina Zagitova skated.",
    "Marin and Marine, Paul and Paula.",
])
def test_real_names_stay(text: str) -> None:
    assert run_check("name_endings", text) == []


def test_the_source_shows_an_oblique_case_and_a_woman() -> None:
    pytest.importorskip("pymorphy3")
    english = "Protesters demanded the release of Furgala. The governor stayed in jail."
    russian = "Протестующие требовали освободить Фургала. Губернатор остался в тюрьме."
    assert run_check("name_endings", english, "a.en.txt", russian) == [
        ("name-endings/case", "Furgala", "Furgal", False)]
    english = "Svetlana Tikhanovski returned. Crowds met her plane."
    russian = "Светлана Тихановская вернулась. Толпы встречали самолёт."
    assert ("name-endings/feminine", "Tikhanovski", "Tikhanovskaya", False) in \
        run_check("name_endings", english, "a.en.txt", russian)


def test_a_lone_mans_form_for_a_woman_named_in_full() -> None:
    text = ("Coaches praised Irina Sokolova. Later Sokolov said she would leave the club. "
            "The club declined to comment.")
    assert run_check("name_endings", text) == [
        ("name-endings/feminine", "Sokolov", "Sokolova", False)]


@pytest.mark.parametrize("text", [
    # A man of that name is in the text too: "Sokolov" may be him.
    "Irina Sokolova met Pavel Sokolov. Later Sokolov said she would leave.",
    # No pronoun says it is her.
    "Coaches praised Irina Sokolova. Later Sokolov said the club would close.",
    "Coaches praised Irina Sokolova. Later Sokolov said he would leave.",
])
def test_a_lone_mans_form_without_proof_stays(text: str) -> None:
    assert run_check("name_endings", text) == []


def test_endings_no_english_spelling_has() -> None:
    text = ("The team flew with minister Ivan Senichevym. Fans of Dostoevskogo met Olga "
            "Kurnosovoj near the Konjushennoj square.")
    assert run_check("name_endings", text) == [
        ("name-endings/case", "Senichevym", "Senichev", False),
        ("name-endings/case", "Dostoevskogo", "Dostoevsky", False),
        ("name-endings/case", "Kurnosovoj", "Kurnosova", False),
        ("name-endings/case", "Konjushennoj", None, False)]


def test_nominatives_and_english_words_with_like_endings_stay() -> None:
    assert run_check("name_endings", "Leo Tolstoy met Vasily Lanovoy and Ivan Ivanov in Kym.") == []
