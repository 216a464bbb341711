#!/usr/bin/env python3
"""Benchmark the Oxigraph store against rdflib's in-memory graph on a synthetic graph.

Synthetic papers are kg records made directly (no extraction): each names 3-7 of 5,000
entities drawn from a Zipf-like distribution, with mentions, assertions and provenance
exactly as a real build writes them. Both stores get the same quads. Prints, for each:
load time, then the median of --repeat runs (rdflib: at most 3) of
  * a selective lookup: papers that mention one entity, by its exact label;
  * the top-20 methods by paper count, raw (counting mentions) and as kg's `top-methods`
    query (reading the maintained kg:support);
  * a two-hop join, datasets named in papers that mention the most common task, raw
    (paper -> task, paper -> dataset) and as `datasets-for-task` (via kg:CoOccurrence);
and the time to add 100 new papers to the store incrementally (median of 3 batches).

usage: python bench/store_bench.py [--papers 100000] [--repeat 5] [--skip-rdflib]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from kg.query import NAMED_QUERIES, run
from kg.rdf import PREFIXES, quads
from kg.store import add, build_store, open_store
from kg.types import Entity, EntityType, KGData, Mention, Paper, Relation

TYPES = [EntityType.METHOD] * 5 + [EntityType.TASK] * 3 + [EntityType.DATASET] * 2 + [
    EntityType.METRIC]
N_ENTITIES = 5_000
SCOPED = ("aggregate, top-methods", "join, datasets-for-task")  # read the entities graph only
LIMIT = 300  # seconds an rdflib query may run; a stopped query is reported as at least this


def entity_pool(rng: random.Random) -> list[Entity]:
    return [Entity(id=f"{t.value}/synthetic-{i}", type=t, name=f"{t.value} {i}", aliases=())
            for i, t in enumerate(rng.choice(TYPES) for _ in range(N_ENTITIES))]


def synthetic(n: int, *, start: int = 0, seed: int = 1) -> KGData:
    """Return ``n`` papers (ids from ``start``) linked to a shared entity pool."""
    rng = random.Random(seed)
    pool = entity_pool(random.Random(0))
    weights = [1 / (i + 1) for i in range(len(pool))]
    papers, mentions, relations, support = [], [], [], {}
    for k in range(start, start + n):
        chosen = {e.id: e for e in rng.choices(pool, weights, k=rng.randint(3, 7))}.values()
        text = "Synthetic paper %d\n\nWe study " % k + ", ".join(e.name for e in chosen) + "."
        paper = Paper(id=f"s{k}", title=f"Synthetic paper {k}", abstract=text.split("\n\n")[1],
                      date=f"2025-{1 + k % 12:02d}-{1 + k % 28:02d}")
        papers.append(paper)
        for e in chosen:
            at = paper.text.index(e.name)
            m = Mention(paper.id, e.name, e.type, at, at + len(e.name), (paper.abstract_offset,
                        len(paper.text)), "gazetteer", kb_id=e.id, entity_id=e.id)
            mentions.append(m)
            relations.append(Relation(paper.id, "mentions", e.id, paper.id, (m.id,), 0.9))
            support[e.id] = support.get(e.id, 0) + 1
    entities = tuple(Entity(e.id, e.type, e.name, (e.name,), support[e.id])
                     for e in pool if e.id in support)
    return KGData(tuple(papers), entities, tuple(relations), tuple(mentions))


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def queries(data: KGData) -> dict[str, str]:
    """Return the timed queries: raw ones that count mentions, and kg's named queries,
    which read the support and co-occurrence aggregates the store maintains."""
    task = next(e for e in sorted(data.entities, key=lambda e: -e.support)
                if e.type is EntityType.TASK)
    rare = next(e for e in data.entities if e.support == 3)
    exact = f'FILTER(?label = "{task.name}"@en)'
    return {
        "selective lookup": f'SELECT ?paper WHERE {{ ?e skos:prefLabel "{rare.name}"@en . '
                            f'?paper kg:mentions ?e }}',
        "aggregate, raw": """SELECT ?entity ?name (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
  ?entity a kg:Method ; skos:prefLabel ?name . ?paper kg:mentions ?entity .
} GROUP BY ?entity ?name ORDER BY DESC(?papers) ?name LIMIT 20""",
        "two-hop join, raw": f"""SELECT ?dataset ?name (COUNT(DISTINCT ?paper) AS ?papers) WHERE {{
  ?entity a kg:Task ; skos:prefLabel ?label . {exact}
  ?paper kg:mentions ?entity , ?dataset . ?dataset a kg:Dataset ; skos:prefLabel ?name .
}} GROUP BY ?dataset ?name ORDER BY DESC(?papers) ?name""",
        "aggregate, top-methods": NAMED_QUERIES["top-methods"].sparql,
        "join, datasets-for-task": NAMED_QUERIES["datasets-for-task"].sparql.replace(
            "FILTER(CONTAINS(LCASE(STR(?label)), LCASE(STR(?arg))))", exact),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip-rdflib", action="store_true")
    a = ap.parse_args()
    t = time.perf_counter()
    data = synthetic(a.papers)
    print(f"{a.papers} synthetic papers, {len(data.entities)} entities, "
          f"{len(data.mentions)} mentions ({time.perf_counter() - t:.1f} s to generate)")
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        t = time.perf_counter()
        build_store(work / "store", data)
        print(f"oxigraph: bulk load {time.perf_counter() - t:.1f} s")
        store = open_store(work / "store")
        print(f"oxigraph: {len(store)} quads")
        ox_times = {}
        for name, q in queries(data).items():
            scope = "entities" if name in SCOPED else "all"
            ox_times[name] = timed(lambda q=q, scope=scope: list(run(store, q, scope=scope)),
                                   a.repeat)
            print(f"oxigraph: {name}: median {ox_times[name] * 1000:.1f} ms", flush=True)
        batches = [timed(lambda b=b: add(store, synthetic(100, start=a.papers + 100 * b, seed=b)), 1)
                   for b in range(3)]
        print(f"oxigraph: incremental add of 100 papers: median {statistics.median(batches):.2f} s "
              f"({', '.join(f'{x:.2f}' for x in batches)})")
        del store
        rdf_times = {} if a.skip_rdflib else rdflib_times(data, queries(data), a.repeat)
        print(f"rdflib queries over {LIMIT} s are stopped and counted as {LIMIT} s")
        print(f"\n{'query (median)':26} {'oxigraph':>12} {'rdflib':>12} {'ratio':>8}")
        for name, ox_t in ox_times.items():
            r = rdf_times.get(name)
            ratio = f"{'>=' if r == LIMIT else ''}{r / ox_t:.1f}x" if r else ""
            print(f"{name:26} {ox_t * 1000:10.1f}ms {r * 1000 if r else float('nan'):10.1f}ms {ratio:>9}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def rdflib_times(data: KGData, qs: dict[str, str], repeat: int) -> dict[str, float]:
    from rdflib import Graph, Namespace

    g = Graph()
    t = time.perf_counter()
    for s, p, o, _ in quads(data):
        g.add((s, p, o))
    print(f"rdflib:   in-memory load {time.perf_counter() - t:.1f} s, {len(g)} triples")
    ns = {k: Namespace(v) for k, v in PREFIXES.items()}
    out = {}
    for name, q in qs.items():
        out[name] = _limited(lambda q=q: timed(lambda: list(g.query(q, initNs=ns)), min(repeat, 3)))
        print(f"rdflib:   {name}: median {out[name] * 1000:.1f} ms", flush=True)
    return out


class _TooSlow(Exception):
    pass


def _limited(fn, seconds: int = LIMIT) -> float:
    """Return fn(), or LIMIT when it runs longer than that (rdflib is pure Python, so an
    alarm interrupts it)."""
    import signal

    def stop(*_):
        raise _TooSlow

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        return fn()
    except _TooSlow:
        print(f"rdflib:   stopped after {seconds} s", flush=True)
        return float(seconds)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


if __name__ == "__main__":
    main()
