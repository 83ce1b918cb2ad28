"""A broken glossary stops the run with file:line and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from retranslate.errors import GlossaryError
from retranslate.glossary.cache import load_cached
from retranslate.glossary.load import load_glossary

GOOD = """
[[entry]]
id = "looter"
target = "looter"
wrong = ["marauder"]
note = "n"
examples = [{ wrong = "A marauder ran.", right = "A looter ran." }]
"""


def _write(tmp_path: Path, text: str, name: str = "g.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "line", "message"), [
    ("[[entry]]\nid = \"x\"\ntarget = \n", 3, "bad TOML"),
    (GOOD + "\n[[entry]]\nid = \"b\"\ntarget = \"BBC\"\nnote = \"n\"\n", 9,
     "an entry needs 'wrong' forms to look for, or 'source' words"),
    (GOOD + GOOD, 9, "duplicate id 'looter'"),
    ("[[entry]]\nid = \"x\"\ntarget = \"BBC\"\nwrong = [\"bbc\"]\nnote = \"n\"\n", 1,
     "equals the target"),
    (GOOD + "\n[[entry]]\nid = \"r\"\ntarget = \"robber\"\nwrong = [\"Marauder\"]\nnote = \"n\"\n",
     9, "claimed by 'looter'"),
    ("[[entry]]\nid = \"x\"\ntarget = \"a\"\nwrong = \"b\"\nnote = \"n\"\n", 1,
     "'wrong' must be a list"),
    ("[[entry]]\nid = \"x\"\ntarget = \"a\"\nwrnog = [\"b\"]\nwrong = [\"c\"]\nnote = \"n\"\n", 1,
     "unknown field(s) wrnog"),
])
def test_broken_glossaries_name_file_and_line(tmp_path: Path, text: str, line: int,
                                              message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(GlossaryError) as caught:
        load_glossary([path])
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert message in str(caught.value)


def test_an_entry_whose_example_fails_does_not_load(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("A looter ran.", "A robber ran."))
    with pytest.raises(GlossaryError, match=r"example fails: .*expected 'A robber ran.'"):
        load_cached([path], use_cache=False)


def test_ok_sentences_must_stay_silent(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD + 'ok = ["Marauders of the galaxy."]\n')
    with pytest.raises(GlossaryError, match="flags the ok sentence"):
        load_cached([path], use_cache=False)


def test_cli_reports_broken_glossary_in_one_line(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    glossary = _write(tmp_path, GOOD + GOOD)
    text = _write(tmp_path, "A marauder ran.", "a.txt")
    result = cli("check", "--no-default-glossary", "-g", str(glossary), str(text))
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert lines == [f"retranslate: error: {glossary}:9: duplicate id 'looter', first defined at "
                     f"{glossary}:2 (to replace it write override = true; to switch it off, "
                     "disabled = true)"]
    tested = cli("glossary", "test", str(glossary))
    assert tested.returncode == 2


def test_cached_glossary_is_reused_and_refreshed(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    first = load_cached([path])
    assert load_cached([path]) == first
    path.write_text(GOOD.replace("looter", "thief"), encoding="utf-8")
    assert load_cached([path]).entries[0].target == "thief"


def test_unknown_glossary_format_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "wrong,right\nmarauder,looter\n", "terms.xlsx")
    with pytest.raises(GlossaryError,
                       match=r"unknown glossary format \.xlsx \(use \.csv, \.tbx, \.toml, \.tsv\)"):
        load_glossary([path])
    # In a folder, files of no known format are not glossaries and are passed over.
    _write(tmp_path, GOOD, "g.toml")
    assert [e.id for e in load_glossary([tmp_path]).entries] == ["looter"]


def test_a_folder_is_walked_in_the_order_of_its_sorted_paths(tmp_path: Path) -> None:
    from retranslate.glossary.load import PARSERS, glossary_files

    for name in ("b.toml", "a-b/x.toml", "a/x.TOML", "a/notes.txt", "a/z/deep.toml",
                 ".hidden/h.toml", "c.csv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    (tmp_path / "linked").symlink_to(tmp_path / "a", target_is_directory=True)
    expected = sorted(p for p in tmp_path.rglob("*")
                      if p.is_file() and p.suffix.lower() in PARSERS)
    walked = list(glossary_files([tmp_path]))
    assert walked == expected
    assert tmp_path / "a" / "z" / "deep.toml" in walked
    assert not any("linked" in p.parts for p in walked)  # as rglob: a linked folder is not walked
    assert tmp_path / "a" / "notes.txt" not in walked
