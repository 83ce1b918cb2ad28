"""What must hold for every input (hypothesis): fix is idempotent, its diff applies with git and
patch and equals what --write writes, bytes outside the edits never change, nothing crashes.

The texts mix glossary wrong forms into random Unicode, Markdown debris and line breaks of every
kind, so fixes really happen. Properties run the pipeline in-process; the diff property runs git
and patch on a batch of files per example, and one property runs the real CLI a few times.
RETRANSLATE_PROPERTY_SCALE multiplies every example count (fuzz/long_properties.py sets it).
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from conftest import DATA
from retranslate.checks import Check, load_checks
from retranslate.errors import GlossaryError, RetranslateError
from retranslate.files.document import decode, encode, prose_of, write_document
from retranslate.files.scopes import technical_tokens
from retranslate.glossary.cache import load_cached
from retranslate.glossary.load import load_glossary, parse_file
from retranslate.glossary.model import Glossary
from retranslate.glossary.validate import fix_text
from retranslate.models import Document, Edit
from retranslate.pipeline import MAX_FIX_ROUNDS, check_document, fix_document, moved_spans
from retranslate.render.diff import unified_diff
from retranslate.repair.apply import apply_edits, edits_for

SCALE = float(os.environ.get("RETRANSLATE_PROPERTY_SCALE", "1"))
GLOSSARY_FILE = DATA / "glossary" / "test.toml"


def examples(count: int) -> settings:
    return settings(max_examples=max(1, int(count * SCALE)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


@functools.cache
def glossary() -> Glossary:
    return load_cached([GLOSSARY_FILE], use_cache=False)  # never the user's cache


@functools.cache
def checks() -> tuple[Check, ...]:
    return tuple(load_checks())


# --- strategies --------------------------------------------------------------------------------

WRONG = ["noise grenade", "Noise grenades", "NOISE GRENADES", "noise grenade's", "noise grenades'",
         "noise\ngrenade", "noise\r\n  grenades", "marauder", "Marauders", "marauders'",
         "MARAUDER'S", "marauder’s", "Protestant", "Protestants", "protestants'", "Air Force",
         "AIR FORCE", "Air\tForce", "Ministry of Internal Affairs", "ministry of internal affairs",
         "Ministry of Internal\nAffairs", "a noise grenade", "An marauder", "a Air Force",
         "an Ministry of Internal Affairs", "A noise grenade", "US Air Force Academy"]
CONTEXT = ["police", "shop", "store", "ATM", "BBC", "rally", "riot", "church", "pilot", "jet",
           "Catholic", " the ", " a ", " an ", "A ", "The ", ". ", ", ", "! ", "? ", "; ", ": ",
           "\"", "“", "”", "'", "«", "»", "(", ")", " — ", "-", "...", "10 pm", "3,5%", "1.5",
           "7 January", "12:30", "Tokayev", "Tokaev", "Almaty", "Alma-Ata", "Kazakhstan"]
UNICODE = ["e\u0301", "\u0301", "\u0300\u0323", "\u200b", "\u200c", "\u200d", "\ufeff", "\u200e",
           "\u200f", "\u202e", "\u2066", "\u2069", "שלום", "مرحبا", "ﷺ", "👨‍👩‍👧", "🇰🇿", "👍🏽",
           "İ", "ß", "ﬁ", "Σς", "ǅ", "Å", "\u00a0", "\u2009", "\u3000", "\u2028", "\u2029",
           "\x85", "\x0b", "\x0c", "\x00", "\x7f", "\U0010ffff", "\ue000", "Алматы", "ВВС",
           "мародёры", "МВД", "7 января", "в 22:00", "Токаев", "ё", "Ё", "漢字", "한국어", "ไทย"]
MARKDOWN = ["```", "```python\n", "~~~", "`", "``", "`noise grenade`", "[", "]", "](", "(", ")",
            "[a marauder](http://x.y/noise-grenade)", "![noise grenade](a.png)", "<div>",
            "</div>", "<span title='noise grenade'>", "<!--", "-->", "---\n", "...\n", "    ",
            "\t", "> ", "# ", "## ", "* ", "- ", "1. ", "[x]: http://a.b/noise grenade\n",
            "http://example.com/noise-grenade", "www.example.com/marauder", "**", "__", "_", "|",
            "\\", "<https://a.b/Air Force>", "&amp;", "&#x41;", "title: noise grenade\n"]
# Never prose (files/scopes.py): each holds a wrong form that a fix must leave alone.
TECHNICAL = ["marauders@example.com", "@marauders", "marauders.com", "Marauders.kz/news",
             "/srv/noise-grenade/", "~/marauders", "./Air-Force", "noise_grenade",
             "marauder.noise", "https://x.org/Air Force", "www.marauders.kz", "docs/marauder.md",
             "protestants_list", "a.noise@grenade.org"]
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", " \n", "\n\r"]
LONG = ["x" * 5000, "noise grenade " * 300, "marauder-" * 1000, "\u0301" * 2000, "  " * 3000,
        "police " + "Protestants, " * 400]

wrong = st.sampled_from(WRONG)
piece = st.one_of(
    wrong, wrong, wrong, st.sampled_from(CONTEXT), st.sampled_from(UNICODE),
    st.sampled_from(MARKDOWN), st.sampled_from(BREAKS), st.sampled_from(TECHNICAL),
    st.text(max_size=12),  # anything at all, surrogates aside (no file can hold them)
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCDEFG.,", max_size=30),
)
# Words that make the conditional entries (looter near police, BBC near BBC...) apply.
PRELUDES = ["", "", "Police at the shop; the BBC; a riot at the rally. ", "BBC\n", "police\r\n"]
texts = st.tuples(
    st.sampled_from(PRELUDES),
    st.one_of(st.lists(piece, min_size=1, max_size=40).map("".join),
              st.lists(st.one_of(piece, st.sampled_from(LONG)), max_size=6).map("".join)),
).map("".join)

# (encoding, BOM): the file as stored on disk.
STORAGE = [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
           ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-32-le", codecs.BOM_UTF32_LE),
           ("cp1251", b"")]


@st.composite
def files(draw: st.DrawFn) -> tuple[str, bytes, str | None]:
    """(name, raw bytes, --encoding to pass): a text file as it may lie on disk."""
    text = draw(texts)
    style = draw(st.sampled_from(["as is", "crlf", "cr"]))
    if style == "crlf":
        text = text.replace("\n", "\r\n")
    elif style == "cr":
        text = text.replace("\n", "\r")
    encoding, bom = draw(st.sampled_from(STORAGE))
    if not encoding.startswith("utf-16") and not encoding.startswith("utf-32"):
        text = text.replace("\x00", "")  # a NUL without a BOM is a binary file, tested apart
    try:
        raw = bom + text.encode(encoding)
    except UnicodeEncodeError:
        encoding, raw = "utf-8", text.encode("utf-8")
    given_encoding = encoding if encoding == "cp1251" else None
    name = draw(st.sampled_from(["a.txt", "b.md", "notes.markdown", "my story.txt",
                                 "статья.md", "tab\tname.txt"]))
    return name, raw, given_encoding


def read(name: str, raw: bytes, encoding: str | None) -> Document:
    return decode(raw, name, encoding)


RUSSIAN = ["ВВС сообщила, что ", "протестующие ", "мародёры ", "светошумовые гранаты ",
           "МВД Казахстана ", "7 января 2022 года ", "в 22:00 ", "3,5% ", "Токаев ", "полиция ",
           "магазин ", "банкомат ", "митинг ", ". ", "\n", "\n\n", "Алма-Ата ", "1,5 млн "]
sources = st.one_of(st.none(), st.lists(st.one_of(st.sampled_from(RUSSIAN), st.text(max_size=8)),
                                        max_size=30).map("".join))


def source_document(text: str | None) -> Document | None:
    if text is None:
        return None
    return decode(text.replace("\x00", "").encode("utf-8"), "a.ru.txt")


# --- properties -------------------------------------------------------------------------------

@examples(500)
@given(st.binary(max_size=400), st.sampled_from([None, "cp1251", "utf-16", "latin-1"]))
def test_any_bytes_either_read_back_exactly_or_give_a_clean_error(raw: bytes,
                                                                  encoding: str | None) -> None:
    try:
        document = decode(raw, "a.md", encoding)
    except RetranslateError as err:
        assert str(err).startswith("a.md: ") and "\n" not in str(err)
        return
    assert encode(document, document.text) == raw
    result = fix_document(document, glossary(), checks())
    assert result.fixed_text is not None


@examples(500)
@given(files(), sources)
def test_no_text_crashes_check_or_fix(file: tuple[str, bytes, str | None],
                                      source: str | None) -> None:
    document = read(*file)
    assert encode(document, document.text) == file[1]
    src = source_document(source)
    findings = check_document(document, glossary(), checks(), src)
    for finding in findings:
        assert document.text[finding.span.start: finding.span.end] == finding.text
    result = fix_document(document, glossary(), checks(), src)
    assert result.fixed_text is not None
    try:
        unified_diff(result)
    except RetranslateError as err:  # only: a fix the file's encoding cannot store
        assert "cannot store" in str(err)


@examples(500)
@given(files(), sources)
def test_fix_is_idempotent(file: tuple[str, bytes, str | None], source: str | None) -> None:
    document = read(*file)
    src = source_document(source)
    first = fix_document(document, glossary(), checks(), src)
    assert first.fixed_text is not None
    event("fixed" if first.changed else "nothing to fix")
    # Read back from the bytes --write would store, as the next run would.
    try:
        stored = encode(document, first.fixed_text)
    except RetranslateError:
        assume(False)
        return
    again = fix_document(decode(stored, document.path, file[2]), glossary(), checks(), src)
    # fix applies only what check reported; a finding that only a repair brought about (a glued
    # word split to reveal a glossary term) is listed as left "after other fixes", and it is
    # all that a second run may apply.
    left = edits_for(first.remaining)
    assert again.edits[:len(left)] == tuple(left), again.edits
    if not left:
        assert again.fixed_text == first.fixed_text


def _rounds(document: Document, src: Document | None) -> list[list[Edit]]:
    """The edits of each fixing round, each in the coordinates of the text before that round."""
    rounds = []
    current = document
    found = check_document(current, glossary(), checks(), src)
    for _ in range(MAX_FIX_ROUNDS):
        edits = edits_for(found)
        if not edits:
            break
        rounds.append(edits)
        # Later rounds re-find only what waited behind an overlapping edit of this one.
        waiting = [moved_spans([f.span], edits)[0] for f in found
                   if f.fixable and all(e.span != f.span for e in edits)]
        text = apply_edits(current.text, edits)
        current = Document(current.path, text, current.encoding, current.bom, current.format,
                           prose_of(text, current.format))
        found = [f for f in check_document(current, glossary(), checks(), src)
                 if f.fixable and any(f.span.overlaps(w) or f.span == w for w in waiting)]
    return rounds


def _untouched(length: int, rounds: Sequence[Sequence[Edit]]) -> list[tuple[int, int, int]]:
    """(start, end, where it ends up) for every run of original characters no edit touched."""
    pieces = [(0, length, 0)]
    for edits in rounds:
        cut = []
        for start, end, at in pieces:
            cursor = at  # position of `start` in the text before this round
            for edit in edits:
                span = edit.span
                if span.end <= cursor or span.start >= at + (end - start):
                    continue
                if span.start > cursor:
                    cut.append((start + cursor - at, start + span.start - at, cursor))
                cursor = max(cursor, span.end)
            if cursor < at + (end - start):
                cut.append((start + cursor - at, end, cursor))
        # Every piece moves by what the edits before it added or removed (an insertion right at
        # a piece's start lands before it, as apply_edits puts it).
        pieces = [(start, end, at + sum(len(e.replacement) - len(e.span)
                                        for e in edits if e.span.end <= at))
                  for start, end, at in cut]
    return [p for p in pieces if p[1] > p[0]]


@examples(500)
@given(files(), sources)
def test_bytes_outside_the_edits_never_change(file: tuple[str, bytes, str | None],
                                              source: str | None) -> None:
    document = read(*file)
    src = source_document(source)
    result = fix_document(document, glossary(), checks(), src)
    rounds = _rounds(document, src)
    event(f"{len(rounds)} fixing round(s)")
    fixed = result.fixed_text
    assert fixed is not None
    assert apply_rounds(document.text, rounds) == fixed  # the rounds are the pipeline's
    try:
        before, after = encode(document, document.text), encode(document, fixed)
    except RetranslateError:
        return
    assert before == file[1]
    assert after.startswith(document.bom)

    def at_byte(text: str, index: int) -> int:
        return len(document.bom) + len(text[:index].encode(document.encoding))

    for start, end, moved_to in _untouched(len(document.text), rounds):
        kept = document.text[start:end]
        assert fixed[moved_to: moved_to + len(kept)] == kept
        original_bytes = before[at_byte(document.text, start): at_byte(document.text, end)]
        new_start = at_byte(fixed, moved_to)
        assert after[new_start: new_start + len(original_bytes)] == original_bytes
    # Nor does a fix add a line break or change one's style; it keeps every break it has a word
    # gap for (a hard-wrapped term stays wrapped); only a one-word replacement joins two lines.
    for edits in rounds:
        for edit in edits:
            original = _break_gaps(_span_text(document, rounds, edit))
            kept = _break_gaps(edit.replacement)
            assert _is_subsequence(kept, original), edit
            assert len(kept) == min(len(original), len(_GAP.findall(edit.replacement))), edit


@examples(200)
@given(files(), sources)
# An address run into a word is split by glued/case; one that goes on as a path is left alone.
@example(("a.txt", b"www.example.kzNoise grenades", None), None)
@example(("a.txt", b"example.comPages.kz/news", None), None)
def test_technical_tokens_are_never_edited(file: tuple[str, bytes, str | None],
                                           source: str | None) -> None:
    document = read(*file)
    src = source_document(source)
    text = document.text
    for edits in _rounds(document, src):
        tokens = technical_tokens(text)
        event("a token beside a fix" if tokens else "no token")
        for edit in edits:
            if _parts_an_address_from_a_word(text, edit):
                continue
            for token in tokens:
                assert edit.span.end <= token.start or edit.span.start >= token.end, \
                    (text[token.start:token.end], edit)
        text = apply_edits(text, edits)


def _parts_an_address_from_a_word(text: str, edit: Edit) -> bool:
    """glued/case's one edit inside a token: "www.example.comPhoto" is an address and a word
    run together (a credit line that lost its space), and the fix only puts the space back."""
    original = text[edit.span.start:edit.span.end]
    address, space, word = edit.replacement.rpartition(" ")
    return (edit.rule == "glued/case" and space == " " and address + word == original
            and "." in address and word[:1].isupper())


def apply_rounds(text: str, rounds: Sequence[Sequence[Edit]]) -> str:
    for edits in rounds:
        text = apply_edits(text, edits)
    return text


def _span_text(document: Document, rounds: Sequence[Sequence[Edit]], edit: Edit) -> str:
    text = document.text
    for edits in rounds:
        if edit in edits:
            return text[edit.span.start: edit.span.end]
        text = apply_edits(text, edits)
    raise AssertionError("edit in no round")


_GAP = re.compile(r"\s+")


def _break_gaps(text: str) -> list[str]:
    """The runs of whitespace that hold a line break, each as its breaks ("\\r\\n", "\\n"...)."""
    return ["".join(re.findall(r"\r\n|\r|\n", gap)) for gap in _GAP.findall(text)
            if "\n" in gap or "\r" in gap]


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    rest = iter(whole)
    return all(item in rest for item in part)


# --- the printed diff, git apply, patch -p1 and --write ----------------------------------------

def _apply(tool: list[str], folder: Path, diff: bytes) -> None:
    done = subprocess.run(tool, input=diff, cwd=folder, capture_output=True, check=False)
    assert done.returncode == 0, (tool, done.stdout, done.stderr, diff[:3000])


@examples(60)
@given(st.lists(files(), min_size=1, max_size=8))
def test_the_diff_applies_with_git_and_patch_and_equals_write(
        batch: list[tuple[str, bytes, str | None]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = {name: root / name for name in ("git", "patch", "write")}
        for folder in folders.values():
            folder.mkdir()
        subprocess.run(["git", "init", "-q"], cwd=folders["git"], check=True)
        diff = b""
        expected: dict[str, bytes] = {}
        for i, (name, raw, encoding) in enumerate(batch):
            name = f"{i}-{name}"
            for folder in folders.values():
                (folder / name).write_bytes(raw)
            result = fix_document(read(name, raw, encoding), glossary(), checks())
            assert result.fixed_text is not None
            try:
                diff += unified_diff(result)
                expected[name] = encode(result.document, result.fixed_text)
            except RetranslateError:
                expected[name] = raw  # not printed, not written: the file stays as it was
                continue
            document = read(str(folders["write"] / name), raw, encoding)
            if result.changed:
                write_document(document, result.fixed_text)
        if diff:
            _apply(["git", "apply", "--whitespace=nowarn", "-"], folders["git"], diff)
            if shutil.which("patch"):
                _apply(["patch", "-p1", "-s", "--no-backup-if-mismatch"], folders["patch"], diff)
        for name, data in expected.items():
            assert (folders["write"] / name).read_bytes() == data, name
            assert (folders["git"] / name).read_bytes() == data, name
            if shutil.which("patch"):
                assert (folders["patch"] / name).read_bytes() == data, name
        assert sorted(p.name for p in folders["write"].iterdir()) == sorted(expected)


def _cli(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "retranslate", *args], cwd=cwd, input=stdin,
                          capture_output=True, timeout=300, check=False,
                          env={**os.environ, "RETRANSLATE_CACHE_DIR": str(cwd / ".cache")})


@pytest.mark.skipif(shutil.which("patch") is None,
                    reason="GNU patch is not installed (apt-get install patch)")
@examples(5)
@given(st.lists(files(), min_size=1, max_size=6, unique_by=lambda f: f[0]))
def test_the_real_cli_diff_equals_its_write_and_its_filter(
        batch: list[tuple[str, bytes, str | None]]) -> None:
    # Three runs of the real CLI per example: diff, --write, and - for the first file.
    batch = [f for f in batch if f[2] is None]  # one --encoding per run: keep it simple
    assume(batch)
    glossary_args = ["--no-default-glossary", "-g", str(GLOSSARY_FILE)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for folder in ("diff", "write"):
            (root / folder).mkdir()
            for name, raw, _ in batch:
                (root / folder / name).write_bytes(raw)
        names = [name for name, _, _ in batch]
        diff = _cli("fix", *glossary_args, *names, cwd=root / "diff")
        assert diff.returncode in (0, 1), diff.stderr
        written = _cli("fix", "--write", *glossary_args, *names, cwd=root / "write")
        assert written.returncode in (0, 1), written.stderr
        if diff.stdout:
            _apply(["patch", "-p1", "-s", "--no-backup-if-mismatch"], root / "diff", diff.stdout)
        for name in names:
            assert (root / "diff" / name).read_bytes() == (root / "write" / name).read_bytes()
        # Standard input named as the first file is read in that file's format.
        filtered = _cli("fix", *glossary_args, "--stdin-filename", names[0], "-", cwd=root,
                        stdin=batch[0][1])
        assert filtered.stdout == (root / "write" / names[0]).read_bytes()


# --- glossaries whose fixes cycle --------------------------------------------------------------

# One-word wrong forms, none an inflection of another; targets of one or two of those words.
VOCABULARY = ["alpha", "beta", "gamma", "delta", "omega"]
phrases = st.one_of(st.sampled_from(VOCABULARY),
                    st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY))
                    .map(" ".join))
glossary_entries = st.lists(st.tuples(st.sampled_from(VOCABULARY), phrases)
                            .filter(lambda e: e[0] != e[1]), min_size=1, max_size=5,
                            unique_by=lambda e: e[0])


@examples(100)
@given(glossary_entries)
def test_glossary_cycles_are_refused_and_what_loads_settles(pairs: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.toml"
        path.write_text("".join(f'[[entry]]\nid = "e{i}"\nwrong = ["{wrong}"]\n'
                                f'target = "{target}"\nautofix = true\nnote = "n"\n\n'
                                for i, (wrong, target) in enumerate(pairs)), encoding="utf-8")
        entries = parse_file(path)
        try:
            load_glossary([path])
            refused = False
        except GlossaryError as err:
            assert err.message.startswith("glossary cycle: ") and err.path == str(path)
            assert err.line is not None and err.line > 0
            refused = True
    # Fixing a text with every wrong form settles within one round per entry, or never does.
    text = " ".join(f"The {wrong}." for wrong, _ in pairs)
    for _ in range(len(pairs) + 2):
        text, found = fix_text(text, Glossary(tuple(entries)))
        if not found:
            break
    event("refused" if refused else "loaded")
    assert refused == bool(found), (pairs, text)
