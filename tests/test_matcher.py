from retranslate.glossary.matcher import Matcher, fold
from retranslate.glossary.model import Entry


def _found(entries: list[Entry], text: str) -> list[str]:
    return [text[m.start:m.end] for m in Matcher(entries).find(text)]


BBC = Entry(id="bbc", target="BBC", wrong=("Air Force",), inflect=False,
            ignore=("US Air Force Academy",))
PROTESTER = Entry(id="p", target="protester", wrong=("Protestant",))


def test_case_insensitive_on_word_boundaries() -> None:
    text = "PROTESTANTS, protestant and Protestantism; unProtestant"
    assert _found([PROTESTER], text) == ["PROTESTANTS", "protestant"]


def test_multi_word_terms_across_whitespace_and_line_breaks() -> None:
    text = "the Air\r\n   Force said; the air\tforce; the Air\nForce's man"
    assert _found([BBC], text) == ["Air\r\n   Force", "air\tforce", "Air\nForce's"]


def test_inflected_forms_and_curly_apostrophes() -> None:
    text = "Protestants, Protestant’s sign, Protestants' rally"
    assert _found([PROTESTER], text) == ["Protestants", "Protestant’s", "Protestants'"]


def test_a_wrong_form_inside_a_longer_correct_term_is_not_found() -> None:
    text = "He studied at the US Air Force Academy. The Air Force said."
    assert _found([BBC], text) == ["Air Force"]


def test_longest_match_wins() -> None:
    short = Entry(id="g", target="grenade", wrong=("noise",), inflect=False)
    long = Entry(id="sg", target="stun grenade", wrong=("noise grenade",))
    assert _found([short, long], "noise grenades exploded") == ["noise grenades"]


def test_fold_keeps_every_index() -> None:
    text = "İstanbul’s\u00a0Air\u2009Force"
    assert len(fold(text)) == len(text)
    assert _found([BBC], text) == ["Air\u2009Force"]
