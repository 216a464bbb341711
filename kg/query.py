"""SPARQL over a kg store or an RDF file: predeclared prefixes, named queries, result formats.

Queries see the union of all named graphs as their default graph, so they need no
``GRAPH`` clauses. Rankings read the aggregates the store maintains (``kg:support``,
``kg:CoOccurrence``/``kg:sharedPapers``); when an argument matches several entities, a
related entity's count is its largest count with any of them. Named queries take their argument as a literal escaped by pyoxigraph,
so an argument cannot change the query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, KGError, UnknownNameError
from kg.rdf import PREFIXES, entities_graph
from kg.store import open_store

RESULT_FORMATS = ("table", "csv", "tsv", "json")
_MATCH = """
  ?entity skos:prefLabel|skos:altLabel ?label .
  FILTER(CONTAINS(LCASE(STR(?label)), LCASE(STR(?arg))))"""


class QueryError(KGError):
    """A SPARQL query is malformed or cannot run."""


@dataclass(frozen=True)
class NamedQuery:
    """A stored query: what it answers, its argument, the SPARQL and the graphs it reads.

    ``scope="entities"`` queries read only the entities graph (labels, support,
    co-occurrence), which Oxigraph answers several times faster than the union of all
    graphs.
    """

    name: str
    description: str
    argument: str | None
    sparql: str
    scope: str = "all"


# The store keeps each entity's support and each pair's shared-paper count up to date, so
# rankings read those aggregates instead of counting mentions at query time.
def _top(cls: str) -> str:
    # Rank first, then fetch the 20 labels (half the time of sorting every labelled row).
    return f"""SELECT ?entity ?name ?papers WHERE {{
  {{ SELECT ?entity ?papers WHERE {{ ?entity a kg:{cls} ; kg:support ?papers }}
    ORDER BY DESC(?papers) ?entity LIMIT 20 }}
  ?entity skos:prefLabel ?name .
}} ORDER BY DESC(?papers) ?name"""


def _related(kind: str, cls: str, via: str) -> str:
    # Flat patterns (no sub-select) let Oxigraph start from the matched entity.
    return f"""SELECT ?{kind} ?name (MAX(?shared) AS ?papers) WHERE {{
  ?entity a kg:{via} . {_MATCH}
  ?pair kg:between ?entity . ?pair kg:between ?{kind} . ?{kind} a kg:{cls} .
  ?pair kg:sharedPapers ?shared . ?{kind} skos:prefLabel ?name .
}} GROUP BY ?{kind} ?name ORDER BY DESC(?papers) ?name"""


NAMED_QUERIES: dict[str, NamedQuery] = {q.name: q for q in (
    NamedQuery("top-methods", "the 20 methods most papers mention", None, _top("Method"), "entities"),
    NamedQuery("top-datasets", "the 20 datasets most papers mention", None, _top("Dataset"),
               "entities"),
    NamedQuery("top-tasks", "the 20 tasks most papers mention", None, _top("Task"), "entities"),
    NamedQuery("top-metrics", "the 20 metrics most papers mention", None, _top("Metric"),
               "entities"),
    NamedQuery("papers-using-dataset", "papers that mention a dataset", "DATASET", f"""
SELECT DISTINCT ?paper ?title ?date WHERE {{
  ?entity a kg:Dataset . {_MATCH}
  ?paper kg:mentions ?entity ; dcterms:title ?title .
  OPTIONAL {{ ?paper dcterms:date ?date }}
}} ORDER BY DESC(?date) ?title"""),
    NamedQuery("methods-on-dataset", "methods named in papers that use a dataset", "DATASET",
               _related("method", "Method", "Dataset"), "entities"),
    NamedQuery("methods-for-task", "methods named in papers that address a task", "TASK",
               _related("method", "Method", "Task"), "entities"),
    NamedQuery("datasets-for-task", "datasets named in papers that address a task", "TASK",
               _related("dataset", "Dataset", "Task"), "entities"),
    NamedQuery("co-occurring", "entities that share papers with an entity", "NAME", f"""
SELECT ?other ?name ?type (MAX(?n) AS ?shared) WHERE {{
  {_MATCH}
  ?pair kg:between ?entity . ?pair kg:between ?other . ?pair kg:sharedPapers ?n .
  ?other skos:prefLabel ?name ; a ?type .
  FILTER(?other != ?entity)
}} GROUP BY ?other ?name ?type ORDER BY DESC(?shared) ?name LIMIT 50""", scope="entities"),
    NamedQuery("relations-of", "what the papers' sentences say an entity is used for, "
               "evaluated on, compared with, a kind of", "NAME", f"""
SELECT ?subject ?relation ?object (COUNT(DISTINCT ?paper) AS ?papers)
       (MAX(?c) AS ?confidence) (SAMPLE(?sent) AS ?evidence) WHERE {{
  {_MATCH}
  {{ ?a rdf:subject ?entity ; rdf:object ?o . BIND(?entity AS ?s) }}
  UNION {{ ?a rdf:object ?entity ; rdf:subject ?s . BIND(?entity AS ?o) }}
  ?a rdf:predicate ?p ; kg:confidence ?c ; kg:evidence ?m .
  FILTER(?p IN (kg:usedFor, kg:evaluatedOn, kg:evaluatedWith, kg:comparedWith, kg:hyponymOf))
  ?m kg:inPaper ?paper ; kg:sentence ?sent .
  ?s skos:prefLabel ?subject . ?o skos:prefLabel ?object .
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
}} GROUP BY ?subject ?relation ?object ORDER BY DESC(?papers) DESC(?confidence) ?subject"""),
    NamedQuery("kinds-of", "entities whose noun-phrase head names an entity (skos:broader)",
               "NAME", f"""
SELECT DISTINCT ?kind ?name ?papers WHERE {{
  {_MATCH}
  ?kind skos:broader ?entity ; skos:prefLabel ?name ; kg:support ?papers .
}} ORDER BY DESC(?papers) ?name""", scope="entities"),
    NamedQuery("proposed-this-week",
               "what papers of the 7 days up to a date (default: the newest) propose", "DATE", """
SELECT DISTINCT ?date ?title ?name ?type WHERE {
  { SELECT (MAX(?d) AS ?newest) WHERE { ?p a kg:Paper ; dcterms:date ?d } }
  BIND(IF(STR(?arg) = "", ?newest, xsd:date(?arg)) AS ?until)
  ?paper kg:proposes ?entity ; dcterms:title ?title ; dcterms:date ?date .
  ?entity skos:prefLabel ?name ; a ?type .
  FILTER(?type IN (kg:Method, kg:Dataset, kg:Task, kg:Metric))
  FILTER(DATATYPE(?date) = xsd:date && ?date <= ?until
         && ?date > xsd:date(?until) - "P7D"^^xsd:duration)
} ORDER BY DESC(?date) ?title"""),
)}


def open_source(path: str | Path) -> ox.Store:
    """Open a store directory read-only, or load an RDF file into an in-memory store."""
    path = Path(path)
    if path.is_dir():
        return open_store(path, read_only=True)
    if not path.exists():
        raise InputError(str(path), "no such store or file")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower() or "ttl")
    if fmt is None:
        raise InputError(str(path), "unknown RDF file type (use .ttl, .nt, .nq, .trig, "
                                    ".jsonld, .rdf)")
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except SyntaxError as e:
        raise InputError(str(path), f"not valid RDF: {e}") from None
    return store


def run(store: ox.Store, sparql: str, *, arg: str | None = None, scope: str = "all"):
    """Run a SPARQL query over the union of the store's graphs (or, with
    ``scope="entities"``, over the entities graph); return pyoxigraph results."""
    if arg is not None:
        # pyoxigraph writes the literal with N-Triples escaping, so the argument cannot
        # end the string and inject SPARQL.
        sparql = sparql.replace("?arg", str(ox.Literal(arg)))
    entities = ox.NamedNode(str(entities_graph()))
    scoped = scope == "entities" and store.contains_named_graph(entities)  # files may lack it
    graphs = {"default_graph": entities} if scoped else {"use_default_graph_as_union": True}
    try:
        return store.query(sparql, prefixes=PREFIXES, **graphs)
    except SyntaxError as e:
        raise QueryError(f"bad SPARQL: {e}") from None


def run_named(store: ox.Store, name: str, arg: str | None = None):
    """Run the named query ``name`` with its argument."""
    if name not in NAMED_QUERIES:
        raise UnknownNameError("named query", name, NAMED_QUERIES)
    q = NAMED_QUERIES[name]
    if q.argument and arg is None and q.argument != "DATE":
        raise QueryError(f"query {name!r} needs an argument: {q.argument}")
    if q.argument == "DATE" and arg:
        try:
            dt.date.fromisoformat(arg)
        except ValueError:
            raise QueryError(f"query {name!r} takes a date as YYYY-MM-DD, got {arg!r}") from None
    return run(store, q.sparql, arg=(arg or "") if q.argument else None, scope=q.scope)


def format_results(results, fmt: str = "table") -> str:
    """Return SELECT/ASK/CONSTRUCT results as text in ``fmt`` (table, csv, tsv, json)."""
    if fmt not in RESULT_FORMATS:
        raise UnknownNameError("result format", fmt, RESULT_FORMATS)
    if isinstance(results, ox.QueryBoolean):
        if fmt == "table":
            return ("true" if bool(results) else "false") + "\n"
        return results.serialize(format=_RESULTS[fmt]).decode()
    if isinstance(results, ox.QueryTriples):
        return ox.serialize(results, format=ox.RdfFormat.N_TRIPLES if fmt != "json" else
                            ox.RdfFormat.JSON_LD).decode()
    if fmt != "table":
        return results.serialize(format=_RESULTS[fmt]).decode()
    return _table(results)


_RESULTS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
            "json": ox.QueryResultsFormat.JSON}


def short(term) -> str:
    """Return a term for people: prefixed IRIs, plain literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if term.value.startswith(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return f"<{term.value}>"
    return term.value if isinstance(term, ox.Literal) else str(term)


def _table(results: ox.QuerySolutions, *, width: int = 60) -> str:
    names = [v.value for v in results.variables]
    rows = [[short(row[n])[:width] for n in names] for row in results]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(names), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    return "\n".join(out) + f"\n({len(rows)} row{'s' * (len(rows) != 1)})\n"
