"""`retranslate rule`: what a rule (or every rule) means, as `check --explain` prints it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from retranslate.commands.common import (
    color_option,
    effective,
    resolve,
    rule_ids,
    setting_options,
    unknown_rule,
    use_color,
)
from retranslate.config import discover
from retranslate.errors import RetranslateError


@click.command()
@click.argument("rule_id", metavar="[RULE]", required=False)
@setting_options
@color_option
def rule(rule_id: str | None, color: str | None, **kwargs: Any) -> None:
    """Explain RULE (a rule id or prefix such as glossary/bbc-air-force or numbers), or list
    every rule with a line each.

    \b
    Examples:
      retranslate rule glossary/bbc-air-force
      retranslate rule untranslated
      retranslate rule -g glossaries/house     # house entries included
    """
    if rule_id is None:
        _list_rules(kwargs)
    else:
        explain_rule(rule_id, kwargs, color=use_color(color, sys.stdout))


def _loaded(kwargs: dict[str, Any]) -> tuple[Any, Any, frozenset[str]]:
    settings = effective(kwargs, discover(kwargs.get("config_path"), Path.cwd()))
    glossary, checks, _ = resolve(settings)
    return glossary, checks, rule_ids(checks, glossary)


def _list_rules(kwargs: dict[str, Any]) -> None:
    echo = click.echo
    glossary, checks, _ = _loaded(kwargs)
    for check in checks:
        for name in check.rules:
            if not name.endswith("/*"):
                echo(f"{name}\t{check.description}")
    by_id = glossary.by_id()
    for entry in by_id.values():
        if not entry.wrong:  # a required term: only term-omitted reports it
            echo(f"term-omitted/{entry.id}\trequired term: {entry.target}")
            continue
        mode = "fixed by fix" if entry.autofix else "review-only"
        echo(f"glossary/{entry.id}\t{' | '.join(entry.wrong)} -> {entry.target} ({mode})")


def explain_rule(rule_id: str, kwargs: dict[str, Any], *, color: bool) -> None:
    glossary, checks, known = _loaded(kwargs)
    pattern = rule_id.strip().rstrip("/")
    matching = sorted(r for r in known if r == pattern or r.startswith(pattern + "/"))
    if not matching:
        raise RetranslateError(unknown_rule(pattern, known), path="rule")

    def heading(text: str) -> str:
        return click.style(text, bold=True) if color else text

    def echo(text: str) -> None:
        click.echo(text, color=color)  # click strips styles off a pipe unless told

    entries = glossary.by_id()
    for name in matching[:1] if len(matching) == 1 else matching:
        family, _, tail = name.partition("/")
        entry = entries.get(tail) if family in ("glossary", "term-omitted") else None
        if len(matching) > 1:
            what = f"{' | '.join(entry.wrong)} -> {entry.target}" if entry else \
                next(c.description for c in checks if _owns(c.rules, name))
            echo(f"{heading(name)}\t{what}")
            continue
        check = next(c for c in checks if _owns(c.rules, name))
        echo(heading(name))
        echo(f"  check: {check.name}: {check.description}")
        if entry is None:
            continue
        echo(f"  defined at: {entry.where}")
        echo(f"  wrong: {', '.join(entry.wrong) or '(none: a required term)'}")
        echo(f"  right: {entry.target}" + (f" (also accepted: {', '.join(entry.accept)})"
                                                 if entry.accept else ""))
        if entry.source:
            echo(f"  Russian: {', '.join(entry.source)}")
        if entry.near or entry.not_near:
            echo(f"  without a source, only near: {', '.join(entry.near) or 'anything'}"
                       + (f"; never near: {', '.join(entry.not_near)}" if entry.not_near
                          else ""))
        echo("  fixed by `retranslate fix`: " +
                   ("yes" if entry.autofix else "no, review-only (reported as a warning)"))
        if entry.note:
            echo(f"  note: {entry.note}")
        for example in entry.examples[:2]:
            echo(f"  example: {example.wrong} -> {example.right}")
        echo(f"  ignore one: <!-- retranslate: ignore[{name}] --> before the paragraph, "
                   f"or `ignore = [\"{name}\"]` in the settings")


def _owns(rules: tuple[str, ...], name: str) -> bool:
    return any(r == name or (r.endswith("/*") and name.startswith(r[:-1])) for r in rules)
