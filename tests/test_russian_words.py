"""The Russian word list read alone answers as pymorphy3's analyzer does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retranslate.checks import transliterated
from retranslate.language import russian


def _analyzer_says(word: str) -> bool:
    morph = russian._morph()
    assert morph is not None
    return bool(morph.word_is_known(word))


def _list_says(word: str) -> bool:
    """is_known_word with the analyzer not loaded (as on a hook run), whatever ran before."""
    analyzer, russian._analyzer = russian._analyzer, None
    try:
        return russian.is_known_word(word)
    finally:
        russian._analyzer = analyzer


def test_its_constants_are_pymorphy3s() -> None:
    import pymorphy3
    import pymorphy3.lang.ru

    assert russian._DICT_PATH_VARIABLE == pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE
    assert russian._CHAR_SUBSTITUTES == pymorphy3.lang.ru.CHAR_SUBSTITUTES


def test_the_word_list_answers_as_the_analyzer_on_real_words(corpus: Path) -> None:
    texts = [corpus.read_text(encoding="utf-8"),
             *(p.read_text(encoding="utf-8") for p in Path("tests/data").rglob("*.ru.txt"))]
    words = {w for text in texts for w in russian.WORD.findall(text)}
    # The readings transliterated asks about: every lower-case Latin word of the corpus.
    latin = {w for w in corpus.read_text(encoding="utf-8").split() if w.isalpha() and w.isascii()}
    words |= {r for w in latin for r in transliterated._readings(w.lower())}
    words |= {"ежик", "ёжик", "ЁЖИК", "елка", "погромистс", "zzz", ""}
    assert len(words) > 500
    differ = [w for w in sorted(words) if _list_says(w) != _analyzer_says(w)]
    assert not differ, differ[:20]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяАЕЁ-", max_size=12))
def test_the_word_list_answers_as_the_analyzer_on_generated_words(word: str) -> None:
    assert _list_says(word) == _analyzer_says(word)


def test_a_transliterated_word_loads_the_list_and_not_the_analyzer(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Police detained the protesters and the zhilishchniki.\n",
                                    encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "RETRANSLATE_CACHE_DIR"}
    env["RETRANSLATE_CACHE_DIR"] = str(tmp_path / "cache")
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "retranslate", "check",
                             "a.txt"], cwd=tmp_path, env=env, capture_output=True, text=True,
                            check=False)
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert "dawg_python" in imported
    assert "pymorphy3" not in imported and "pymorphy3.analyzer" not in imported


def test_a_truncated_word_list_is_refused_not_read_past_its_end(tmp_path: Path) -> None:
    import pymorphy3_dicts_ru

    whole = Path(pymorphy3_dicts_ru.get_path(), "words.dawg").read_bytes()
    cut = tmp_path / "words.dawg"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ValueError, match="truncated"):
        russian._mapped_words(str(cut))
    assert russian._mapped_words(str(Path(pymorphy3_dicts_ru.get_path(), "words.dawg"))) \
        .similar_keys("ежик", {"е".encode(): [("ё".encode(), "ё")]}) == ["ёжик"]
