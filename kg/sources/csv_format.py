"""Read papers from CSV with a header row (same columns as JSON Lines).

    title,abstract,arxiv_id,authors,date
    Sparse Mixture Routing,"We propose ...",2401.01234,A. Author; B. Author,2024-05-01
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from kg.errors import RecordError
from kg.sources.common import ReadOptions, Reader, paper_from_record, read_text, readers
from kg.types import Paper


def read_csv(path: Path, *, options: ReadOptions = ReadOptions()) -> Iterator[Paper]:
    """Yield one paper a row; the header must have a ``title`` column."""
    text = read_text(path)
    dialect = csv.excel_tab if "\t" in text.splitlines()[0] else csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "title" not in fields:
        raise RecordError(str(path), f"header has no 'title' column (found: {', '.join(fields)})",
                          line=1)
    reader.fieldnames = fields
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise RecordError(str(path), f"bad CSV: {e}", line=line) from None
        if None in row:
            options.report(RecordError(str(path), "row has more cells than the header",
                                       line=line))
            continue
        try:
            yield paper_from_record(row, source=f"{path}:{line}", path=str(path), line=line)
        except RecordError as e:
            options.report(e)


def _sniff(head: str) -> bool:
    first = head.splitlines()[0].lower() if head.strip() else ""
    return "title" in first and ("," in first or "\t" in first) and not first.startswith(("{", "["))


readers.register("csv", func=Reader("csv", read_csv, (".csv", ".tsv"), _sniff,
                                    "CSV or TSV with a header row (title, abstract, ...)"))
