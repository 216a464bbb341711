"""The persistent graph: an embedded, on-disk Oxigraph store (pyoxigraph).

Adding papers is incremental, idempotent and atomic:

* each paper's quads live in its own named graph (see :mod:`kg.rdf`); adding a paper again
  drops that graph and writes the new one, so adding the same file twice changes nothing;
* cross-paper aggregates (``kg:support``, canonical labels) are recomputed in the same
  SPARQL update for every entity the change touches, so they stay right;
* that update is one Oxigraph transaction: a build killed half-way leaves the store as it
  was. A brand-new store is bulk-loaded into a side directory and renamed into place.

Oxigraph allows one writer: a second one gets :class:`StoreLockedError`. Reading the store
back (records, counts, a dump, the entities by name) is :mod:`kg.store_read`'s.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import SKOS, VOID
from rdflib.term import Node

from kg.errors import KGError
from kg.link import broader_index, broader_target, head_keys
from kg.normalize import is_acronym, match_key
from kg.rdf import (BASE, KG, VOID_CLASSES, Quad, cooccurrence, description_graph,
                    entities_graph, entity_iri, entity_quads, pair_iri, pair_triples,
                    paper_entities, paper_graph, paper_graph_quads, void_counts)
from kg.types import EntityType, KGData


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
        write_description(store)
        store.flush()
    except BaseException:
        del store
        shutil.rmtree(side, ignore_errors=True)
        raise
    del store  # release RocksDB's lock before the rename
    side.rename(path)
    return AddReport(len(data.papers), 0, len(data.entities), n_quads)


def add(store: ox.Store, data: KGData) -> AddReport:
    """Add (or replace) the papers of ``data`` in one transaction; keep aggregates right.

    What the change does to the entities graph (support, labels, co-occurrence counts) is
    worked out here from the old and new mentions of the papers involved, so the update
    itself only drops graphs and inserts or deletes known triples.
    """
    graphs = [str(paper_graph(p.id)) for p in data.papers]
    old = _old_mentions(store, graphs)
    new = {str(paper_graph(pid)): ids for pid, ids in paper_entities(data).items()}
    texts: dict[str, set[str]] = {}
    for m in data.mentions:
        texts.setdefault(m.entity_id, set()).add(m.text)
    names = {e.id: (e.name, e.type.class_name) for e in data.entities}
    deletes, inserts = _entity_changes(store, old, new, texts, names)
    quads = list(dict.fromkeys(paper_graph_quads(data)))  # unique, in order
    description = _updated_description(store, list(old), quads, deletes, inserts)
    store.update(";\n".join([
        *(f"DROP SILENT GRAPH <{g}>" for g in old),
        _data_block("INSERT", quads),
        _data_block("DELETE", deletes),
        _data_block("INSERT", inserts),
        *([description] if description else []),
    ]))
    if not description:
        write_description(store)
    return AddReport(len(graphs) - len(old), len(old), len({q[0] for q in inserts}), len(quads))


def _old_mentions(store: ox.Store, graphs: list[str]) -> dict[str, set[str]]:
    """Return, for each of ``graphs`` already in the store, the entity ids its paper mentions.

    Index lookups graph by graph: a SPARQL ``VALUES ?g`` query took 0.7 s for 100 graphs
    in a 20,000-paper store.
    """
    out: dict[str, set[str]] = {}
    mentions = ox.NamedNode(str(KG.mentions))
    for g in graphs:
        node = ox.NamedNode(g)
        if store.contains_named_graph(node):
            out[g] = {q.object.value.removeprefix(BASE)
                      for q in store.quads_for_pattern(None, mentions, None, node)}
    return out


def _deltas(old: dict[str, set[str]], new: dict[str, set[str]]
            ) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Return the change in support of each entity and in shared papers of each pair."""
    support: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for sign, sets in ((-1, old.values()), (1, new.values())):
        for ids in sets:
            support.update({e: sign for e in ids})
            for pair, n in cooccurrence([ids]).items():
                pairs[pair] += sign * n
    return support, pairs


def _entity_changes(store: ox.Store, old: dict[str, set[str]], new: dict[str, set[str]],
                    texts: dict[str, set[str]], names: dict[str, tuple[str, str]]
                    ) -> tuple[list[Quad], list[Quad]]:
    """Return (quads to delete, quads to insert) in the entities graph.

    ``skos:broader`` is recomputed for every touched entity and for every entity whose
    head could name one that appears or disappears, against all entity names in the store.
    """
    support, pairs = _deltas(old, new)
    touched = set(support) | set(texts)
    stored = entity_names(store)
    known = {**stored, **{e: (EntityType(cls.lower()), name) for e, (name, cls) in names.items()
                          if e not in stored}}
    moved = {e for e in touched if e not in stored or support.get(e, 0) < 0}
    dependents = _dependents(known, moved) - touched
    current = _current(store, {str(entity_iri(e)) for e in touched | dependents}
                       | {str(pair_iri(a, b)) for a, b in pairs})
    relabel = _labels_outside(store, {e for ids in old.values() for e in ids}, list(old))
    counts = {e: _int(current.get(str(entity_iri(e)), {}).get(KG.support)) + support.get(e, 0)
              for e in touched}
    alive = {e: v for e, v in known.items() if counts.get(e, 1) > 0}
    index = broader_index((e, t, name) for e, (t, name) in alive.items())
    g = entities_graph()
    want: set[Quad] = set()
    for e in touched:
        now = current.get(str(entity_iri(e)), {})
        if counts[e] > 0:
            alts = relabel[e] if e in relabel else now.get(SKOS.altLabel, set())
            alts = alts | {Literal(t, lang="en") for t in texts.get(e, ())}
            want |= set(_entity_state(e, now, names.get(e), alts, counts[e]))
    for e in dependents:
        now = current.get(str(entity_iri(e)), {})
        want |= {(entity_iri(e), p, o, g) for p, objs in now.items() if p != SKOS.broader
                 for o in objs}
    for e in (touched | dependents) & set(alive):
        target = broader_target(e, *alive[e], index)
        if target:
            want.add((entity_iri(e), SKOS.broader, entity_iri(target), g))
    for (a, b), delta in pairs.items():
        shared = _int(current.get(str(pair_iri(a, b)), {}).get(KG.sharedPapers)) + delta
        if shared > 0:
            want |= {(s, p, o, g) for s, p, o in pair_triples(a, b, shared)}
    have = {(URIRef(s), p, o, g) for s, props in current.items() for p, objs in props.items()
            for o in objs}
    return list(have - want), list(want - have)


def entity_names(store: ox.Store) -> dict[str, tuple[EntityType, str]]:
    """Return {entity id: (type, canonical name)} of every entity in the store.

    Pattern scans, not SPARQL: a few times faster for every entity of a large store.
    """
    g = ox.NamedNode(str(entities_graph()))
    types = {}
    for t in EntityType:
        for q in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)),
                                         ox.NamedNode(str(KG[t.class_name])), g):
            types[q.subject.value] = t
    return {q.subject.value.removeprefix(BASE): (types[q.subject.value], q.object.value)
            for q in store.quads_for_pattern(None, ox.NamedNode(str(SKOS.prefLabel)), None, g)
            if q.subject.value in types}


def _dependents(known: dict[str, tuple[EntityType, str]], moved: set[str]) -> set[str]:
    """Return the entities whose noun-phrase head is the name of one of ``moved``."""
    if not moved:
        return set()
    keys = {(known[e][0], match_key(known[e][1])) for e in moved if e in known}
    out = set()
    for e, (t, name) in known.items():
        if not is_acronym(name) and any((t, h) in keys for h in head_keys(match_key(name))):
            out.add(e)
    return out


def _entity_state(e: str, now: dict, name_cls: tuple[str, str] | None, alts: set[Literal],
                  count: int) -> Iterator[Quad]:
    """Yield an entity's triples: the type and name it was first given, labels, support."""
    iri, g = entity_iri(e), entities_graph()
    types = now.get(RDF.type) or {KG[name_cls[1]]}
    pref = next(iter(now.get(SKOS.prefLabel) or {Literal(name_cls[0], lang="en")}))
    yield from ((iri, RDF.type, t, g) for t in types)
    yield iri, SKOS.prefLabel, pref, g
    yield from ((iri, SKOS.altLabel, a, g) for a in alts if a != pref)
    yield iri, KG.support, Literal(count), g


def _int(values: set | None) -> int:
    return int(next(iter(values))) if values else 0


def _current(store: ox.Store, subjects: set[str]) -> dict[str, dict[URIRef, set]]:
    """Return the entities-graph triples of ``subjects`` (IRIs) as {subject: {p: {o}}}."""
    out: dict[str, dict[URIRef, set]] = {}
    for chunk in _chunks(sorted(subjects), 2000):
        values = " ".join(f"<{s}>" for s in chunk)
        q = f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} GRAPH <{entities_graph()}> {{ ?s ?p ?o }} }}"
        for row in store.query(q):
            props = out.setdefault(row["s"].value, {})
            props.setdefault(URIRef(row["p"].value), set()).add(_from_ox(row["o"]))
    return out


def _labels_outside(store: ox.Store, entities: set[str], dropped: list[str]
                    ) -> dict[str, set[Literal]]:
    """Return the surface forms of entity ids in every paper graph except ``dropped``."""
    out: dict[str, set[Literal]] = {e: set() for e in entities}
    skip = ", ".join(f"<{g}>" for g in dropped)
    for chunk in _chunks(sorted(entities), 2000):
        values = " ".join(f"<{entity_iri(e)}>" for e in chunk)
        q = (f"SELECT DISTINCT ?e ?t WHERE {{ VALUES ?e {{ {values} }} GRAPH ?g {{ "
             f"?m <{KG.denotes}> ?e ; <{KG.text}> ?t }} FILTER(?g NOT IN ({skip})) }}")
        for row in store.query(q):
            out[row["e"].value.removeprefix(BASE)].add(Literal(row["t"].value, lang="en"))
    return out


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _from_ox(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _data_block(verb: str, quads: list[Quad]) -> str:
    """Return ``INSERT DATA`` / ``DELETE DATA`` for quads (a no-op when there are none)."""
    by_graph: dict[str, list[str]] = {}
    for s, p, o, g in quads:
        by_graph.setdefault(str(g), []).append(f"{s.n3()} {p.n3()} {o.n3()} .")
    blocks = "\n".join(f"GRAPH <{g}> {{\n" + "\n".join(t) + "\n}" for g, t in by_graph.items())
    return f"{verb} DATA {{\n{blocks}\n}}"


def write_description(store: ox.Store) -> None:
    """Rewrite the store's VoID description by counting everything (a new store)."""
    g = description_graph()
    counts = {}
    for cls in VOID_CLASSES:
        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?x a <{cls}> }} }}"
        counts[cls] = int(next(iter(store.query(q)))["n"].value)
    described = len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(str(g)))))
    quads = [(s, p, o, g) for s, p, o in void_counts(counts, len(store) - described)]
    store.update(f"DROP SILENT GRAPH <{g}> ;\n" + _data_block("INSERT", quads))


def _described(store: ox.Store) -> tuple[int, dict[URIRef, int]] | None:
    """Return the (triples, entities per class) the VoID description holds, if it has one."""
    g = description_graph()
    q = (f"SELECT ?t ?cls ?n WHERE {{ GRAPH <{g}> {{ ?d <{VOID.triples}> ?t ; "
         f"<{VOID.classPartition}> ?part . ?part <{VOID['class']}> ?cls ; <{VOID.entities}> ?n }} }}")
    rows = list(store.query(q))
    if not rows:
        return None
    return int(rows[0]["t"].value), {URIRef(r["cls"].value): int(r["n"].value) for r in rows}


def _typed(quads: Iterable[Quad]) -> Counter[URIRef]:
    return Counter(o for _, p, o, _ in quads if p == RDF.type and o in VOID_CLASSES)


def _updated_description(store: ox.Store, dropped: list[str], inserted: list[Quad],
                         deletes: list[Quad], inserts: list[Quad]) -> str | None:
    """Return the update that moves the VoID description by this change's exact deltas.

    Done in the build's own transaction, so the description is never out of step. None
    when the store has no description to start from (then everything is counted).
    """
    before = _described(store)
    if before is None:
        return None
    triples, counts = before
    gone_triples, gone_types = _graph_sizes(store, dropped)
    classes = Counter(counts)
    classes.update(_typed(inserted))
    classes.update(_typed(inserts))
    classes.subtract(gone_types)
    classes.subtract(_typed(deletes))
    total = triples - gone_triples + len(inserted) + len(inserts) - len(deletes)
    g = description_graph()
    quads = [(s, p, o, g) for s, p, o in void_counts({c: classes[c] for c in VOID_CLASSES}, total)]
    return f"DROP SILENT GRAPH <{g}> ;\n" + _data_block("INSERT", quads)


def _graph_sizes(store: ox.Store, graphs: list[str]) -> tuple[int, Counter[URIRef]]:
    """Return the number of quads in ``graphs`` and of their subjects per VoID class."""
    total, types = 0, Counter()
    for chunk in _chunks(graphs, 2000):
        values = " ".join(f"<{g}>" for g in chunk)
        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        total += int(next(iter(store.query(q)))["n"].value)
        q = (f"SELECT ?c (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s a ?c }} }} "
             f"GROUP BY ?c")
        types.update({URIRef(r["c"].value): int(r["n"].value) for r in store.query(q)})
    return total, Counter({c: n for c, n in types.items() if c in VOID_CLASSES})


