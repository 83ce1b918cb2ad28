"""Name consistency: spellings of one name grouped, different people kept apart."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from retranslate.checks import CheckContext, batch_hooks
from retranslate.checks.names import NameBatch, group_spellings, run, same_name
from retranslate.files.document import decode
from retranslate.glossary.model import Entry, Glossary

TOKAYEV = Glossary((Entry(id="n-tokayev", target="Tokayev", wrong=("Tokaev",),
                          note="The president's name as Western agencies spell it."),))


@pytest.mark.parametrize(("a", "b"), [
    ("Tokayev", "Tokaev"), ("Yekaterina", "Ekaterina"), ("Sokolova", "Sakolova"),
    ("Kassym-Zhomart", "Kassym-Jomart"), ("Andrey", "Andrei"), ("Zhumaly", "Jumaly"),
    ("Lukashenka", "Lukashenko"), ("Yarmoshyna", "Yermoshina"), ("Babaryka", "Babariko"),
])
def test_spellings_of_one_name(a: str, b: str) -> None:
    assert same_name(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("Ivanov", "Ivanova"), ("Alexander", "Alexandra"), ("Nursultan", "Nur-Sultan"),
    ("Alma-Ata", "Almaty"), ("Petrov", "Petrova"), ("Russia", "Russian"), ("Minister", "Ministry"),
    ("Alena", "Elena"), ("Ivanova", "Ivanovo"), ("Marchenko", "Marchenka-Petrova"),
])
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert not same_name(a, b)


NO_GLOSSARY = Glossary()


def _run(text: str, glossary: Glossary = NO_GLOSSARY, source: str | None = None,
         ) -> list[tuple[str, str | None, bool]]:
    ctx = CheckContext(decode(text.encode(), "a.en.txt"), glossary,
                       decode(source.encode(), "a.ru.txt") if source else None)
    return [(f.text, f.suggestion, f.autofix) for f in run(ctx)]


TEXT = ("President Tokayev spoke on Wednesday. Later Tokaev met Anna Ivanova and Oleg Ivanov. "
        "Tokayev left. Ivanova stayed.")


def test_most_frequent_spelling_is_suggested_without_autofix() -> None:
    assert _run(TEXT) == [("Tokaev", "Tokayev", False)]


def test_glossary_preference_is_fixed_and_its_wrong_forms_left_to_it() -> None:
    text = "Then Tokaiev spoke. Later Tokaev and Tokayev answered. Then Tokaiev left."
    # Tokaiev is twice as frequent, but the glossary prefers Tokayev; Tokaev is the glossary
    # check's own finding and is not reported twice.
    assert _run(text, TOKAYEV) == [("Tokaiev", "Tokayev", True), ("Tokaiev", "Tokayev", True)]


def test_source_keeps_near_spellings_of_two_people_apart() -> None:
    english = "Sergei Kovalenko met Ivan Kovalchenko. Kovalenko said nothing."
    # Alike enough to be one name without the source...
    assert _run(english) == [("Kovalchenko", "Kovalenko", False)]
    # ...but the source names two men.
    source = "Сергей Коваленко встретился с Иваном Ковальченко. Коваленко ничего не сказал."
    assert _run(english, source=source) == []


def test_source_adds_evidence() -> None:
    english = "Marina Sokolova lives here. Later Marina Sakolova said so. Sokolova left."
    source = "Марина Соколова живёт здесь. Потом Марина Соколова так сказала. Соколова ушла."
    ctx = CheckContext(decode(english.encode(), "a.en.txt"), Glossary(),
                       decode(source.encode(), "a.ru.txt"))
    [finding] = run(ctx)
    assert (finding.text, finding.suggestion) == ("Sakolova", "Sokolova")
    assert finding.evidence == "Потом Марина Соколова так сказала."


def test_sentence_openers_are_not_names_unless_seen_inside() -> None:
    assert _run("Many came. Manny stayed home. Mann left.") == []


def test_groups_use_counts_only() -> None:
    counts = Counter({"Tokayev": 3, "Tokaev": 1, "Ivanov": 2, "Ivanova": 1})
    assert group_spellings(counts, Glossary()) == [["Tokaev", "Tokayev"]]


def test_batch_reports_files_that_differ_from_the_rest() -> None:
    hooks = batch_hooks(("names",))
    assert len(hooks) == 1 and isinstance(hooks[0], NameBatch)
    batch = hooks[0]
    files = {"a.txt": "Tokayev spoke. Then Tokayev left.", "b.txt": "Later Tokaev answered.",
             "c.txt": "Then Tokayev and Tokaev met."}
    for path, text in files.items():
        batch.observe(path, CheckContext(decode(text.encode(), path), Glossary()))
    found = batch.finish()
    assert [(path, f.rule, f.text, f.suggestion) for path, f in found] == [
        ("b.txt", "names/batch", "Tokaev", "Tokayev")]
    assert found[0][1].span.start == files["b.txt"].index("Tokaev")


def test_corpus_names(corpus: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", "--no-default-glossary", "--select", "names", str(corpus))
    lines = result.stdout.decode().splitlines()
    flagged = [x for x in lines if "names/inconsistent" in x]
    assert len(flagged) == 1 and "“Ekaterina” is also spelled “Yekaterina”" in flagged[0]
    assert not any("Nursultan" in x or "Nur-Sultan" in x for x in lines)


def test_a_name_opening_a_paragraph_counts_when_it_is_no_english_word() -> None:
    text = "President Lukashenko spoke in Minsk.\n\nLukashenka promised an answer."
    assert _run(text) == [("Lukashenka", "Lukashenko", False)]


def _phrases(text: str) -> list[str]:
    ctx = CheckContext(decode(text.encode(), "a.en.txt"), NO_GLOSSARY)
    return [f.text for f in run(ctx) if f.suggestion is None]


def test_one_body_named_with_two_endings() -> None:
    text = ("The special investigation service charged him. Later the special investigative "
            "service charged his deputy.")
    assert _phrases(text) == ["special investigative service"]


@pytest.mark.parametrize("text", [
    "The federal security service and the federal migration service both replied.",
    "The regional investigations department and the regional investigation department met.",
    "The special investigation service charged him, and the special investigation service "
    "charged his deputy.",
])
def test_different_bodies_or_one_spelling_stay_silent(text: str) -> None:
    assert _phrases(text) == []
