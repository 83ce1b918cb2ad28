"""What `fix` does to hold less on big files, pinned: a one-line file longer than the piece it is
encoded in comes out the same bytes by diff, `git apply`, --write and standard input, in any
encoding and with a BOM; the findings of both rounds store each distinct string once."""

from __future__ import annotations

import codecs
import subprocess
from pathlib import Path

import pytest

from retranslate.files.document import ENCODED_PIECE

GLOSSARY = ('[[entry]]\nid = "stun"\ntarget = "stun grenade"\nwrong = ["noise grenade"]\n'
            'inflect = false\nautofix = true\nnote = "светошумовая граната"\n')


def _one_line(letter: str) -> str:
    """One line of about three pieces, with a fix in each piece and one across a cut."""
    sentence = f"In the caf{letter} a noise grenade went off, police said. "
    count = 3 * ENCODED_PIECE // len(sentence)
    return sentence * count + "The end."


@pytest.mark.parametrize(("encoding", "bom", "letter", "tail"), [
    ("utf-8", b"", "é", "\n"),
    ("utf-8", codecs.BOM_UTF8, "ж", ""),
    ("cp1251", b"", "ж", "\n"),
])
def test_a_one_line_file_fixed_by_diff_write_and_stdin_is_the_same_bytes(
        tmp_path: Path, cli, encoding: str, bom: bytes, letter: str, tail: str) -> None:  # type: ignore[no-untyped-def]
    text = _one_line(letter) + tail
    raw = bom + text.encode(encoding)
    (tmp_path / "g.toml").write_text(GLOSSARY, encoding="utf-8")
    options = ["--no-default-glossary", "-g", "../g.toml", "--select", "glossary",
               "--encoding", encoding]
    for name in ("applied", "written"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "news.txt").write_bytes(raw)
    applied, written = tmp_path / "applied", tmp_path / "written"

    diff = cli("fix", *options, "news.txt", cwd=applied)
    assert diff.returncode == 0, diff.stderr
    # One hunk: the whole line out, the whole line in, as difflib writes it.
    expected = text.replace("noise grenade", "stun grenade")
    note = b"" if tail else b"\n\\ No newline at end of file\n"
    assert diff.stdout == (b"--- a/news.txt\n+++ b/news.txt\n@@ -1 +1 @@\n-" + raw + note
                           + b"+" + bom + expected.encode(encoding) + note)
    subprocess.run(["git", "init", "-q"], cwd=applied, check=True)
    (applied / "fix.diff").write_bytes(diff.stdout)
    subprocess.run(["git", "apply", "fix.diff"], cwd=applied, check=True)

    write = cli("fix", "--write", *options, "news.txt", cwd=written)
    assert write.returncode == 1, write.stderr  # files changed
    fixed = (written / "news.txt").read_bytes()
    assert fixed == bom + expected.encode(encoding)
    assert (applied / "news.txt").read_bytes() == fixed

    stdin = cli("fix", *options, "-", input=raw, cwd=written)
    assert stdin.returncode == 0, stdin.stderr
    assert stdin.stdout == fixed


def test_a_file_changed_since_it_was_read_is_still_refused_when_compared_in_pieces(
        tmp_path: Path) -> None:
    """The check before replacing a file reads it a piece at a time: a change in the last piece,
    or bytes added at the end, still stop the write."""
    from retranslate.errors import InputError
    from retranslate.files.document import read_document, write_document

    path = tmp_path / "news.txt"
    text = _one_line("é")
    for changed in (text[:-1] + "!", text + " More."):
        path.write_text(text, encoding="utf-8")
        document = read_document(str(path))
        path.write_text(changed, encoding="utf-8")
        with pytest.raises(InputError, match="file changed since it was read"):
            write_document(document, text.upper())
        assert path.read_text(encoding="utf-8") == changed


def test_fix_keeps_each_distinct_string_of_its_findings_once(corpus: Path) -> None:
    """Both rounds' findings are what check reports, with equal strings stored once: `fix`
    holds the first round's findings while it checks the fixed text again."""
    from retranslate.checks import load_checks
    from retranslate.files.document import read_document
    from retranslate.glossary import glossary_for
    from retranslate.pipeline import _with_text, check_document, fix_document

    glossary, checks = glossary_for(()), load_checks()
    document = read_document(str(corpus))
    result = fix_document(document, glossary, checks)
    assert result.changed and result.fixed_text is not None
    assert list(result.findings) == check_document(document, glossary, checks)
    assert list(result.remaining) == check_document(_with_text(document, result.fixed_text),
                                                    glossary, checks)
    both = [*result.findings, *result.remaining]
    for field in ("rule", "message", "text", "suggestion"):
        values = [getattr(f, field) for f in both]
        assert len({id(v) for v in values}) == len(set(values)) < len(values)


def test_a_fix_round_checks_the_fixed_text_with_the_last_texts_caches_dropped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from retranslate import pipeline
    from retranslate.checks import load_checks, lowered
    from retranslate.files.document import decode
    from retranslate.glossary import glossary_for
    from retranslate.language import english, vocabulary

    # A long line the checks cut out and keep, and a fix that gives a second round.
    text = "In the square a noise grenade went off. " * 200 + "\n"
    seen: list[tuple[int, int, int]] = []
    real = pipeline.forget_texts

    def forget_and_look() -> None:
        real()
        seen.append((len(english._breaks_of), lowered.lines.cache_info().currsize,
                     vocabulary.of_text.cache_info().currsize))

    monkeypatch.setattr(pipeline, "forget_texts", forget_and_look)
    result = pipeline.fix_document(decode(text.encode(), "news.txt"), glossary_for(()),
                                   load_checks())
    assert result.fixed_text is not None and "stun grenade" in result.fixed_text
    assert seen and all(held == (0, 0, 0) for held in seen)
