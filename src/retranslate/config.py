"""Project settings: retranslate.toml, .retranslate.toml, or [tool.retranslate] in pyproject.toml.

Found by walking up from the working directory; command-line options win over the file, and
glossaries named in the file are added to those named on the command line.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retranslate.errors import RetranslateError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

_LISTS = ("glossary", "include", "exclude", "select", "ignore")
_KNOWN = frozenset({*_LISTS, "default-glossary", "encoding", "source-pattern"})
CONFIG_NAMES = ("retranslate.toml", ".retranslate.toml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    glossary: tuple[str, ...] = ()
    default_glossary: bool = True
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    encoding: str | None = None
    source_pattern: str | None = None


def find_config(start: Path) -> Path | None:
    """The nearest settings file at or above `start` that holds retranslate settings."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_section(candidate)):
                return candidate
    return None


def _has_section(pyproject: Path) -> bool:
    try:
        return b"[tool.retranslate]" in pyproject.read_bytes()
    except OSError:
        return False


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise RetranslateError(f"cannot read settings: {err}", path=str(path)) from None
    except RecursionError:  # tomllib recurses once per nesting level
        raise RetranslateError("cannot read settings: nested too deeply", path=str(path)) from None
    table: Any = data.get("tool", {}).get("retranslate", {}) if path.name == "pyproject.toml" \
        else data
    unknown = set(table) - _KNOWN
    if unknown:
        raise RetranslateError(f"unknown setting(s) {', '.join(sorted(unknown))}", path=str(path),
                               hint=f"known: {', '.join(sorted(_KNOWN))}")
    for key in _LISTS:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RetranslateError(f"'{key}' must be a list of strings", path=str(path))
    for key, kind, wanted in (("encoding", str, "a string"), ("source-pattern", str, "a string"),
                              ("default-glossary", bool, "true or false")):
        if key in table and not isinstance(table[key], kind):
            raise RetranslateError(f"'{key}' must be {wanted}", path=str(path))
    base = path.parent
    return Config(
        path=path,
        # Glossary paths in a settings file are relative to that file, not to where we run.
        glossary=tuple(str(base / g) for g in table.get("glossary", [])),
        default_glossary=bool(table.get("default-glossary", True)),
        include=tuple(table.get("include", [])),
        exclude=tuple(table.get("exclude", [])),
        select=tuple(table.get("select", [])),
        ignore=tuple(table.get("ignore", [])),
        encoding=table.get("encoding"),
        source_pattern=table.get("source-pattern"),
    )
