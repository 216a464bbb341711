"""The persistent graph: an embedded, on-disk Oxigraph store (pyoxigraph).

Adding papers is incremental, idempotent and atomic:

* each paper's quads live in its own named graph (see :mod:`kg.rdf`); adding a paper again
  drops that graph and writes the new one, so adding the same file twice changes nothing;
* cross-paper aggregates (``kg:support``, canonical labels) are recomputed in the same
  SPARQL update for every entity the change touches, so they stay right;
* that update is one Oxigraph transaction: a build killed half-way leaves the store as it
  was. A brand-new store is bulk-loaded into a side directory and renamed into place.

Oxigraph allows one writer: a second one gets :class:`StoreLockedError`.
"""

from __future__ import annotations

import os
import shutil
from itertools import chain
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import KGError
from kg.rdf import (KG, PREFIXES, Quad, description_graph, entities_graph, entity_iri,
                    entity_quads, paper_graph, paper_graph_quads)
from kg.types import KGData


class StoreError(KGError):
    """The store cannot be opened or written."""


class StoreLockedError(StoreError):
    """Another process has the store open for writing."""


@dataclass(frozen=True)
class AddReport:
    """What one :func:`add` changed."""

    papers_added: int
    papers_replaced: int
    entities_touched: int
    quads_written: int


def open_store(path: str | Path, *, read_only: bool = False) -> ox.Store:
    """Open (or create) the store at ``path``; raise a clear error when it is locked."""
    path = Path(path)
    if read_only and not path.is_dir():
        raise StoreError(f"{path}: no store here (build one with `kg build --store {path}`)")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as e:
        if "lock" in str(e).lower():
            raise StoreLockedError(
                f"{path}: store is locked: another kg process (a build or `kg serve`) "
                "is writing to it; wait for it to finish or stop it") from None
        raise StoreError(f"{path}: cannot open store: {e}") from None


def to_ox(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """Return the pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_ox_quads(quads: Iterable[Quad]) -> Iterator[ox.Quad]:
    """Convert rdflib quads to pyoxigraph quads."""
    for s, p, o, g in quads:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(g)))


def nquads(quads: Iterable[Quad]) -> str:
    """Return quads as N-Quads text (rdflib's ``n3()`` writes N-Triples terms)."""
    return "".join(f"{s.n3()} {p.n3()} {o.n3()} {g.n3()} .\n" for s, p, o, g in quads)


def build_store(path: str | Path, data: KGData) -> AddReport:
    """Create a new store at ``path`` holding ``data`` (bulk load, then rename into place)."""
    path = Path(path)
    if path.exists():
        raise StoreError(f"{path}: already exists; use add() to update it")
    for stale in path.parent.glob(f".{path.name}.building-*"):  # left by a killed build
        shutil.rmtree(stale, ignore_errors=True)
    side = path.with_name(f".{path.name}.building-{os.getpid()}")
    store = open_store(side)
    try:
        # N-Quads text parsed by Oxigraph is several times faster than building
        # pyoxigraph terms one by one in Python.
        text = nquads(chain(paper_graph_quads(data), entity_quads(data)))
        store.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        n_quads = text.count("\n")
        store.update(describe_update(), prefixes=PREFIXES)
        store.flush()
    except BaseException:
        del store
        shutil.rmtree(side, ignore_errors=True)
        raise
    del store  # release RocksDB's lock before the rename
    side.rename(path)
    return AddReport(len(data.papers), 0, len(data.entities), n_quads)


def add(store: ox.Store, data: KGData) -> AddReport:
    """Add (or replace) the papers of ``data`` in one transaction; keep aggregates right."""
    graphs = [paper_graph(p.id) for p in data.papers]
    existing = {str(g.value) for g in store.named_graphs()}
    replaced = sum(str(g) in existing for g in graphs)
    touched = {str(entity_iri(e.id)) for e in data.entities} | _entities_in(store, graphs)
    quads = list(paper_graph_quads(data))
    quads += list(entity_quads(KGData()))  # the extractor descriptions: static facts
    labels = {str(entity_iri(e.id)): (e.name, e.type.class_name) for e in data.entities}
    store.update(";\n".join([
        *(f"DROP SILENT GRAPH <{g}>" for g in graphs),
        _insert_data(quads),
        *_aggregate_updates(sorted(touched), labels),
        describe_update(),
    ]), prefixes=PREFIXES)
    return AddReport(len(graphs) - replaced, replaced, len(touched), len(quads))


def _entities_in(store: ox.Store, graphs: list[URIRef]) -> set[str]:
    if not graphs:
        return set()
    values = " ".join(f"<{g}>" for g in graphs)
    q = (f"SELECT DISTINCT ?e WHERE {{ VALUES ?g {{ {values} }} "
         f"GRAPH ?g {{ ?p <{KG.mentions}> ?e }} }}")
    return {row["e"].value for row in store.query(q)}


def _insert_data(quads: list[Quad]) -> str:
    by_graph: dict[str, list[str]] = {}
    for s, p, o, g in quads:
        by_graph.setdefault(str(g), []).append(f"{s.n3()} {p.n3()} {o.n3()} .")
    blocks = "\n".join(f"GRAPH <{g}> {{\n" + "\n".join(t) + "\n}" for g, t in by_graph.items())
    return f"INSERT DATA {{\n{blocks}\n}}"


def _aggregate_updates(touched: list[str], labels: dict[str, tuple[str, str]]) -> list[str]:
    """Return updates that recompute support and labels of the touched entities.

    An entity keeps the canonical name and type it was first given; its support and
    alternative labels are recounted from the mentions in the paper graphs; an entity
    no paper mentions any more is removed.
    """
    if not touched:
        return []
    e_graph = f"<{entities_graph()}>"
    values = " ".join(f"<{e}>" for e in touched)
    updates = [
        f"DELETE {{ GRAPH {e_graph} {{ ?e kg:support ?s }} }} WHERE {{ VALUES ?e {{ {values} }} "
        f"GRAPH {e_graph} {{ ?e kg:support ?s }} }}",
        f"DELETE {{ GRAPH {e_graph} {{ ?e skos:altLabel ?a }} }} WHERE {{ VALUES ?e {{ {values} }} "
        f"GRAPH {e_graph} {{ ?e skos:altLabel ?a }} }}",
        f"INSERT {{ GRAPH {e_graph} {{ ?e kg:support ?n }} }} WHERE {{ {{ SELECT ?e "
        f"(COUNT(DISTINCT ?p) AS ?n) WHERE {{ VALUES ?e {{ {values} }} GRAPH ?g {{ ?p kg:mentions ?e }} "
        f"}} GROUP BY ?e }} }}",
    ]
    if labels:
        rows = " ".join(f"(<{e}> {Literal(name, lang='en').n3()} kg:{cls})"
                        for e, (name, cls) in sorted(labels.items()))
        updates.append(
            f"INSERT {{ GRAPH {e_graph} {{ ?e skos:prefLabel ?l ; a ?t }} }} WHERE {{ VALUES (?e ?l ?t) "
            f"{{ {rows} }} FILTER NOT EXISTS {{ GRAPH {e_graph} {{ ?e skos:prefLabel ?x }} }} }}")
    updates += [
        f"INSERT {{ GRAPH {e_graph} {{ ?e skos:altLabel ?a }} }} WHERE {{ {{ SELECT DISTINCT ?e ?text "
        f"WHERE {{ VALUES ?e {{ {values} }} GRAPH ?g {{ ?m kg:denotes ?e ; kg:text ?text }} }} }} "
        f"GRAPH {e_graph} {{ ?e skos:prefLabel ?l }} BIND(STRLANG(?text, \"en\") AS ?a) "
        f"FILTER(?a != ?l) }}",
        f"DELETE {{ GRAPH {e_graph} {{ ?e ?p ?o }} }} WHERE {{ VALUES ?e {{ {values} }} "
        f"GRAPH {e_graph} {{ ?e ?p ?o }} FILTER NOT EXISTS {{ GRAPH ?g {{ ?x kg:mentions ?e }} }} }}",
    ]
    return updates


def describe_update() -> str:
    """Return the SPARQL update that rewrites the store's VoID description."""
    from kg import __version__

    g = f"<{description_graph()}>"
    d = f"<{description_graph()}>".replace("graph/void", "void")
    parts = " ".join(
        f"{{ SELECT (<{d[1:-1]}/{c}> AS ?part) (kg:{c} AS ?cls) (COUNT(DISTINCT ?x) AS ?n) "
        f"WHERE {{ GRAPH ?gg {{ ?x a kg:{c} }} FILTER(?gg != {g}) }} }} UNION"
        for c in ("Paper", "Method", "Dataset", "Task", "Metric", "Mention", "Assertion"))
    parts = parts.removesuffix(" UNION")
    return f"""DROP SILENT GRAPH {g} ;
INSERT {{ GRAPH {g} {{ {d} a kg:GraphDescription , void:Dataset ; void:triples ?t ;
  kg:kgVersion "{__version__}" ; dcterms:created ?now }} }}
WHERE {{ {{ SELECT (COUNT(*) AS ?t) WHERE {{ GRAPH ?gg {{ ?s ?p ?o }} FILTER(?gg != {g}) }} }}
  BIND(xsd:dateTime(SUBSTR(STR(NOW()), 1, 19)) AS ?now) }} ;
INSERT {{ GRAPH {g} {{ {d} void:classPartition ?part . ?part void:class ?cls ; void:entities ?n }} }}
WHERE {{ {parts} }}"""


def stats(store: ox.Store) -> dict[str, int]:
    """Return the number of papers and of entities per class in the store."""
    q = ("SELECT ?cls (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ?cls } "
         "VALUES ?cls { kg:Paper kg:Method kg:Dataset kg:Task kg:Metric } } GROUP BY ?cls")
    out = {c: 0 for c in ("Paper", "Method", "Dataset", "Task", "Metric")}
    for row in store.query(q, prefixes=PREFIXES):
        out[row["cls"].value.split("#")[-1]] = int(row["n"].value)
    return out
