"""`retranslate config`: the settings a run would use, and where each one came from."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from retranslate.commands.common import color_option, effective, resolve, setting_options, use_color
from retranslate.config import CONFIG_NAMES, discover


@click.command()
@setting_options
@color_option
def config(color: str | None, **kwargs: Any) -> None:
    """Print the effective settings and where each came from (settings file, command line or
    default). Takes the same setting options as `check`, to show what they change.

    \b
    The settings file is the nearest one at or above the working directory; in one folder,
    retranslate.toml wins over .retranslate.toml, which wins over pyproject.toml with a
    [tool.retranslate] table. Files are never merged.

    \b
    Examples:
      retranslate config
      retranslate config --select glossary --fail-on error
    """
    colored = use_color(color, sys.stdout)

    def echo(text: str) -> None:
        click.echo(text, color=colored)  # click strips styles off a pipe unless told
    found = discover(kwargs.get("config_path"), Path.cwd())
    settings = effective(kwargs, found)
    resolve(settings)  # refuses unknown rules and broken glossaries as a run would

    def dim(text: str) -> str:
        return click.style(text, dim=True) if colored else text

    echo(f"# settings file: {found.path if found.path else 'none found'}")
    for other in found.shadowed:
        echo(f"# not read (the file above wins): {other}")
    if found.path is None:
        echo(f"# looked for {', '.join(CONFIG_NAMES)} from {Path.cwd()} upwards")
    for key, setting in settings.items():
        if setting.value is None:
            echo(dim(f"# {key} is not set  # {setting.origin}"))
        else:
            echo(f"{key} = {_toml(key, setting.value)}  {dim('# ' + setting.origin)}")


def _toml(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if key == "severity":
        return "{ " + ", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in value) + " }"
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)
