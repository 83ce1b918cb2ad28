"""A one-line progress meter on stderr for long runs: files done, findings so far, rate.

Written by hand rather than with rich or tqdm: a hook run that never shows it imports nothing.
"""

from __future__ import annotations

import os
import sys
import time
from typing import IO

# A run shorter than this never shows the meter, so quick hook runs print nothing extra.
DELAY_SECONDS = 2.0
_EVERY_SECONDS = 0.2


class Progress:
    def __init__(self, stream: IO[str] | None, delay: float = DELAY_SECONDS) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.delay = delay
        self.shown_at = 0.0
        self.drawn = False
        # Forced on into a pipe or a log, each update is a line of its own.
        self.tty = stream is not None and stream.isatty()

    @classmethod
    def for_run(cls, choice: bool | None, quiet: bool) -> Progress:
        """--progress shows it at once; by default only on a terminal, never in CI or -q."""
        if choice is True:
            return cls(sys.stderr, delay=0.0)
        if choice is False or quiet or os.environ.get("CI") or not sys.stderr.isatty():
            return cls(None)
        return cls(sys.stderr)

    def step(self, files: int, findings: int) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        elapsed = now - self.started
        if elapsed < self.delay or (self.drawn and now - self.shown_at < _EVERY_SECONDS):
            return
        rate = files / elapsed if elapsed > 0 else 0.0
        start, end = ("\r\x1b[K", "") if self.tty else ("", "\n")
        self.stream.write(f"{start}{files} file{'s' * (files != 1)} checked, {findings} "
                          f"finding{'s' * (findings != 1)}, {rate:.1f} files/s{end}")
        self.stream.flush()
        self.shown_at = now
        self.drawn = True

    def close(self) -> None:
        if self.stream is not None and self.drawn and self.tty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
