"""Term bases editors already have: TBX, CSV and TSV, imported, read directly, exported, listed."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from conftest import DATA
from retranslate.glossary import default_glossary_path, load_glossary

TERMS = DATA / "termbases"
ROOT = Path(__file__).resolve().parents[1]


def _import(cli, name: str, tmp_path: Path, *extra: str):  # type: ignore[no-untyped-def]
    out = tmp_path / "imported.toml"
    done = cli("glossary", "import", str(TERMS / name), "-o", str(out), *extra)
    return done, out


def _by_target(path: Path) -> dict[str, object]:
    return {e.target: e for e in load_glossary([path]).entries}


def test_memoq_tbx_maps_status_to_wrong_accept_and_reports_what_it_cannot(
        cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done, out = _import(cli, "memoq.tbx", tmp_path)
    assert done.returncode == 0, done.stderr
    entries = _by_target(out)
    protesters = entries["protesters"]
    assert protesters.wrong == ("Protestants",)  # type: ignore[attr-defined]
    assert protesters.accept == ("demonstrators",)  # type: ignore[attr-defined]
    assert protesters.source == ("протестующие", "демонстранты")  # type: ignore[attr-defined]
    assert protesters.category == "Protests"  # type: ignore[attr-defined]
    assert "not members of a church" in protesters.note  # type: ignore[attr-defined]
    assert "confuses" in protesters.note  # the term-level <note> too  # type: ignore[attr-defined]
    assert entries["stun grenade"].wrong == ("noise grenade",)  # superseded  # type: ignore[attr-defined]
    assert entries["riot police"].wrong == ()  # a required term  # type: ignore[attr-defined]
    stderr = done.stderr.decode()
    assert "imported 3 entries" in stderr
    assert "not imported: partOfSpeech (2×" in stderr and "memoq.tbx:19" in stderr


def test_tbx_v3_dct_style_with_regional_language_codes(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for lang in ("en", "en-GB"):
        done, out = _import(cli, "trados-v3.tbx", tmp_path, "--target-lang", lang,
                            "--source-lang", "ru-RU")
        assert done.returncode == 0, done.stderr
        entries = _by_target(out)
        assert entries["polling station"].wrong == ("electoral plot",)  # type: ignore[attr-defined]
        assert entries["polling station"].accept == ("polling place",)  # type: ignore[attr-defined]
        assert entries["polling station"].category == "Elections"  # type: ignore[attr-defined]
        # "notRecommended" is a wrong form too
        assert entries["Central Election Commission"].wrong == (  # type: ignore[attr-defined]
            "Central Electoral Committee",)


def test_csv_with_bom_quoted_commas_and_header_in_another_order(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done, out = _import(cli, "team.csv", tmp_path)
    assert done.returncode == 0, done.stderr
    rally = _by_target(out)["rally"]
    assert rally.source == ("митинг",)  # type: ignore[attr-defined]
    assert rally.wrong == ("meeting", "political meeting")  # type: ignore[attr-defined]
    assert rally.note == "Rallies, not meetings"  # type: ignore[attr-defined]
    assert _by_target(out)["strike"].note == 'Strikes hit by shells, not "arrivals"'  # type: ignore[attr-defined]


def test_deepl_tsv_without_header(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done, out = _import(cli, "deepl.tsv", tmp_path)
    assert done.returncode == 0, done.stderr
    entries = _by_target(out)
    assert entries["looters"].source == ("мародёры",)  # type: ignore[attr-defined]
    assert entries['"Yabloko"'].source == ('"Яблоко"',)  # no quoting in TSV  # type: ignore[attr-defined]
    assert "4 required terms" in done.stderr.decode()


def test_term_bases_are_read_directly_by_check(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "a.txt"
    text.write_text("The Protestants threw a noise grenade. Officials called it a meeting.\n",
                    encoding="utf-8")
    for name, rules in (("memoq.tbx", {"glossary/memoq.1001", "glossary/memoq.1002"}),
                        ("team.csv", {"glossary/team.rally"})):
        done = cli("check", "--no-default-glossary", "-g", str(TERMS / name), "--format", "json",
                   str(text))
        assert done.returncode == 1, done.stderr
        assert {f["rule"] for f in json.loads(done.stdout)} == rules


def test_a_required_term_from_a_tsv_warns_where_the_source_has_it(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "story.ru.txt").write_text(
        "В Алматы 5 января мародёры разграбили 12 магазинов, сообщил Иван Петров.\n",
        encoding="utf-8")
    (tmp_path / "story.en.txt").write_text(
        "In Almaty on January 5, raiders plundered 12 shops, Ivan Petrov said.\n",
        encoding="utf-8")
    done = cli("check", "--no-default-glossary", "-g", str(TERMS / "deepl.tsv"),
               "--format", "json", "story.en.txt", cwd=tmp_path)
    found = json.loads(done.stdout)
    assert [f["rule"] for f in found] == ["term-omitted/deepl.looters"], done.stderr
    assert "мародёры" in found[0]["evidence"]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("broken.tbx", "<martif><text><body><termEntry>", "not well-formed XML"),
    ("html.tbx", "<html><body/></html>", "not a TBX file: the root element is <html>"),
    ("short.csv", "ru,en,note\nмитинг,rally,x\nприлёт\n", "the row has 1 column(s)"),
    ("empty.tsv", "митинг\trally\n\tstrike\n", "empty source term"),
    ("nolang.csv", "de,en\nKundgebung,rally\n", "no 'ru' column in the header"),
    ("one.tsv", "митинг\n", "a glossary row needs two columns"),
])
def test_malformed_term_bases_give_one_line_and_exit_2(
        cli, tmp_path: Path, name: str, content: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    for command in (("glossary", "import", str(path)), ("check", "-g", str(path), "-")):
        done = cli(*command, input=b"text\n")
        assert done.returncode == 2
        lines = done.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and message in lines[0] and name in lines[0], lines
        assert "Traceback" not in done.stderr.decode()


def test_tbx_without_the_language_asked_for(cli) -> None:  # type: ignore[no-untyped-def]
    done = cli("glossary", "import", str(TERMS / "memoq.tbx"), "--target-lang", "de")
    assert done.returncode == 2
    assert "no terms in language 'de'; the file has en, ru" in done.stderr.decode()


def test_tbx_entities_are_never_resolved(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    path = tmp_path / "xxe.tbx"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "file://{secret}">]>'
                    '<tbx><text><body><conceptEntry id="a"><langSec xml:lang="ru"><termSec>'
                    '<term>митинг</term></termSec></langSec><langSec xml:lang="en"><termSec>'
                    '<term>rally</term></termSec><termSec><term>&x;</term><termNote '
                    'type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>'
                    '</langSec></conceptEntry></body></text></tbx>', encoding="utf-8")
    done = cli("glossary", "import", str(path))
    assert b"SECRET" not in done.stdout


def test_tbx_export_validates_and_round_trips_the_default_glossary(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    tbx, back = tmp_path / "all.tbx", tmp_path / "back.toml"
    assert cli("glossary", "export", "--format", "tbx", "-o", str(tbx)).returncode == 0
    schema = etree.RelaxNG(etree.parse(str(ROOT / "docs" / "tbx-basic.rng")))
    assert schema.validate(etree.parse(str(tbx))), schema.error_log
    done = cli("glossary", "import", str(tbx), "-o", str(back))
    assert done.returncode == 0, done.stderr

    def bare(path: Path) -> list[object]:
        return [dataclasses.replace(e, origin="", line=0) for e in load_glossary([path]).entries]

    original = bare(default_glossary_path())
    assert original and bare(back) == original
    assert cli("glossary", "test", str(back)).returncode == 0


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_table_export_keeps_terms_wrong_forms_and_notes(cli, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    table, back = tmp_path / f"all.{fmt}", tmp_path / "back.toml"
    assert cli("glossary", "export", "--format", fmt, "-o", str(table)).returncode == 0
    assert cli("glossary", "import", str(table), "-o", str(back)).returncode == 0
    fields = ("id", "target", "wrong", "source", "accept")
    original = load_glossary([default_glossary_path()]).entries
    again = load_glossary([back]).entries
    assert [tuple(getattr(e, f) for f in fields) for e in again] == [
        tuple(getattr(e, f) for f in fields) for e in original]
    assert [e.note for e in again] == [" ".join(e.note.split()) for e in original]


def test_glossary_list_names_the_file_and_counts_findings(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("The Protestants came. More Protestants came.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("A noise grenade went off.\n", encoding="utf-8")
    done = cli("glossary", "list", str(TERMS / "memoq.tbx"), "--stats", str(tmp_path))
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t") for line in done.stdout.decode().splitlines()]
    assert rows[0][:2] == ["2", "memoq.1001"] and rows[0][2].endswith("memoq.tbx:13")
    assert rows[1][:2] == ["1", "memoq.1002"]
    assert rows[2][:2] == ["0", "memoq.1003"] and "(required term)" in rows[2][3]
    assert "3 findings over 1 path(s); 2 entries fired, 1 never did" in done.stderr.decode()
    plain = cli("glossary", "list").stdout.decode().splitlines()
    assert len(plain) == len(load_glossary([default_glossary_path()]).entries)
    assert all(".toml:" in line.split("\t")[1] for line in plain)


def test_glossary_test_says_why_an_example_fails(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "house.toml"
    path.write_text('[[entry]]\nid = "rally"\ntarget = "rally"\nwrong = ["meeting"]\n'
                    'note = "x"\nexamples = [{ wrong = "A meeting began.", '
                    'right = "A rally started." }]\nok = ["The meeting of minds."]\n',
                    encoding="utf-8")
    done = cli("glossary", "test", str(path))
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "house.toml:1: rally: turns 'A meeting began.' into 'A rally began.', expected " \
           "'A rally started.'" in err
    assert "flags the ok sentence 'The meeting of minds.'" in err
