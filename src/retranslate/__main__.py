"""`python -m retranslate` and the `retranslate` command: the CLI, started without garbage
collection (see `retranslate.startup.over`)."""

import gc


def main() -> None:
    gc.disable()  # before click is imported: collections during its import alone cost 2 ms
    from retranslate.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
