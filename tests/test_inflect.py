from retranslate.glossary.inflect import (
    Form,
    article_fix,
    article_for,
    match_case,
    plural,
    realise,
    starts_sentence,
    surface_forms,
)


def test_plural_rules() -> None:
    assert plural("marauder") == "marauders"
    assert plural("noise grenade") == "noise grenades"
    assert plural("riot policeman") == "riot policemen"
    assert plural("witness") == "witnesses"
    assert plural("city") == "cities"
    assert plural("day") == "days"
    assert plural("ATM") == "ATMs"
    assert plural("riot police") == "riot police"


def test_surface_forms_cover_number_and_possessive() -> None:
    forms = dict(surface_forms("Protestant", inflect=True))
    assert forms["Protestants"] == Form(plural=True)
    assert forms["Protestant's"] == Form(possessive="'s")
    assert forms["Protestants'"] == Form(plural=True, possessive="'")
    assert [s for s, _ in surface_forms("Air Force", inflect=False)] == ["Air Force",
                                                                         "Air Force's"]


def test_realise_keeps_form() -> None:
    assert realise("protester", Form(plural=True)) == "protesters"
    assert realise("protester", Form(possessive="'s"), "’") == "protester’s"
    assert realise("protester", Form(plural=True, possessive="'")) == "protesters'"
    assert realise("policeman", Form(plural=True, possessive="'")) == "policemen's"


def test_case_follows_position_not_wrong_form() -> None:
    assert match_case("protesters", "Protestants", sentence_start=False) == "protesters"
    assert match_case("protesters", "Protestants", sentence_start=True) == "Protesters"
    assert match_case("protesters", "PROTESTANTS", sentence_start=False) == "PROTESTERS"
    assert match_case("BBC", "air force", sentence_start=False) == "BBC"


def test_sentence_starts() -> None:
    text = 'He left. "Marauders came.\n\nMarauders\nmarauders: see\nMarauders'
    assert starts_sentence(text, 0)
    assert starts_sentence(text, text.index("Marauders"))
    second = text.index("Marauders", text.index("\n\n"))
    assert starts_sentence(text, second)
    wrapped = text.index("marauders:")
    assert not starts_sentence(text, wrapped)


def test_articles() -> None:
    assert article_for("looter") == "a"
    assert article_for("interior ministry") == "an"
    assert article_for("FSB officer") == "an"
    assert article_for("BBC") == "a"
    assert article_for("hour") == "an"
    assert article_for("university") == "a"
    text = "It was an marauder"
    assert article_fix(text, text.index("marauder"), "looter") == (7, "a looter")
    assert article_fix("An x", 3, "officer") is None
    assert article_fix("A x", 2, "officer") == (0, "An officer")
