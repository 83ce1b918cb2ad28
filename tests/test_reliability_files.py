"""Files as the system holds them: standard input's format, metadata and links kept by --write,
the same file named twice, and what a killed run leaves behind. Each test runs the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA

GLOSSARY = ["--no-default-glossary", "-g", str(DATA / "glossary" / "test.toml")]
FIX = ["fix", *GLOSSARY, "--select", "glossary"]
XLIFF = DATA / "bilingual" / "curfew-1.2.xlf"
MARKDOWN = b"Police saw [marauders](#marauders) at the shop, `marauders` too.\n"


# --- standard input's format ------------------------------------------------------------------

@pytest.mark.parametrize("how", [["--stdin-format", "md"], ["--stdin-filename", "news/a.md"]])
def test_stdin_named_as_markdown_keeps_link_targets_and_code(cli, how: list[str]) -> None:  # type: ignore[no-untyped-def]
    done = cli(*FIX, *how, "-", input=MARKDOWN)
    assert done.returncode == 0, done.stderr
    assert done.stdout == MARKDOWN.replace(b"[marauders]", b"[looters]")


def test_stdin_is_plain_text_when_nothing_says_otherwise(cli) -> None:  # type: ignore[no-untyped-def]
    done = cli(*FIX, "-", input=MARKDOWN)
    assert done.stdout == MARKDOWN.replace(b"marauders", b"looters")


@pytest.mark.parametrize("how", [["--stdin-format", "xliff"], ["--stdin-filename", "a.xlf"]])
def test_stdin_named_as_xliff_is_fixed_as_the_file_is(tmp_path: Path, cli, how: list[str]) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "a.xlf"
    copy.write_bytes(XLIFF.read_bytes())
    written = cli(*FIX, "--write", str(copy))
    assert written.returncode == 1, written.stderr
    done = cli(*FIX, *how, "-", input=XLIFF.read_bytes())
    assert done.stdout == copy.read_bytes() != XLIFF.read_bytes()
    assert b"&amp;" in done.stdout  # entities in the file stay entities


def test_stdin_as_po_and_tmx_is_read_as_such(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for original in sorted((DATA / "bilingual").glob("*")):
        if original.suffix not in (".po", ".tmx"):
            continue
        copy = tmp_path / original.name
        copy.write_bytes(original.read_bytes())
        cli(*FIX, "--write", str(copy))
        done = cli(*FIX, "--stdin-format", original.suffix[1:], "-", input=original.read_bytes())
        assert done.stdout == copy.read_bytes(), original.name


def test_an_unknown_stdin_format_is_a_usage_error(cli) -> None:  # type: ignore[no-untyped-def]
    done = cli(*FIX, "--stdin-format", "docx", "-", input=b"text\n")
    assert done.returncode == 2 and b"Traceback" not in done.stderr
