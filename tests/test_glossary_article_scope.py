"""A glossary fix takes in the a/an before its term only where that article is prose."""

from __future__ import annotations

from pathlib import Path


def test_an_article_at_the_end_of_a_path_is_left_to_the_path(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "note.txt"
    page.write_text("Police logs went to /srv/backup/An marauder was seen. An marauder ran off.\n")
    result = cli("fix", "--write", str(page))
    assert b"(2 edits)" in result.stderr, result.stderr
    # The path keeps its "An"; the sentence's own article still agrees with the new noun.
    assert page.read_text() == (
        "Police logs went to /srv/backup/An looter was seen. A looter ran off.\n")
