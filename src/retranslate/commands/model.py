"""`retranslate model`: install, list and remove Argos Translate models; translate for debugging."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

_PAIR = re.compile(r"^([a-z]{2,3})[-_]([a-z]{2,3})$")


@click.group()
def model() -> None:
    """Machine translation models (needs: pip install "retranslate[mt]")."""


@model.command()
@click.argument("file_or_pair")
def install(file_or_pair: str) -> None:
    """Install an .argosmodel FILE, or download PAIR (e.g. ru-en) from the Argos index."""
    from retranslate.mt.packages import install_file, install_from_index

    pair = _PAIR.match(file_or_pair)
    if pair and not Path(file_or_pair).exists():
        installed = install_from_index(pair.group(1), pair.group(2))
    else:
        installed = install_file(Path(file_or_pair))
    click.echo(f"installed {installed.pair} {installed.version} in {installed.path}")


@model.command("list")
def list_models() -> None:
    """Print installed models: pair, version and folder."""
    from retranslate.mt.packages import installed

    for found in installed():
        click.echo(f"{found.pair}\t{found.version}\t{found.path}")


@model.command()
@click.argument("pair")
def remove(pair: str) -> None:
    """Remove the installed model for PAIR (e.g. ru-en)."""
    from retranslate.mt.packages import remove as remove_model

    codes = _PAIR.match(pair)
    if not codes:
        raise click.UsageError(f"{pair!r} is not a language pair such as ru-en")
    removed = remove_model(codes.group(1), codes.group(2))
    click.echo(f"removed {removed.pair} from {removed.path}")


@model.command()
@click.option("--pair", default="ru-en", show_default=True, help="Which installed model to use.")
def translate(pair: str) -> None:
    """Translate standard input, one sentence per line, with an installed model."""
    from retranslate.mt.translator import load_translator

    codes = _PAIR.match(pair)
    if not codes:
        raise click.UsageError(f"{pair!r} is not a language pair such as ru-en")
    translator = load_translator(codes.group(1), codes.group(2))
    lines = sys.stdin.read().splitlines()
    for line in translator.translate(lines):
        click.echo(line)
