"""Project settings: retranslate.toml, .retranslate.toml, or [tool.retranslate] in pyproject.toml.

The nearest folder at or above the working directory that holds any of them wins, and within
that folder the first of CONFIG_NAMES (files are never merged; the others are reported as
shadowed). Command-line options win over the file for single values; glossaries, excludes,
ignores and allowed phrases from both are combined.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from retranslate.errors import RetranslateError

_LISTS = ("glossary", "include", "exclude", "select", "ignore", "allow")
_BOOLS = ("default-glossary", "force-exclude")
_KNOWN = frozenset({*_LISTS, *_BOOLS, "encoding", "source-pattern", "fail-on", "severity"})
CONFIG_NAMES = ("retranslate.toml", ".retranslate.toml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    glossary: tuple[str, ...] = ()
    default_glossary: bool = True
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    encoding: str | None = None
    source_pattern: str | None = None
    force_exclude: bool = True
    fail_on: str = "warning"
    # (rule or prefix, level) pairs, as written.
    severity: tuple[tuple[str, str], ...] = ()
    # Keys the file actually sets, so `retranslate config` can say where a value came from.
    written: frozenset[str] = frozenset()
    # Settings files in the same folder that lost to `path` and were not read.
    shadowed: tuple[Path, ...] = ()

    def where(self, key: str) -> str:
        """How to name a setting in a message: `pyproject.toml [tool.retranslate] select`."""
        if self.path is None:
            return key
        table = " [tool.retranslate]" if self.path.name == "pyproject.toml" else ""
        return f"{self.path}{table} {key}"


def find_configs(start: Path) -> list[Path]:
    """Every settings file in the nearest folder at or above `start` that has one, best first."""
    for folder in (start, *start.parents):
        found = [folder / name for name in CONFIG_NAMES
                 if (folder / name).is_file()
                 and (name != "pyproject.toml" or _has_section(folder / name))]
        if found:
            return found
    return []


def _has_section(pyproject: Path) -> bool:
    try:
        return b"[tool.retranslate" in pyproject.read_bytes()
    except OSError:
        return False


def discover(explicit: str | None, start: Path) -> Config:
    """The settings a run uses: the file named with --config, or the nearest one found."""
    if explicit:
        return load_config(Path(explicit))
    found = find_configs(start)
    config = load_config(found[0] if found else None)
    if len(found) > 1:
        from dataclasses import replace

        config = replace(config, shadowed=tuple(found[1:]))
    return config


def toml() -> ModuleType:
    """tomllib (tomli before 3.11), imported when a file is read: a hook run with a cached
    glossary and no settings file reads no TOML."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    return tomllib


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    tomllib = toml()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise RetranslateError(f"cannot read settings: {err}", path=str(path)) from None
    except RecursionError:  # tomllib recurses once per nesting level
        raise RetranslateError("cannot read settings: nested too deeply", path=str(path)) from None
    table: Any = data.get("tool", {}).get("retranslate", {}) if path.name == "pyproject.toml" \
        else data
    where = Config(path=path).where
    unknown = set(table) - _KNOWN
    if unknown:
        raise RetranslateError(f"unknown setting(s) {', '.join(sorted(unknown))}", path=str(path),
                               hint=f"known: {', '.join(sorted(_KNOWN))}")
    for key in _LISTS:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RetranslateError(f"'{key}' must be a list of strings", path=where(key))
    for key in _BOOLS:
        if not isinstance(table.get(key, True), bool):
            raise RetranslateError(f"'{key}' must be true or false", path=where(key))
    for key in ("encoding", "source-pattern", "fail-on"):
        if not isinstance(table.get(key, ""), str):
            raise RetranslateError(f"'{key}' must be a string", path=where(key))
    fail_on = table.get("fail-on", "warning")
    if fail_on not in SEVERITIES:
        raise RetranslateError(f"{fail_on!r} is not a level", path=where("fail-on"),
                               hint=f"use one of {', '.join(SEVERITIES)}")
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise RetranslateError('must be a table: "rule" = "error|warning|info"',
                               path=where("severity"))
    for rule, level in severity.items():
        if level not in SEVERITIES:
            raise RetranslateError(f"{rule} = {level!r} is not a level", path=where("severity"),
                                   hint=f"use one of {', '.join(SEVERITIES)}")
    base = path.parent
    return Config(
        path=path,
        # Glossary paths in a settings file are relative to that file, not to where we run.
        glossary=tuple(str(base / g) for g in table.get("glossary", [])),
        default_glossary=table.get("default-glossary", True),
        include=tuple(table.get("include", [])),
        exclude=tuple(table.get("exclude", [])),
        select=tuple(table.get("select", [])),
        ignore=tuple(table.get("ignore", [])),
        allow=tuple(table.get("allow", [])),
        encoding=table.get("encoding"),
        source_pattern=table.get("source-pattern"),
        force_exclude=table.get("force-exclude", True),
        fail_on=fail_on,
        severity=tuple(severity.items()),
        written=frozenset(table),
    )
