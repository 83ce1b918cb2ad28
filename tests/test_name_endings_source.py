"""name-endings with a Russian source: right or silent, never a suggestion that makes a right
name wrong (a woman's surname turned into her husband's, "Ukraine" turned into "Ukrainaya")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT


def _endings(tmp_path: Path, cli, english: str, russian: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    (tmp_path / "a.en.txt").write_text(english, encoding="utf-8")
    (tmp_path / "a.ru.txt").write_text(russian, encoding="utf-8")
    result = cli("check", "--format", "json", "--select", "name-endings", "a.en.txt",
                 cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return [(f["text"], f["suggestion"]) for f in json.loads(result.stdout)]


def test_the_bundled_example_gives_no_case_ending_suggestion(cli) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pymorphy3")
    result = cli("check", "--format", "json", "--select", "name-endings",
                 str(ROOT / "examples" / "curfew.en.txt"),
                 "--source", str(ROOT / "examples" / "curfew.ru.txt"))
    assert json.loads(result.stdout) == []


def test_a_womans_surname_in_the_nominative_stays(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pymorphy3")
    english = ("Olga Petrova, a nurse, said the hospital was full. \"We work nights,\" "
               "says Olga Petrova.\n")
    russian = ("Медсестра Ольга Петрова сказала, что больница переполнена. «Мы работаем по "
               "ночам», — говорит Ольга Петрова.\n")
    assert _endings(tmp_path, cli, english, russian) == []


def test_a_country_name_in_english_is_not_a_russian_locative(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pymorphy3")
    english = "Prices rose in Ukraine and in Moldova last year.\n"
    russian = "В прошлом году цены выросли в Украине и в Молдове.\n"
    assert _endings(tmp_path, cli, english, russian) == []


def test_an_oblique_name_gets_its_nominative_with_the_gender_kept(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pymorphy3")
    english = "The court heard Olga Petrovoy on Monday. Petrovoy denied the charge.\n"
    russian = "В понедельник суд заслушал Ольгу Петрову. Петровой предъявлено обвинение.\n"
    found = _endings(tmp_path, cli, english, russian)
    assert ("Petrovoy", "Petrova") in found
    assert all(suggestion != "Petrov" for _, suggestion in found)


def test_a_mans_genitive_settled_by_his_first_name(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pymorphy3")
    english = "Supporters of Ivan Sokolova gathered outside the court.\n"
    russian = "Сторонники Ивана Соколова собрались у здания суда.\n"
    assert ("Sokolova", "Sokolov") in _endings(tmp_path, cli, english, russian)
