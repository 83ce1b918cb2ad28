"""`python -m retranslate` runs the CLI."""

from retranslate.cli import main

main()
