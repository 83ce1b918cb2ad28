"""Repair by re-translation: flagged sentences translated again, the glossary enforced."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from conftest import DATA
from retranslate.checks import load_checks
from retranslate.files.document import decode
from retranslate.glossary import load_glossary
from retranslate.pipeline import fix_document
from retranslate.repair.retranslate import enforce_glossary

GLOSSARY = load_glossary([DATA / "glossary" / "test.toml"])
ENGLISH = ("Marina Sokolova lives in Almaty with her family.\n\n"
           "She said that ночью полиция detained many people. Shops were closed.\n")
RUSSIAN = ("Марина Соколова живёт в Алматы со своей семьёй.\n\n"
           "Она сказала, что ночью полиция задержала протестующих. Магазины были закрыты.\n")
NEEDS_MT = 'needs the mt extra: pip install "retranslate[mt]"'
FLAGGED_SOURCE = "Она сказала, что ночью полиция задержала протестующих."


class CannedTranslator:
    """A test double for the logic above the translator; the real model is tested below."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def translate(self, sentences: Sequence[str]) -> list[str]:
        self.asked.extend(sentences)
        return [self.answers[s] for s in sentences]


def test_enforce_glossary_follows_the_source() -> None:
    mt = "At night the police detained Protestants."
    assert enforce_glossary(mt, FLAGGED_SOURCE, GLOSSARY) == (
        "At night the police detained protesters.")
    assert enforce_glossary(mt, "Протестанты пели гимны.", GLOSSARY) == mt


def test_only_the_flagged_sentence_is_retranslated() -> None:
    translator = CannedTranslator(
        {FLAGGED_SOURCE: "She said that at night the police detained Protestants."})
    result = fix_document(decode(ENGLISH.encode(), "a.en.txt"), GLOSSARY, load_checks(),
                          decode(RUSSIAN.encode(), "a.ru.txt"), translator=translator)
    assert translator.asked == [FLAGGED_SOURCE]
    assert result.fixed_text == ENGLISH.replace(
        "She said that ночью полиция detained many people.",
        "She said that at night the police detained protesters.")
    assert not any(f.rule.startswith("untranslated/") for f in result.remaining)


def test_without_a_translator_the_sentence_is_only_reported() -> None:
    result = fix_document(decode(ENGLISH.encode(), "a.en.txt"), GLOSSARY, load_checks(),
                          decode(RUSSIAN.encode(), "a.ru.txt"))
    assert result.fixed_text == ENGLISH
    assert any(f.rule == "untranslated/text" for f in result.remaining)


# A tiny real model that renders the flagged sentence word for word, with the mistake a real
# model makes: протестующих → Protestants.
LEXICON = {"Она": "She", "сказала,": "said", "что": "that", "ночью": "at night",
           "полиция": "the police", "задержала": "detained", "протестующих": "Protestants"}


@pytest.fixture
def tiny_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    pytest.importorskip("argostranslate", reason=NEEDS_MT)
    from mt_model import argos_environment, build_argosmodel
    from retranslate.mt.packages import install_file

    environment = argos_environment(tmp_path / "argos")
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    install_file(build_argosmodel(tmp_path, lexicon=LEXICON))
    return environment


def test_fix_retranslate_with_a_real_model(tmp_path: Path, tiny_model: dict[str, str],
                                           cli) -> None:  # type: ignore[no-untyped-def]
    from retranslate.mt.translator import load_translator

    assert load_translator().translate([FLAGGED_SOURCE]) == [
        "She said that at night the police detained Protestants."]
    (tmp_path / "a.en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "a.ru.txt").write_text(RUSSIAN, encoding="utf-8")
    args = ["fix", "--retranslate", "--no-default-glossary", "-g",
            str(DATA / "glossary" / "test.toml")]
    result = cli(*args, "--write", "a.en.txt", cwd=tmp_path, env=tiny_model)
    assert result.returncode == 1, result.stderr  # changed
    fixed = (tmp_path / "a.en.txt").read_text(encoding="utf-8")
    assert fixed == ENGLISH.replace("She said that ночью полиция detained many people.",
                                    "She said that at night the police detained protesters.")
    again = cli(*args, "a.en.txt", cwd=tmp_path, env=tiny_model)
    assert again.stdout == b""  # nothing left to change


def test_retranslate_without_a_model_is_a_clear_error(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("argostranslate", reason=NEEDS_MT)
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    from mt_model import argos_environment

    result = cli("fix", "--retranslate", "a.txt", cwd=tmp_path,
                 env=argos_environment(tmp_path / "argos"))
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "retranslate: error: no ru→en model is installed "
        "(retranslate model install FILE.argosmodel)")
