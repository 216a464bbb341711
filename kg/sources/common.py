"""What every reader shares: the registry, options, file loading and record checks."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import catalogue

from kg.errors import InputError, RecordError
from kg.normalize import fold, paper_id, parse_arxiv_id
from kg.types import Paper

readers = catalogue.create("kg", "readers", entry_points=True)

MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


@dataclass(frozen=True)
class ReadOptions:
    """Options every reader accepts.

    Attributes:
        on_error: called with each malformed record instead of raising (``--skip-bad``).
        year: the year of a listing whose dates omit it (Daily Papers pages).
    """

    on_error: Callable[[RecordError], None] | None = None
    year: int | None = None

    def report(self, error: RecordError) -> None:
        """Raise ``error``, or hand it to ``on_error`` when skipping bad records."""
        if self.on_error is None:
            raise error
        self.on_error(error)


@dataclass(frozen=True)
class Reader:
    """One input format: its name, file suffixes, a content sniffer and the reader."""

    name: str
    read: Callable[..., Iterator[Paper]]
    suffixes: tuple[str, ...]
    sniff: Callable[[str], bool]
    description: str


def read_text(path: Path) -> str:
    """Return the text of ``path`` or raise an :class:`InputError` that says why not."""
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory, not a file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        line = path.read_bytes()[: e.start].count(b"\n") + 1
        raise InputError(str(path), "not UTF-8 text", line=line) from None
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror}") from None
    if not text.strip():
        raise InputError(str(path), "file is empty")
    return text


def parse_date(text: str | None, *, year: int | None = None) -> str | None:
    """Return an ISO date for "2023-04-10", "2023", "Apr 10, 2023" or "Apr 10" (+ ``year``)."""
    if not text or not str(text).strip():
        return None
    s = str(text).strip()
    iso = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$", s)
    if iso:
        y, m, d = int(iso[1]), int(iso[2] or 1), int(iso[3] or 1)
        return _iso(y, m, d) if iso[3] else (f"{y:04d}-{m:02d}" if iso[2] else f"{y:04d}")
    mdy = re.match(r"^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$", s)
    if mdy and mdy[1].lower() in MONTHS:
        y = int(mdy[3]) if mdy[3] else year
        return _iso(y, MONTHS[mdy[1].lower()], int(mdy[2])) if y else None
    return None


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def split_authors(value: Any) -> tuple[str, ...]:
    """Return author names from a list or a string separated by ';', ' and ' or ','."""
    if not value:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(fold(str(a)) for a in value if str(a).strip())
    parts = re.split(r"\s*;\s*|\s+and\s+", str(value))
    if len(parts) == 1 and parts[0].count(",") > 1:
        parts = parts[0].split(",")
    return tuple(fold(p) for p in parts if p.strip())


def paper_from_record(record: Mapping[str, Any], *, source: str, path: str,
                      line: int) -> Paper:
    """Return a :class:`Paper` from a mapping with title/abstract/id/... keys.

    Raises:
        RecordError: the record has no title, or a field has the wrong type.
    """
    if not isinstance(record, Mapping):
        raise RecordError(path, f"expected an object, got {type(record).__name__}", line=line)
    title = record.get("title")
    if not isinstance(title, str) or not title.strip():
        raise RecordError(path, "record has no title", line=line)
    abstract = record.get("abstract") or record.get("summary") or ""
    if not isinstance(abstract, str):
        raise RecordError(path, "abstract must be text", line=line)
    url = record.get("url") or None
    arxiv = parse_arxiv_id(str(record.get("arxiv_id") or "")) or parse_arxiv_id(
        str(record.get("id") or "")) or parse_arxiv_id(str(url or ""))
    title = fold(title, compat=False)
    return Paper(
        id=paper_id(title, arxiv), title=title, abstract=fold(abstract, prose=True),
        authors=split_authors(record.get("authors")),
        date=parse_date(record.get("date")), url=str(url) if url else None, arxiv_id=arxiv,
        source=source,
    )

