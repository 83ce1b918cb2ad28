"""Fitting a new translation into the old sentence's place: markup, quotes and capitals kept."""

from __future__ import annotations

from retranslate.repair.slot import fit_fragment, fit_sentence, plain


def test_the_model_gets_words_without_markup() -> None:
    assert plain("«Она *сказала*, что [полиция](https://x.org/a_b) пришла.»") == (
        "Она сказала, что полиция пришла.")
    assert plain("**Жирный** и `код`") == "Жирный и код"
    assert plain("файл snake_case_name на месте") == "файл snake_case_name на месте"


def test_a_sentence_keeps_its_wrappers_links_emphasis_and_capital() -> None:
    old = "> “*Police* came to [the square](https://x.org/s) ночью.”"
    assert fit_sentence(old[2:], "«police came to the square at night.»").text == (
        "“*Police* came to [the square](https://x.org/s) at night.”")
    assert fit_sentence("Night of unrest", "night of unrest.").text == "Night of unrest"
    lost = fit_sentence("See [the report](https://x.org/r).", "Read the document.")
    assert (lost.text, lost.problem) == (None, "the re-translation lost the link on “the report”")
    assert fit_sentence("Text.", "  ").problem == "the model returned nothing"


def test_a_fragment_takes_the_case_of_the_words_it_replaces() -> None:
    assert fit_fragment("ночью полиция", "At night the police.").text == "at night the police"
    assert fit_fragment("Ночью", "at night").text == "At night"
    assert fit_fragment("ВВС", "BBC").text == "BBC"
