"""Cyrillic left in English: dates and amounts repaired by rule, other fragments reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA
from retranslate.checks import CheckContext
from retranslate.checks.untranslated import run
from retranslate.files.document import decode
from retranslate.glossary.model import Glossary

ALIGN = DATA / "align"


def _findings(text: str, source: str | None = None) -> list[tuple[str, str, str | None, bool]]:
    document = decode(text.encode(), "news.en.md")
    ctx = CheckContext(document, Glossary(),
                       decode(source.encode(), "news.ru.md") if source else None)
    return [(f.rule, f.text, f.suggestion, f.autofix) for f in run(ctx)]


@pytest.mark.parametrize(("text", "fragment", "english"), [
    ("Posted 7 января 2022, 15:25", "7 января 2022", "January 7, 2022"),
    ("Updated 24 декабря 2022 г., 22:37", "24 декабря 2022 г.", "December 24, 2022"),
    ("It started on 5 мая.", "5 мая", "May 5"),
    ("Prices rose in марте 2023.", "марте 2023", "March 2023"),
    ("Police detained 2 тыс. человек.", "2 тыс. человек", "2,000 people"),
    ("The fine is 1,5 млн рублей.", "1,5 млн рублей", "1.5 million rubles"),
    ("Losses reached 3 млрд. Then", "3 млрд.", "3 billion."),
    ("About 15 тыс. came.", "15 тыс.", "15,000"),
    ("The queue was 2 км long.", "2 км", "2 km"),
])
def test_dates_and_amounts_are_fixed_by_rule(text: str, fragment: str, english: str) -> None:
    rule = "untranslated/date" if "тыс" not in fragment and any(
        m in fragment for m in ("январ", "декабр", "мая", "март")) else "untranslated/number"
    assert _findings(text) == [(rule, fragment, english, True)]


def test_other_fragments_are_reported_without_a_fix() -> None:
    found = _findings("Изображение материала\n\nHe met Анна Иванова there. "
                      "Он будет действовать до 20 марта.\n\n(in Russian: протестующие)\n")
    assert found == [
        ("untranslated/text", "Изображение материала", None, False),
        ("untranslated/name", "Анна Иванова", "Anna Ivanova", False),
        # The date inside a Russian sentence is not fixed alone.
        ("untranslated/text", "Он будет действовать до 20 марта", None, False),
    ]


def test_english_text_has_no_findings() -> None:
    assert _findings("On January 7, 2022, at 15:25, 2,000 people gathered.") == []


def test_evidence_from_the_source() -> None:
    en = (ALIGN / "kamensk.en.txt").read_text(encoding="utf-8")
    ru = (ALIGN / "kamensk.ru.txt").read_text(encoding="utf-8")
    document = decode(en.encode(), "kamensk.en.txt")
    ctx = CheckContext(document, Glossary(), decode(ru.encode(), "kamensk.ru.txt"))
    [finding] = run(ctx)
    assert finding.suggestion == "March 14, 2023"
    assert finding.evidence == "Опубликовано 14 марта 2023, 10:15"


def test_check_without_source_imports_no_russian_tooling(tmp_path: Path) -> None:
    code = ("import sys; from retranslate.checks import CheckContext; "
            "from retranslate.checks.untranslated import run; "
            "from retranslate.files.document import decode; from retranslate.glossary.model import "
            "Glossary; d = decode('Posted 7 января 2022. Изображение материала'.encode(), 'a'); "
            "assert len(list(run(CheckContext(d, Glossary())))) == 2; "
            "assert not {'razdel', 'pymorphy3', 'translate'} & set(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_fix_repairs_corpus_datelines(corpus_copy: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("fix", "--no-default-glossary", "--select", "untranslated/date",
                 corpus_copy.name, cwd=corpus_copy.parent)
    diff = result.stdout.decode()
    assert "-Posted 7 января 2022, 15:25" in diff
    assert "+Posted January 7, 2022, 15:25" in diff
    assert "+Modified December 24, 2022, 22:37" in diff
    assert "+January 7, 2022, 15:25" in diff
    assert "января" not in "".join(x for x in diff.splitlines() if x.startswith("+"))


def test_check_reports_corpus_caption(corpus: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", "--no-default-glossary", "--select", "untranslated", str(corpus))
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert sum("untranslated/date" in x for x in lines) == 5
    assert sum("untranslated/text" in x for x in lines) == 1  # the image caption
