"""Technical tokens (e-mail, @handles, URLs, domains, paths, identifiers) are never prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA
from retranslate.files.scopes import prose_regions, technical_tokens

GLOSSARY = ["--no-default-glossary", "-g", str(DATA / "glossary" / "test.toml")]
TOKENS = ["marauders@example.com", "@marauders", "marauders.com", "Marauders.kz/news",
          "/srv/marauders/", "~/marauders", "./marauders", "docs/marauders.md",
          "marauders_list", "noise.grenade", "www.marauders.org", "https://x.org/marauders",
          "ftp://marauders.example/noise-grenade"]


def _found(text: str) -> list[str]:
    return [text[s.start:s.end] for s in technical_tokens(text)]


@pytest.mark.parametrize("token", TOKENS)
def test_each_technical_token_is_found_whole(token: str) -> None:
    text = f"Police said ({token}), and then {token}. Then {token}"
    assert _found(text) == [token, token, token]


@pytest.mark.parametrize("prose", [
    "at 10 a.m. and 5 p.m.", "i.e. e.g. U.S. officials", "1.5 million on 07.01.2022", "fled.The",
    "50 km/h and/or 24/7", "_emphasis_ and **bold**", "at 12:30.",
    "3.5% and St.Petersburg", "looters-looters-looters", "a@b", "a.b",
    "the website DVHUB.ru writes", "Tengrinews.kz reported",  # outlets named by their domain
])
def test_prose_that_only_looks_technical_stays_prose(prose: str) -> None:
    assert _found(prose) == []
    assert [(s.start, s.end) for s in prose_regions(prose, "text")] == [(0, len(prose))]


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_fix_never_edits_technical_tokens_but_fixes_the_prose(tmp_path: Path, cli,  # type: ignore[no-untyped-def]
                                                              name: str) -> None:
    text = "Police said " + ", ".join(TOKENS) + " were seen. The marauders fled.\n"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = cli("fix", "--write", *GLOSSARY, str(path))
    assert done.returncode == 1, done.stderr
    assert path.read_text(encoding="utf-8") == text.replace("The marauders", "The looters")


def test_a_400_kb_token_is_classified_in_one_pass() -> None:
    # A run of token characters is tried once, from its start: a long run is not quadratic.
    word = "marauders." * 40_000 + "com"
    text = f"see {word} and {'x' * 400_000} and {'a_' * 200_000}b."
    assert _found(text) == [word, "a_" * 200_000 + "b"]
