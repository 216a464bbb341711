"""Read papers from JSON Lines (one object a line) or a JSON array of objects.

    {"title": "Sparse Mixture Routing", "abstract": "We propose ...", "arxiv_id": "2401.01234"}
    {"title": "...", "abstract": "...", "authors": ["A. Author"], "date": "2024-05-01"}

Keys: ``title`` (required), ``abstract``, ``id``, ``arxiv_id``, ``authors``, ``date``, ``url``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kg.errors import RecordError
from kg.sources.common import ReadOptions, Reader, paper_from_record, read_text, readers
from kg.types import Paper


def read_jsonl(path: Path, *, options: ReadOptions = ReadOptions()) -> Iterator[Paper]:
    """Yield one paper for each non-blank line of a JSON Lines file."""
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            yield paper_from_record(record, source=f"{path}:{number}", path=str(path),
                                    line=number)
        except json.JSONDecodeError as e:
            options.report(RecordError(str(path), f"not JSON: {e.msg}", line=number))
        except RecordError as e:
            options.report(e)


def read_json(path: Path, *, options: ReadOptions = ReadOptions()) -> Iterator[Paper]:
    """Yield the papers of a JSON array (or of its ``papers`` key)."""
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise RecordError(str(path), f"not JSON: {e.msg}", line=e.lineno) from None
    if isinstance(data, dict):
        data = data.get("papers", [data])
    if not isinstance(data, list):
        raise RecordError(str(path), "expected a list of paper objects", line=1)
    lines = _object_lines(text)
    for i, record in enumerate(data):
        number = lines[i] if i < len(lines) else 1
        try:
            yield paper_from_record(record, source=f"{path}:{number}", path=str(path),
                                    line=number)
        except RecordError as e:
            options.report(e)


def _object_lines(text: str) -> list[int]:
    """Return the line of each top-level object in a JSON array (for error messages)."""
    decoder, lines, i = json.JSONDecoder(), [], text.find("[") + 1
    while 0 < i < len(text):
        while i < len(text) and text[i] in " \t\r\n,":
            i += 1
        if i >= len(text) or text[i] == "]":
            break
        lines.append(text.count("\n", 0, i) + 1)
        try:
            _, i = decoder.raw_decode(text, i)
        except json.JSONDecodeError:
            break
    return lines


def _sniff_jsonl(head: str) -> bool:
    first = next((ln.strip() for ln in head.splitlines() if ln.strip()), "")
    return first.startswith("{") and first.endswith("}")


def _sniff_json(head: str) -> bool:
    return head.lstrip().startswith(("[", "{")) and not _sniff_jsonl(head)


readers.register("jsonl", func=Reader("jsonl", read_jsonl, (".jsonl", ".ndjson"), _sniff_jsonl,
                                      "JSON Lines, one paper object a line"))
readers.register("json", func=Reader("json", read_json, (".json",), _sniff_json,
                                     "a JSON array of paper objects"))
