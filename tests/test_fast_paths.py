"""Shortcuts taken for speed give the same findings as the long way round."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from retranslate.checks import CheckContext, untranslated
from retranslate.files.document import decode
from retranslate.glossary.model import Glossary


def _rules(text: str) -> list[tuple[str, str]]:
    document = decode(text.encode("utf-8"), "x.txt")
    return [(f.rule, f.text) for f in untranslated.run(CheckContext(document, Glossary()))]


def test_untranslated_skips_text_without_cyrillic_and_still_finds_it_elsewhere() -> None:
    assert _rules("Plain English, 7 January 2022, 2 thousand.") == []
    assert _rules("Café – naïve «quotes» — and ’curly’ ones.") == []
    found = _rules("Café – on 7 января 2022 there were 2 тыс. people.")
    assert ("untranslated/date", "7 января 2022") in found
    assert ("untranslated/number", "2 тыс.") in found


def test_a_pattern_compiled_later_behaves_as_compiled_now() -> None:
    import re

    from retranslate.patterns import compile_later

    later = compile_later(r"(?P<n>\d+)\s*тыс", re.IGNORECASE)
    now = re.compile(r"(?P<n>\d+)\s*тыс", re.IGNORECASE)
    text = "2 ТЫС. и 3 тыс"
    assert [m.span() for m in later.finditer(text)] == [m.span() for m in now.finditer(text)]
    assert later.search(text, 3).group("n") == "3"
    assert later.pattern == now.pattern and later.flags == now.flags


def test_a_plain_check_imports_no_heavy_module(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The MT stack, morphology, Russian splitting and translate-toolkit load only when needed."""
    import os
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("The militia detained a marauder near the Air Force base.\n")
    env = {k: v for k, v in os.environ.items() if k != "RETRANSLATE_CACHE_DIR"}
    env["RETRANSLATE_CACHE_DIR"] = str(tmp_path / "cache")
    for attempt in range(2):  # once filling the glossary cache, once from it
        result = subprocess.run([sys.executable, "-X", "importtime", "-m", "retranslate",
                                 "check", "a.txt"], cwd=tmp_path, env=env, capture_output=True,
                                text=True, check=False)
        assert result.returncode in (0, 1), result.stderr
        imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
                    if line.startswith("import time:")}
        assert "retranslate.cli" in imported
        heavy = {m for m in imported if m.split(".")[0] in
                 {"argostranslate", "ctranslate2", "pymorphy3", "razdel", "translate",
                  "stanza", "sentencepiece", "torch", "numpy"}}
        assert not heavy, sorted(heavy)
        # Only the command that runs is imported.
        assert not imported & {"retranslate.commands.fix", "retranslate.commands.align",
                               "retranslate.commands.model", "difflib"}
        # One file needs no worker processes, and does not import what starts them.
        assert "multiprocessing" not in imported
        if not attempt:
            continue
        # A hook's run, from the caches, imports nothing only a few runs need: a write
        # (tempfile and what it brings), a settings file or a glossary to parse (TOML, its
        # validation), a bilingual file, the other output formats.
        assert not imported & {"tempfile", "shutil", "bz2", "lzma", "random", "json",
                               "retranslate.files.bilingual.xml", "retranslate.files.bilingual.po",
                               "retranslate.render.json", "retranslate.render.sarif",
                               "retranslate.render.diff", "xml.parsers.expat", "tomllib",
                               "tomli", "retranslate.glossary.validate"}


def test_document_conditions_are_searched_once_per_file() -> None:
    from retranslate.glossary.conditions import conditions_hold
    from retranslate.glossary.model import Entry
    from retranslate.models import Span

    looter = Entry(id="l", target="looter", wrong=("marauder",), near=("shop", "police"),
                   not_near=("army",))
    near = Entry(id="n", target="looter", wrong=("marauder",), near=("shop",), window=20)
    text = "A marauder. " * 50 + "Police came. " + "A marauder. " * 50 + "The army left."
    spans = [Span(i, i + 8) for i in range(2, len(text) - 8, 12)]
    memo: dict[tuple[str, ...], bool] = {}
    for entry in (looter, near):
        for span in spans:
            assert conditions_hold(entry, text, span, memo) == conditions_hold(entry, text, span)
    assert memo == {("shop", "police"): True, ("army",): True}


def test_the_cached_english_word_table_counts_as_the_word_list(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import random

    import pytest

    from retranslate.language import english

    monkeypatch.setenv("RETRANSLATE_CACHE_DIR", str(tmp_path))
    words = english.frequencies()
    if not words:
        pytest.skip("pyspellchecker is not installed")
    sample = random.Random(1).sample(sorted(words), 2000)
    queries = [*sample, *(w.upper() for w in sample[:100]), "zzzzqx", "", "a", "naïve", "théâtre",
               min(words), max(words)]
    for attempt in ("built", "read back from the cache file"):
        english._word_table.cache_clear()
        english._count.cache_clear()
        assert english._word_table() is not None, attempt
        assert [english.count(q) for q in queries] == [words.get(q.lower(), 0) for q in queries]
    assert list(tmp_path.glob("english-*.words"))


# --- the speed work of issue 14: each fast path against the long way round --------------------

_NAMEISH = st.text(alphabet="AaEeIiOoYyKkTtVvSsRrNn-", min_size=1, max_size=9).map(
    lambda w: w[:1].upper() + w[1:])


def _all_pairs_groups(counts: Counter[str], source_names: dict[str, str] | None) -> list[list[str]]:
    """group_spellings as it was: every spelling compared with every other."""
    from retranslate.checks.names import _Groups, joined

    spellings = sorted(counts)
    groups = _Groups(spellings)
    for i, a in enumerate(spellings):
        for b in spellings[i + 1:]:
            if joined(a, b, source_names):
                groups.union(a, b)
    return groups.groups()


@given(st.lists(_NAMEISH, max_size=40), st.data())
@settings(max_examples=300, deadline=None)
def test_names_compared_within_their_ending_group_as_all_against_all(
        words: list[str], data: st.DataObject) -> None:
    from retranslate.checks.names import group_spellings

    counts = Counter(words)
    source = {w: data.draw(st.sampled_from(["a", "b"])) for w in counts
              if data.draw(st.booleans())} or None
    assert group_spellings(counts, Glossary(), source) == _all_pairs_groups(counts, source)


def test_names_grouped_as_all_against_all_on_real_news(corpus: Path) -> None:
    from retranslate.checks.names import _NAME, group_spellings

    texts = [corpus.read_text(), *(p.read_text() for p in (corpus.parent / "dev").glob("*.txt"))]
    counts = Counter(m.group() for text in texts for m in _NAME.finditer(text))
    groups = group_spellings(counts, Glossary())
    assert groups == _all_pairs_groups(counts, None) and len(groups) >= 3


def test_batch_and_check_share_one_list_of_names() -> None:
    from retranslate.checks import names

    document = decode(b"Later Tokaev met Tokayev in Almaty. Almaty slept.", "x.txt")
    ctx = CheckContext(document, Glossary())
    list(names.run(ctx))
    batch = names.NameBatch()
    _, seen = batch.summarize("x.txt", ctx)
    assert ctx.shared(names.name_counts) is ctx.shared(names.name_counts)
    assert set(seen) == set(names.name_counts(CheckContext(document, Glossary())).counts)


def _line_at_by_search(text: str, offset: int) -> str:
    """line_at as it was: looking back and forward from the offset."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    start = text.rfind("\r", start, offset) + 1 or start
    cr = text.find("\r", offset, end)
    return text[start:end if cr < 0 else cr]


@given(st.lists(st.sampled_from(["a", "B c", "\n", "\r", "\r\n", "x" * 2500, " "]),
                max_size=30).map("".join), st.data())
@settings(max_examples=300, deadline=None)
def test_line_at_by_bisection_is_line_at_by_search(text: str, data: st.DataObject) -> None:
    from retranslate.language.english import line_at

    for offset in sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6))):
        assert line_at(text, offset) == _line_at_by_search(text, offset)
    other = text + "\nmore"
    assert line_at(other, len(other) - 1) == "more"  # a new text gets its own breaks


def _conditions_by_regex(entry, text: str, span) -> bool:  # type: ignore[no-untyped-def]
    """conditions_hold as it was: one regular expression per word list."""
    from retranslate.glossary.conditions import _words_pattern

    def present(words: tuple[str, ...]) -> bool:
        lo, hi = ((max(0, span.start - entry.window), span.end + entry.window) if entry.window
                  else (0, len(text)))
        return _words_pattern(words).search(text, lo, hi) is not None

    if entry.near and not present(entry.near):
        return False
    return not (entry.not_near and present(entry.not_near))


def _conditional_entries():  # type: ignore[no-untyped-def]
    from retranslate.glossary import glossary_for

    return [e for e in glossary_for(()).entries if e.conditional]


def test_condition_words_ruled_out_by_one_scan_as_by_each_search(corpus: Path) -> None:
    from retranslate.glossary.conditions import conditions_hold
    from retranslate.models import Span

    entries = _conditional_entries()
    texts = [corpus.read_text(), *(p.read_text() for p in (corpus.parent / "dev").glob("*.txt"))]
    held = 0
    for text in texts:
        in_text: dict[tuple[str, ...], bool] = {}
        for entry in entries:
            for start in (0, len(text) // 2, max(0, len(text) - 5)):
                span = Span(start, min(len(text), start + 5))
                fast = conditions_hold(entry, text, span, in_text)
                assert fast == _conditions_by_regex(entry, text, span), (entry.id, start)
                held += fast
    assert held > 100  # both outcomes are exercised


_CONDITION_TEXT = st.lists(st.sampled_from([
    "police", "POLICE", "Police", "church", "tear  gas", "tear\ngas", "riot", "rioters", "x",
    " ", "\n", "é", "\u212a", "\u017f", "\u0130", "Protest", "prote\u017ft", "square",
    "\u212aatholic", "catholic", "Catholics", "-", "_"]), max_size=30).map("".join)


@given(_CONDITION_TEXT, st.integers(0, 100))
@settings(max_examples=300, deadline=None)
def test_condition_words_ruled_out_by_one_scan_on_generated_text(text: str, at: int) -> None:
    from retranslate.glossary.conditions import conditions_hold
    from retranslate.models import Span

    start = min(at, len(text))
    span = Span(start, min(len(text), start + 3))
    for entry in _conditional_entries():
        assert conditions_hold(entry, text, span) == _conditions_by_regex(entry, text, span)


def test_a_glossary_hashes_once_and_pickles_without_its_hash() -> None:
    """Checks key per-glossary tables on the glossary; its hash is worked out once, by value."""
    import pickle

    from retranslate.glossary import default_glossary_path
    from retranslate.glossary.load import load_glossary

    glossary = load_glossary([default_glossary_path()])
    assert hash(glossary) == hash((glossary.entries, glossary.origins))
    assert glossary.__dict__["_hash"] == hash(glossary)
    copy = pickle.loads(pickle.dumps(glossary))
    assert "_hash" not in copy.__dict__
    assert copy == glossary and hash(copy) == hash(glossary)


def test_a_word_the_glossary_reports_is_not_asked_of_the_russian_dictionary(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"pogromists" looks transliterated, but the glossary speaks for it: no dictionary load,
    one finding, the glossary's; a word the glossary lacks still goes to the dictionary."""
    import json
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "RETRANSLATE_CACHE_DIR"}
    env["RETRANSLATE_CACHE_DIR"] = str(tmp_path / "cache")

    def run(text: str) -> tuple[list[str], set[str]]:
        (tmp_path / "a.txt").write_text(text, encoding="utf-8")
        result = subprocess.run([sys.executable, "-X", "importtime", "-m", "retranslate",
                                 "check", "--format", "json", "a.txt"], cwd=tmp_path, env=env,
                                capture_output=True, text=True, check=False)
        assert result.returncode in (0, 1), result.stderr
        imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
                    if line.startswith("import time:")}
        rules = [f["rule"] for f in json.loads(result.stdout)]
        return rules, imported

    rules, imported = run("Police detained the pogromists near the square.\n")
    assert rules == ["glossary/rioter-pogromist"]
    assert not imported & {"pymorphy3", "dawg_python"}
    rules, imported = run("Police detained the protesters and the zhilishchniki.\n")
    assert "dawg_python" in imported  # the Russian word list, asked


def test_the_glossary_wrong_words_are_its_entries_words_and_not_pickled() -> None:
    import pickle

    from retranslate.glossary import default_glossary_path
    from retranslate.glossary.load import load_glossary

    glossary = load_glossary([default_glossary_path()])
    assert glossary.wrong_words() == {w for e in glossary.entries for f in e.wrong
                                      for w in f.split()}
    assert "pogromist" in glossary.wrong_words() and "pogromists" not in glossary.wrong_words()
    assert "_wrong_words" not in pickle.loads(pickle.dumps(glossary)).__dict__
