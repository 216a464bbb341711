"""Errors kg raises. The library never prints or exits; the CLI turns these into messages."""

from __future__ import annotations

from collections.abc import Iterable


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """An input file is missing, empty, unreadable or of an unknown format."""

    def __init__(self, path: str, message: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class RecordError(InputError):
    """One record of an input file is malformed; others may still be usable."""


class UnknownNameError(KGError):
    """A name (format, exporter, pipeline ...) is not one kg knows."""

    def __init__(self, kind: str, name: str, valid: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.valid = sorted(valid)
        super().__init__(f"unknown {kind} {name!r}; valid: {', '.join(self.valid)}")
