"""Finding the Russian source of a translation: named outright, by convention, or by pattern.

Conventions, tried in order:
  - `name.en.ext` (or `name.eng.ext`, `name.en-US.ext`) beside `name.ru.ext`;
  - `name.ext` beside `name.ru.ext` (the translation unmarked, the source marked);
  - `…/en/…/name.ext` beside `…/ru/…/name.ext` (any `en`-like folder, nearest first).
A pattern is a template with the placeholders {dir} (the translation's folder), {name} (its file
name), {stem} and {suffix} (the name split at its last dot) and {base} (the stem without a
language marker: "article" for "article.en.md"), e.g. "{dir}/../sources/{base}.ru{suffix}".
A relative result is taken from the current folder, like any path on the command line.
"""

from __future__ import annotations

import re
from pathlib import Path

from retranslate.errors import RetranslateError

_LANG_MARK = re.compile(r"\.(?:en|eng|en[-_][A-Za-z]{2})$", re.IGNORECASE)
_EN_FOLDERS = frozenset({"en", "eng", "english", "en-us", "en_us", "en-gb", "en_gb"})
_RU_FOLDERS = ("ru", "rus", "russian", "ru-ru", "ru_ru")


def find_source(path: Path, explicit: Path | None = None, pattern: str | None = None,
                ) -> Path | None:
    """The source file for the translation at `path`, or None when there is none to be found.

    `explicit` wins and is returned even if missing, so the reader reports the user's mistake;
    a pattern is tried before the conventions, and only existing files are returned from either.
    """
    if explicit is not None:
        return explicit
    for candidate in candidates(path, pattern):
        if candidate != path and candidate.is_file():
            return candidate
    return None


def candidates(path: Path, pattern: str | None = None) -> list[Path]:
    """Every place the source may be, most specific first (whether or not it exists)."""
    found: list[Path] = []
    stem, suffix = path.stem, path.suffix
    base = _LANG_MARK.sub("", stem)
    if pattern:
        try:
            found.append(Path(pattern.format(dir=path.parent.as_posix() or ".", name=path.name,
                                             stem=stem, suffix=suffix, base=base)))
        except (KeyError, IndexError, ValueError, AttributeError, TypeError) as err:
            raise RetranslateError(f"bad source pattern {pattern!r}: {err!r}",
                                   hint="use {dir}, {name}, {stem}, {suffix} or {base}") from None
    if base != stem:
        found.append(path.with_name(f"{base}.ru{suffix}"))
        found.append(path.with_name(f"{base}{suffix}"))
    else:
        found.append(path.with_name(f"{stem}.ru{suffix}"))
    parts = path.parts
    for i in range(len(parts) - 2, -1, -1):
        if parts[i].lower() in _EN_FOLDERS:
            for folder in _RU_FOLDERS:
                found.append(Path(*parts[:i], folder, *parts[i + 1:]))
    return found
