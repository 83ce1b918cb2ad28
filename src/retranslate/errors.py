"""The one error type that reaches the CLI's single error handler."""

from __future__ import annotations


class RetranslateError(Exception):
    """A user-facing failure: printed as one line, `path:line: message (hint)`, exit code 2."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{tail}"


class GlossaryError(RetranslateError):
    """A glossary that must not load: bad TOML, a missing field, a failing example."""


class InputError(RetranslateError):
    """A file that cannot be read or written as asked."""


class SkippedFile(RetranslateError):
    """A file passed over on purpose (binary, say): noted on stderr, never fatal."""
