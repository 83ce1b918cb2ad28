"""Russian morphology for source-aware checks: inflected mentions, transliteration, name keys."""

from __future__ import annotations

import pytest

from retranslate.language import russian


@pytest.mark.parametrize(("text", "words", "expected"), [
    ("Потом полиция начала разгонять протестующих.", ["протестующий"], True),
    ("Протестанты собрались у церкви.", ["протестующий"], False),
    ("Протестанты собрались у церкви.", ["протестант"], True),
    ("ВВС удалось поговорить с учительницей.", ["ВВС"], True),
    ("Власти ввели комендантский час.", ["комендантский час"], True),
    ("Час спустя комендант ушёл.", ["комендантский час"], False),
    ("Мародёры пришли позже.", ["мародер"], True),  # ё and е are one letter in the news
    ("Жители Алма-Аты не спали.", ["Алма-Ата"], True),
    ("The English sentence has no Russian.", ["протестующий"], False),
])
def test_mentions_any_inflection(text: str, words: list[str], expected: bool) -> None:
    assert russian.mentions(text, words) is expected


def test_mentions_falls_back_to_prefixes_without_pymorphy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(russian, "_analyzer", None)
    monkeypatch.setattr(russian, "_unavailable", True)
    assert russian.mentions("полиция разгоняла протестующих", ["протестующий"])
    assert not russian.mentions("Протестанты собрались", ["протестующий"])


def test_lemmas_keep_every_reading() -> None:
    assert {"сталь", "стать"} <= russian.lemmas("стали")


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Екатерина Боброва", "Yekaterina Bobrova"),
    ("Токаев", "Tokayev"),
    ("Шарипбаев", "Sharipbayev"),
    ("Алма-Ата", "Alma-Ata"),
    ("Дмитрий", "Dmitriy"),
])
def test_transliterate(cyrillic: str, latin: str) -> None:
    assert russian.transliterate(cyrillic) == latin


@pytest.mark.parametrize(("a", "b"), [
    ("Tokayev", "Tokaev"), ("Yekaterina", "Ekaterina"), ("Zhumaly", "Jumaly"),
    ("Dzhambul", "Jambul"), ("Yulia", "Yuliya"), ("Токаев", "Tokaev"), ("Sergey", "Sergei"),
])
def test_name_key_folds_spelling_variants(a: str, b: str) -> None:
    assert russian.name_key(a) == russian.name_key(b)


def test_name_key_keeps_gendered_surnames_apart() -> None:
    assert russian.name_key("Ivanov") != russian.name_key("Ivanova")


def test_plain_check_loads_no_russian_tooling(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("Posted 7 января 2022. Then Tokayev and Tokaev met.\n",
                                    encoding="utf-8")
    code = ("import sys\nfrom retranslate.cli import main\n"
            f"sys.argv = ['retranslate', 'check', {str(tmp_path / 'a.txt')!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = {m.split('.')[0] for m in sys.modules}\n"
            "heavy &= {'razdel', 'pymorphy3', 'translate'}\n"
            "assert not heavy, heavy\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()
    assert b"untranslated/date" in result.stdout and b"names/inconsistent" in result.stdout
