"""Bad input that once gave a traceback or ran without end: each is one line, exit 2, at once.

Glossary cycles (fixes that undo each other), absurd glossary entries, and the tracebacks the
hostile review of issue 15 found. Every test runs the real CLI in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import pytest

from retranslate.errors import GlossaryError
from retranslate.glossary.load import MAX_PHRASE_CHARS, MAX_PHRASE_WORDS, load_glossary


def _entry(entry_id: str, target: str, wrong: str, extra: str = "") -> str:
    return (f'[[entry]]\nid = "{entry_id}"\ntarget = "{target}"\nwrong = ["{wrong}"]\n'
            f'autofix = true\nnote = "n"\n{extra}\n')


def _one_line_error(done, *parts: str) -> str:  # type: ignore[no-untyped-def]
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert err.startswith("retranslate: error: "), err
    for part in parts:
        assert part in err, err
    return err


# --- cycles ----------------------------------------------------------------------------------

CYCLES = {
    "two": [("a", "beta", "alpha"), ("b", "alpha", "beta")],
    "three": [("a", "beta", "alpha"), ("b", "gamma", "beta"), ("c", "alpha", "gamma")],
    "inside a longer target": [("a", "beta cells", "alpha"), ("b", "alpha", "beta")],
    "a target holding its own wrong form": [("a", "big alpha", "alpha")],
}


@pytest.mark.parametrize("name", sorted(CYCLES))
def test_a_glossary_whose_fixes_cycle_is_refused_at_load(tmp_path: Path, cli,  # type: ignore[no-untyped-def]
                                                         name: str) -> None:
    glossary = tmp_path / "cycle.toml"
    glossary.write_text("".join(_entry(*e) for e in CYCLES[name]), encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("The alpha, the beta and the gamma.\n", encoding="utf-8")
    for command in (["fix", "--write", "--no-default-glossary", "-g", str(glossary), str(text)],
                    ["check", "--no-default-glossary", "-g", str(glossary), str(text)],
                    ["glossary", "test", str(glossary)]):
        done = cli(*command)
        err = _one_line_error(done, "glossary cycle", f"{glossary}:")
        last_entry_line = 1 + 7 * (len(CYCLES[name]) - 1)
        assert f"{glossary}:{last_entry_line}: " in err, err
    assert text.read_text(encoding="utf-8") == "The alpha, the beta and the gamma.\n"


def test_chains_that_end_and_shadowed_targets_are_not_cycles(tmp_path: Path) -> None:
    glossary = tmp_path / "chain.toml"
    glossary.write_text(
        _entry("a", "beta", "alpha") + _entry("b", "gamma", "beta")  # a chain: alpha→beta→gamma
        + _entry("c", "US Air Force Academy", "USAF Academy")
        + _entry("d", "BBC", "Air Force", 'ignore = ["US Air Force Academy"]'),
        encoding="utf-8")
    assert len(load_glossary([glossary])) == 4


def test_the_bundled_glossary_has_no_cycle(cli) -> None:  # type: ignore[no-untyped-def]
    done = cli("glossary", "test")
    assert done.returncode == 0, done.stderr


# --- resource bombs --------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "value"), [
    ("wrong", " ".join(f"w{i}" for i in range(10_000))),
    ("wrong", " ".join(f"w{i}" for i in range(MAX_PHRASE_WORDS + 1))),
    ("wrong", "x" * (MAX_PHRASE_CHARS + 1)),
    ("accept", " ".join(["word"] * 50_000)),
    ("near", "y" * 300_000),
])
def test_an_absurd_glossary_entry_is_refused_at_load(tmp_path: Path, cli, field: str,  # type: ignore[no-untyped-def]
                                                      value: str) -> None:
    extra = f'{field} = ["{value}"]' if field != "wrong" else ""
    wrong = value if field == "wrong" else "marauder"
    glossary = tmp_path / "bomb.toml"
    glossary.write_text(_entry("a", "looter", wrong, extra), encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("A marauder.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    done = cli("check", "--no-default-glossary", "-g", str(glossary), str(text),
               env={"RETRANSLATE_CACHE_DIR": str(cache)})
    _one_line_error(done, f"{glossary}:1: '{field}' has a phrase of", "a term has at most")
    assert not list(cache.glob("glossary-*"))  # nothing cached for it (compiled patterns may be)


def test_an_entry_with_too_many_phrases_is_refused(tmp_path: Path) -> None:
    many = ", ".join(f'"w{i}"' for i in range(501))
    glossary = tmp_path / "many.toml"
    glossary.write_text(_entry("a", "looter", "marauder", f"near = [{many}]"), encoding="utf-8")
    with pytest.raises(GlossaryError, match="'near' lists 501 phrases; at most 500"):
        load_glossary([glossary])


def test_entries_at_the_bounds_still_load_and_match(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    wrong = " ".join(["ab"] * MAX_PHRASE_WORDS)
    glossary = tmp_path / "edge.toml"
    glossary.write_text(_entry("a", "looter", wrong), encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text(f"Then {wrong} left.\n", encoding="utf-8")
    done = cli("fix", "--write", "--no-default-glossary", "-g", str(glossary), "--select",
               "glossary", str(text))
    assert done.returncode == 1, done.stderr
    assert text.read_text(encoding="utf-8") == "Then looter left.\n"


# --- tracebacks that are one-line errors now --------------------------------------------------

def test_a_glossary_nested_thousands_deep_is_a_one_line_error(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    glossary = tmp_path / "nested_inline.toml"
    glossary.write_text("[[entry]]\nid = \"a\"\nwrong = " + "[" * 5000 + "]" * 5000 + "\n",
                        encoding="utf-8")
    (tmp_path / "a.txt").write_text("text\n", encoding="utf-8")
    done = cli("check", "-g", str(glossary), str(tmp_path / "a.txt"))
    _one_line_error(done, f"{glossary}:1: bad TOML: arrays or tables nested too deeply")


@pytest.mark.parametrize(("settings", "message"), [
    ("encoding = 5\n", "'encoding' must be a string"),
    ("source-pattern = [1]\n", "'source-pattern' must be a string"),
    ("default-glossary = \"no\"\n", "'default-glossary' must be true or false"),
    ("x = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
])
def test_settings_of_the_wrong_type_are_one_line_errors(tmp_path: Path, cli, settings: str,  # type: ignore[no-untyped-def]
                                                        message: str) -> None:
    config = tmp_path / "retranslate.toml"
    config.write_text(settings, encoding="utf-8")
    (tmp_path / "a.txt").write_text("text\n", encoding="utf-8")
    done = cli("check", "--config", str(config), str(tmp_path / "a.txt"))
    _one_line_error(done, str(config), message)


@pytest.mark.parametrize("encoding", ["rot13", "base64", "zlib"])
def test_a_codec_that_is_not_a_text_encoding_is_a_one_line_error(tmp_path: Path, cli,  # type: ignore[no-untyped-def]
                                                                 encoding: str) -> None:
    (tmp_path / "a.txt").write_text("text\n", encoding="utf-8")
    done = cli("fix", "--encoding", encoding, str(tmp_path / "a.txt"))
    _one_line_error(done, f"a.txt: {encoding!r} is not a text encoding")


@pytest.mark.parametrize("pattern", ["{dir.x}", "{dir.__class__.x}", "{name:d}", "{0}", "{x}"])
def test_a_bad_source_pattern_is_a_one_line_error(tmp_path: Path, cli, pattern: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("text\n", encoding="utf-8")
    done = cli("check", "--source-pattern", pattern, str(tmp_path / "a.txt"))
    _one_line_error(done, "bad source pattern", "use {dir}")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", [["fix"], ["check"], ["fix", "-"]])
def test_a_full_standard_output_is_a_one_line_error(tmp_path: Path, command: list[str]) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Police saw marauders at the shop.\n" * 2000, encoding="utf-8")
    args = [*command, "--no-default-glossary", "-g",
            str(Path(__file__).parent / "data" / "glossary" / "test.toml")]
    with open("/dev/full", "wb") as full, text.open("rb") as stdin:
        done = subprocess.run([sys.executable, "-m", "retranslate", *args,
                               *([] if command[-1] == "-" else [str(text)])],
                              stdin=stdin, stdout=full, stderr=subprocess.PIPE, check=False,
                              timeout=300)
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert err == "retranslate: error: standard output: No space left on device\n", err


# --- one token's cost -------------------------------------------------------------------------

def _lines_run_in(module_file: str, work: Callable[[], object]) -> int:
    """How many lines of `module_file` run while `work` runs: a measure of work, not of time."""
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Callable[..., object] | None:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: object) -> Callable[..., object] | None:
        return local if frame.f_code.co_filename == module_file else None

    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("word", ["the" + "x" * 400_000, "y" * 400_000 + "and",
                                  "of" + "ab" * 200_000 + "a"])
def test_a_400_kb_word_costs_glued_a_bounded_amount_of_work(word: str) -> None:
    from retranslate.checks import CheckContext, glued
    from retranslate.files.document import decode
    from retranslate.glossary.model import Glossary

    text = f"Police said {word} today, at the meeting ofthe council.\n"
    document = decode(text.encode(), "a.txt")
    found: list[object] = []
    lines = _lines_run_in(glued.__file__,
                          lambda: found.extend(glued.run(CheckContext(document, Glossary()))))
    assert lines < 5_000, lines  # trying every cut of the word ran millions
    assert [f.text for f in found] == ["ofthe"]  # type: ignore[attr-defined]


def test_the_bounds_hold_for_term_bases_too(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    terms = tmp_path / "terms.csv"
    terms.write_text("ru,en\nслово," + " ".join(f"w{i}" for i in range(10_000)) + "\n",
                     encoding="utf-8")
    (tmp_path / "a.txt").write_text("text\n", encoding="utf-8")
    done = cli("check", "--no-default-glossary", "-g", str(terms), str(tmp_path / "a.txt"))
    _one_line_error(done, f"{terms}:2: 'target' has a phrase of 10,000 words")
