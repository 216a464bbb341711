"""Reading the store back: whole-graph records, counts, a dump, and the stored entities by
name for linking a new build against them (:class:`kg.link.Known`).

Writing (building, adding, the VoID description) is :mod:`kg.store`'s.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import SKOS

from kg.files import replace_atomically
from kg.link import BROADER_CONFIDENCE, Known, known_entities
from kg.rdf import BASE, PREFIXES, entities_graph
from kg.store import StoreError, entity_names
from kg.types import Entity, EntityType, KGData, Mention, Paper, Relation


def known(store: ox.Store) -> Known:
    """Return the stored entities by their names, for linking a new build against them."""
    g = ox.NamedNode(str(entities_graph()))
    aliases: dict[str, set[str]] = {}
    for q in store.quads_for_pattern(None, ox.NamedNode(str(SKOS.altLabel)), None, g):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal):
            aliases.setdefault(q.subject.value.removeprefix(BASE), set()).add(q.object.value)
    return known_entities((e, t, name, aliases.get(e, ()))
                          for e, (t, name) in entity_names(store).items())


def stats(store: ox.Store) -> dict[str, int]:
    """Return the number of papers and of entities per class in the store."""
    q = ("SELECT ?cls (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ?cls } "
         "VALUES ?cls { kg:Paper kg:Method kg:Dataset kg:Task kg:Metric } } GROUP BY ?cls")
    out = {c: 0 for c in ("Paper", "Method", "Dataset", "Task", "Metric")}
    for row in _select(store, q):
        out[row["cls"].value.split("#")[-1]] = int(row["n"].value)
    return out


def dump(store: ox.Store, path: str | Path) -> Path:
    """Write the whole store to ``path``, in the RDF format its suffix names.

    Dataset formats (.nq, .trig, .jsonld) keep the named graphs; triple formats (.ttl,
    .nt, .rdf) get the union of all graphs.
    """
    path = Path(path)
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF suffix; use .nq, .trig, .ttl, .nt, .jsonld or .rdf")

    def write(tmp: Path) -> None:
        if fmt.supports_datasets:
            store.dump(str(tmp), format=fmt)
        else:
            triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store)
            ox.serialize(triples, str(tmp), format=fmt, prefixes=dict(PREFIXES))

    return replace_atomically(path, write)


def load_data(store: ox.Store) -> KGData:
    """Rebuild the records of everything in the store (for views of the whole graph)."""
    q = lambda text: _select(store, text, union=True)
    papers = {}
    for r in q("""SELECT ?p ?title ?abstract ?date ?url ?arxiv ?src WHERE { ?p a kg:Paper ;
              dcterms:title ?title . OPTIONAL { ?p dcterms:abstract ?abstract }
              OPTIONAL { ?p dcterms:date ?date } OPTIONAL { ?p schema:url ?url }
              OPTIONAL { ?p kg:arxivId ?arxiv } OPTIONAL { ?p kg:sourceLocation ?src } }"""):
        pid = r["p"].value.removeprefix(BASE + "paper/")
        papers[pid] = Paper(id=pid, title=r["title"].value, abstract=_v(r["abstract"]),
                            date=_v(r["date"]) or None, url=_v(r["url"]) or None,
                            arxiv_id=_v(r["arxiv"]) or None, source=_v(r["src"]))
    entities: dict[str, dict] = {}
    for r in q("""SELECT ?e ?cls ?name ?support ?alt WHERE { ?e a ?cls ; skos:prefLabel ?name ;
              kg:support ?support . OPTIONAL { ?e skos:altLabel ?alt } }"""):
        e = entities.setdefault(r["e"].value.removeprefix(BASE), {
            "type": EntityType(r["cls"].value.split("#")[-1].lower()), "name": r["name"].value,
            "support": int(r["support"].value), "aliases": {r["name"].value}})
        if r["alt"] is not None:
            e["aliases"].add(r["alt"].value)
    types = {k: v["type"] for k, v in entities.items()}
    mentions = [_mention(r, papers, types) for r in q(
        """SELECT ?p ?e ?text ?field ?start ?end ?sentence ?ex WHERE { ?m a kg:Mention ;
           kg:inPaper ?p ; kg:denotes ?e ; kg:text ?text ; kg:field ?field ; kg:start ?start ;
           kg:end ?end ; kg:sentence ?sentence ; kg:extractedBy ?ex }""")]
    relations = _relations(q)
    proposed = {(r.paper_id, r.object) for r in relations if r.predicate == "proposes"}
    mentions = [replace(m, proposed=(m.paper_id, m.entity_id) in proposed) for m in mentions]
    return KGData(
        papers=tuple(papers[k] for k in sorted(papers)),
        entities=tuple(Entity(k, v["type"], v["name"], tuple(sorted(v["aliases"])), v["support"])
                       for k, v in sorted(entities.items())),
        relations=tuple(sorted(relations, key=lambda r: (r.paper_id, r.predicate, r.object))),
        mentions=tuple(sorted(mentions, key=lambda m: (m.paper_id, m.start))))


def _select(store: ox.Store, text: str, *, union: bool = False) -> ox.QuerySolutions:
    """Return the rows of a SELECT query (``store.query`` types every query form);
    ``union``: the default graph is the union of all graphs."""
    rows = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=union)
    assert isinstance(rows, ox.QuerySolutions), "a SELECT query"
    return rows


def _v(term) -> str:
    return term.value if term is not None else ""


def _mention(r, papers: dict[str, Paper], types: dict[str, EntityType]) -> Mention:
    pid = r["p"].value.removeprefix(BASE + "paper/")
    paper = papers[pid]
    offset = paper.abstract_offset if r["field"].value == "abstract" else 0
    start, end = int(r["start"].value) + offset, int(r["end"].value) + offset
    sentence = r["sentence"].value
    s0 = paper.text.find(sentence)
    span = (s0, s0 + len(sentence)) if s0 >= 0 else (start, end)
    entity_id = r["e"].value.removeprefix(BASE)
    return Mention(paper_id=pid, text=r["text"].value, label=types[entity_id], start=start,
                   end=end, sentence=span, source=r["ex"].value.rsplit("/", 1)[-1],
                   entity_id=entity_id)


def _relations(q) -> list[Relation]:
    """Rebuild the reified relations (the paper is in each evidence mention's IRI) and
    the ``skos:broader`` links of the entities graph."""
    grouped: dict[tuple[str, str, str, str], tuple[float, list[str]]] = {}
    for r in q("""SELECT ?s ?pred ?e ?c ?m WHERE { ?a a kg:Assertion ; rdf:subject ?s ;
              rdf:predicate ?pred ; rdf:object ?e ; kg:confidence ?c ; kg:evidence ?m }"""):
        pid, span = r["m"].value.removeprefix(BASE + "mention/").rsplit("/", 1)
        subject = r["s"].value.removeprefix(BASE)
        subject = subject.removeprefix("paper/") if subject == f"paper/{pid}" else subject
        key = (pid, subject, r["pred"].value.split("#")[-1], r["e"].value.removeprefix(BASE))
        grouped.setdefault(key, (float(r["c"].value), []))[1].append(f"{pid}#{span}")
    by_start = lambda mid: int(mid.rsplit("#", 1)[1].split("-")[0])
    out = [Relation(s, pred, e, p, tuple(sorted(ev, key=by_start)), c)
           for (p, s, pred, e), (c, ev) in grouped.items()]
    for r in q("SELECT ?a ?b WHERE { ?a skos:broader ?b }"):
        out.append(Relation(r["a"].value.removeprefix(BASE), "broader",
                            r["b"].value.removeprefix(BASE), "", (), BROADER_CONFIDENCE))
    return out
