"""The one place that knows the order of kg's stages; the CLI and the Python API call it.

    sources -> extract -> link -> graph / rdf -> export
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg import __version__
from kg.errors import RecordError
from kg.extract import extract, load_pipeline
from kg.extract.gazetteer import load_gazetteer
from kg.link import Known, link
from kg.overrides import Overrides
from kg.sources import ReadOptions, read_papers
from kg.types import EntityType, KGData, Mention, Paper

DEFAULT_OUTPUTS = ("turtle", "html", "graphml")


def read(paths: Iterable[str | Path], *, format: str | None = None, year: int | None = None,
         skip_bad: bool = False) -> tuple[list[Paper], list[RecordError]]:
    """Return the papers of the input files and the bad records skipped (if ``skip_bad``)."""
    skipped: list[RecordError] = []
    options = ReadOptions(on_error=skipped.append if skip_bad else None, year=year)
    return list(read_papers(paths, format=format, options=options)), skipped


def run_extraction(papers: list[Paper], *, pipeline: str = "fast", gazetteer: str | None = None,
                   overrides: Overrides | None = None,
                   progress: Callable[[Iterator], Iterator] | None = None,
                   known: Known | None = None) -> KGData:
    """Return the linked graph data of ``papers``.

    Args:
        papers: the papers to read.
        pipeline: name of the extraction pipeline.
        gazetteer: path of a gazetteer file to use instead of the shipped one.
        overrides: names to merge and to block (see :mod:`kg.overrides`).
        progress: wraps the stream of extracted papers (a progress bar).
        known: entities of earlier builds (:func:`kg.store_read.known`) that new names join.
    """
    started = time.perf_counter()
    overrides = overrides or Overrides()
    entries = overrides.apply(load_gazetteer(gazetteer))
    nlp = load_pipeline(pipeline, entries=entries)
    stream = ((p, [m for m in ms if not overrides.blocks(m)])
              for p, ms in extract(papers, nlp=nlp))
    if progress is not None:
        stream = progress(stream)
    with rare_young_collections():
        data = link(stream, gazetteer=entries, known=known)
    meta: dict[str, Any] = {"kg_version": __version__, "pipeline": pipeline,
                            "seconds": round(time.perf_counter() - started, 3)}
    if overrides.path:
        meta["overrides"] = overrides.path
    return KGData(papers=data.papers, entities=data.entities, relations=data.relations,
                  mentions=data.mentions, meta=meta)


YOUNG_THRESHOLD = 50_000


@contextmanager
def rare_young_collections() -> Iterator[None]:
    """Run Python's cyclic garbage collector less often inside the block.

    Extraction and linking allocate millions of short-lived objects (spans, candidates,
    records) that reference counting frees, and every 700 allocations start a collection
    that walks the young objects. Only spaCy's docs leave cycles behind (about 40 objects a
    doc), so starting a collection every :data:`YOUNG_THRESHOLD` allocations instead frees
    the same objects a little later: ``fast`` runs 1.14-1.18x as fast (bench/throughput.py,
    Daily Papers texts, median of 9 alternating rounds) and its peak memory on 2,000
    abstracts stays the same (186 MB against 197 MB). The old thresholds come back when the
    block ends.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(YOUNG_THRESHOLD, old[0]), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def build(paths: Iterable[str | Path], out_dir: str | Path, *, outputs: Iterable[str] = DEFAULT_OUTPUTS,
          store: str | Path | None = None, format: str | None = None, year: int | None = None,
          skip_bad: bool = False, pipeline: str = "fast", overrides: Overrides | None = None,
          progress: Callable[[Iterator], Iterator] | None = None,
          ) -> tuple[KGData, dict[str, Path], list[RecordError]]:
    """Read, extract, link, write every requested output and update the store.

    Nothing is written before every input has been read and extracted, so bad input
    never damages what earlier builds made.
    """
    from kg.exporters import get_exporter, write

    names = list(outputs)
    for name in names:
        get_exporter(name)  # fail on a bad name before any work
    papers, skipped = read(paths, format=format, year=year, skip_bad=skip_bad)
    data = run_extraction(papers, pipeline=pipeline, overrides=overrides, progress=progress,
                          known=stored_entities(store) if store is not None else None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {name: write(name, data, out) for name in names}
    if store is not None:
        written["store"] = update_store(store, data)
    return data, written, skipped


def stored_entities(path: str | Path) -> Known | None:
    """Return the entities the store at ``path`` holds (None when there is no store yet)."""
    from kg.store import open_store
    from kg.store_read import known

    if not Path(path).is_dir():
        return None
    store = open_store(path, read_only=True)
    try:
        return known(store)
    finally:
        del store


def update_store(path: str | Path, data: KGData) -> Path:
    """Add ``data`` to the store at ``path``, creating it when it does not exist."""
    from kg.store import add, build_store, open_store

    path = Path(path)
    if path.exists():
        add(open_store(path), data)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        build_store(path, data)
    return path


def extraction_records(data: KGData) -> Iterator[dict[str, Any]]:
    """Yield one record a paper in kg's extraction contract (see README)."""
    by_paper: dict[str, list[Mention]] = {}
    for m in data.mentions:
        by_paper.setdefault(m.paper_id, []).append(m)
    entities = {e.id: e for e in data.entities}
    for paper in data.papers:
        mentions = by_paper.get(paper.id, [])
        yield {
            "id": paper.id,
            "title": paper.title,
            "entities": _paper_entities(mentions, entities),
            "mentions": [_mention_record(paper, m) for m in mentions],
        }


def _paper_entities(mentions: list[Mention], entities: dict) -> list[dict[str, Any]]:
    grouped: dict[str, list[Mention]] = {}
    for m in mentions:
        grouped.setdefault(m.entity_id, []).append(m)
    out = []
    for eid, ms in sorted(grouped.items()):
        e = entities[eid]
        out.append({"type": e.type.value, "name": e.name, "id": e.id,
                    "aliases": sorted({m.text for m in ms}),
                    "proposed": any(m.proposed for m in ms)})
    return out


def _mention_record(paper: Paper, m: Mention) -> dict[str, Any]:
    field, offset = paper.field_of(m.start)
    return {"type": m.label.value, "text": m.text, "field": field,
            "start": m.start - offset, "end": m.end - offset, "source": m.source}


def summary(data: KGData, *, top: int = 5) -> dict[str, Any]:
    """Return counts per type and the most supported entities of each type."""
    per_type: dict[str, Any] = {}
    for t in EntityType:
        ents = sorted((e for e in data.entities if e.type is t), key=lambda e: (-e.support, e.name))
        per_type[t.value] = {"count": len(ents), "top": [(e.name, e.support) for e in ents[:top]]}
    return {"papers": len(data.papers), "entities": len(data.entities),
            "relations": len(data.relations), "mentions": len(data.mentions), "types": per_type}
