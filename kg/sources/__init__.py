"""Input formats: a registry of readers, one module per format, auto-detected.

Each reader module registers a :class:`Reader` in :data:`readers`; third-party packages can
add formats through the ``kg_readers`` entry point group.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError, UnknownNameError
from kg.normalize import title_key
from kg.sources.common import ReadOptions, Reader, readers, read_text
from kg.types import Paper

# Importing the format modules registers them.
from kg.sources import arxiv, bibtex, csv_format, daily_papers, json_format  # noqa: F401,E402

__all__ = ["ReadOptions", "Reader", "readers", "get_reader", "detect_format", "read_papers"]


def all_readers() -> dict[str, Reader]:
    """Return every registered reader by name, sorted."""
    return dict(sorted(readers.get_all().items()))


def get_reader(name: str) -> Reader:
    """Return the reader registered as ``name``."""
    found = all_readers()
    if name not in found:
        raise UnknownNameError("input format", name, found)
    return found[name]


def detect_format(path: str | Path) -> str:
    """Return the name of the format of ``path``, from its suffix, then its content."""
    path = Path(path)
    head = read_text(path)[:4096]
    by_suffix = [r for r in all_readers().values() if path.suffix.lower() in r.suffixes]
    for reader in by_suffix:
        if reader.sniff(head):
            return reader.name
    for reader in all_readers().values():
        if reader.sniff(head):
            return reader.name
    if by_suffix:
        return by_suffix[0].name
    raise InputError(str(path), "cannot tell the input format; pass --format "
                     f"({', '.join(all_readers())})")


def read_papers(paths: Iterable[str | Path], *, format: str | None = None,
                options: ReadOptions | None = None) -> Iterator[Paper]:
    """Yield the papers of every file once each.

    A paper seen before (same arXiv id or same normalised title) is skipped, so the same
    paper read from two files is one paper.
    """
    options = options or ReadOptions()
    seen: set[str] = set()
    for path in paths:
        reader = get_reader(format or detect_format(path))
        for paper in reader.read(Path(path), options=options):
            keys = {paper.id, title_key(paper.title)}
            if not keys & seen:
                seen |= keys
                yield paper
