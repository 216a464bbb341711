"""Read BibTeX entries that carry an ``abstract`` field.

    @article{he2016deep, title = {Deep Residual Learning}, year = {2016},
      abstract = {We present a residual learning framework ...}, eprint = {1512.03385}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import bibtexparser

from kg.errors import RecordError
from kg.sources.common import ReadOptions, Reader, paper_from_record, read_text, readers
from kg.types import Paper


def read_bibtex(path: Path, *, options: ReadOptions = ReadOptions()) -> Iterator[Paper]:
    """Yield one paper for each BibTeX entry (``@comment``/``@string`` are ignored)."""
    library = bibtexparser.parse_string(read_text(path))
    problems = [(b.start_line + 1, str(getattr(b, "error", "")) or "malformed entry")
                for b in library.failed_blocks]
    for line, message in sorted(problems):
        options.report(RecordError(str(path), "bad BibTeX: " + message.splitlines()[0],
                                   line=line))
    for entry in library.entries:
        fields = {k.lower(): _plain(f.value) for k, f in entry.fields_dict.items()}
        line = entry.start_line + 1
        record = {
            "title": fields.get("title"),
            "abstract": fields.get("abstract", ""),
            "authors": re.split(r"\s+and\s+", fields["author"]) if fields.get("author") else (),
            "date": fields.get("date") or fields.get("year"),
            "url": fields.get("url"),
            "arxiv_id": fields.get("eprint") or fields.get("arxiv"),
            "id": fields.get("doi"),
        }
        try:
            yield paper_from_record(record, source=f"{path}:{line}", path=str(path), line=line)
        except RecordError as e:
            options.report(e)


def _plain(value: str) -> str:
    """Return a BibTeX value without protective braces."""
    return re.sub(r"\s+", " ", str(value).replace("{", "").replace("}", "")).strip()


def _sniff(head: str) -> bool:
    return re.search(r"^\s*@\w+\s*\{", head, re.MULTILINE) is not None


readers.register("bibtex", func=Reader("bibtex", read_bibtex, (".bib", ".bibtex"), _sniff,
                                       "BibTeX with abstract fields"))
