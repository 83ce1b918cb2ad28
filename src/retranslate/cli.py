"""The command line: gathers the commands and turns every RetranslateError into one line, exit 2."""

from __future__ import annotations

import importlib
import sys

import click

from retranslate import __version__
from retranslate.errors import RetranslateError

# Command name → the module under retranslate.commands that defines it (under the same name).
COMMANDS = ("check", "fix", "glossary", "align", "model", "report")


class _Commands(click.Group):
    """Imports a command's module only when it runs: a hook's `check` never loads `fix`'s diff
    machinery or `align`'s layout code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        command: click.Command = getattr(
            importlib.import_module(f"retranslate.commands.{cmd_name}"), cmd_name)
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="retranslate")
def cli() -> None:
    """Find, repair and diff clear mistranslations in English machine-translated from Russian."""


def main() -> None:
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
