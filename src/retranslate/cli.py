"""The command line: gathers the commands and turns every RetranslateError into one line, exit 2."""

from __future__ import annotations

import sys

import click

from retranslate import __version__
from retranslate.commands.align import align
from retranslate.commands.check import check
from retranslate.commands.fix import fix
from retranslate.commands.glossary import glossary
from retranslate.commands.model import model
from retranslate.errors import RetranslateError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="retranslate")
def cli() -> None:
    """Find, repair and diff clear mistranslations in English machine-translated from Russian."""


cli.add_command(check)
cli.add_command(fix)
cli.add_command(glossary)
cli.add_command(align)
cli.add_command(model)


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
