"""Glossaries: the entry model, TOML loading, the compiled matcher and example checks."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from retranslate.glossary.load import load_glossary
from retranslate.glossary.model import Entry, Example, Glossary

__all__ = ["Entry", "Example", "Glossary", "default_glossary_path", "glossary_for", "load_glossary"]


def default_glossary_path() -> Path:
    """The Russian→English news glossary shipped with the package."""
    installed = Path(__file__).resolve().parent.parent / "default_glossaries" / "ru-en"
    if installed.is_dir():
        return installed
    # An editable install runs from the checkout, where the glossaries live at the top level.
    return Path(__file__).resolve().parents[3] / "glossaries" / "ru-en"


def glossary_for(extra: Iterable[str | Path] = (), *, default: bool = True) -> Glossary:
    """The default glossary (unless turned off) plus every extra file or folder, in that order."""
    from retranslate.glossary.cache import load_cached

    paths: list[str | Path] = [default_glossary_path()] if default else []
    paths.extend(extra)
    return load_cached(paths)
