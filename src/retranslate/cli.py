"""The command line: gathers the commands and turns every RetranslateError into one line, exit 2."""

from __future__ import annotations

import gc
import importlib
import os
import sys

from retranslate import startup

startup.install()  # before click, models and the checks compile patterns and dataclasses

import click  # noqa: E402

from retranslate import __version__  # noqa: E402
from retranslate.errors import RetranslateError  # noqa: E402

# Command name → the module under retranslate.commands that defines it (under the same name).
COMMANDS = ("check", "fix", "report", "config", "rule", "glossary", "align", "model")


class _Commands(click.Group):
    """Imports a command's module only when it runs: a hook's `check` never loads `fix`'s diff
    machinery or `align`'s layout code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)  # in the order a user needs them, as ruff lists its own

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        command: click.Command = getattr(
            importlib.import_module(f"retranslate.commands.{cmd_name}"), cmd_name)
        if cmd_name not in ("check", "fix"):
            startup.over()  # check and fix say so themselves, once the glossary is loaded
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="retranslate")
@click.option("--color", type=click.Choice(("auto", "always", "never")), default=None,
              help="Colour for every command: auto (a terminal without NO_COLOR), always, never.")
def cli(color: str | None) -> None:
    """Find, repair and diff clear mistranslations in English machine-translated from Russian
    ("The Air Force managed to talk" where the Russian said ВВС, the BBC).

    
    Examples:
      retranslate check article.en.txt          # one line per finding
      retranslate fix article.en.txt            # the repair as a unified diff
      retranslate fix --write news/             # repair in place
      retranslate check --source a.ru.md a.en.md
      retranslate rule glossary/bbc-air-force   # what a rule means
      retranslate config                        # the settings in force, and from where

    Run `retranslate COMMAND --help` for a command's options. Settings live in
    retranslate.toml or [tool.retranslate] in pyproject.toml (see `retranslate config`).
    """


def main() -> None:
    gc.disable()  # until startup.over(); the `retranslate` command's launcher did it already
    try:
        cli.main(prog_name="retranslate", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("retranslate: aborted", err=True)
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except RetranslateError as err:
        click.echo(f"retranslate: error: {err}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.stderr.close()  # output piped into `head`: not an error worth a traceback
        sys.exit(1)
    except OSError as err:  # a full disk behind standard output (`> /dev/full`), say
        _drop_stdout()
        click.echo(f"retranslate: error: {err.filename or 'standard output'}: "
                   f"{err.strerror or err}", err=True)
        sys.exit(2)


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so the exit does not retry the write that failed."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
