"""The explorable view: which nodes and edges to show, where, and what the side panel says.

Three views of one :class:`KGData`: ``full`` (papers and entities), ``cooccurrence``
(entities only, edges weighted by shared papers) and ``around`` (the neighbourhood of one
entity, ``depth`` hops in the paper-entity graph). Above ``max_nodes`` the most supported
entities are kept and the page says what was left out. Positions are computed here
(igraph's Fruchterman-Reingold with a grid, seeded), so the browser draws without running
physics and a 20,000-node page is usable at once.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from kg.errors import KGError
from kg.normalize import match_key
from kg.rdf import cooccurrence, paper_entities
from kg.types import KGData, Mention

VIEWS = ("full", "cooccurrence", "around")
COLORS = {"paper": "#9e9e9e", "method": "#1f77b4", "dataset": "#2ca02c", "task": "#ff7f0e",
          "metric": "#9467bd"}
SHAPES = {"paper": "square", "method": "dot", "dataset": "diamond", "task": "triangle",
          "metric": "star"}
EDGE_STYLES = {"mentions": {"dashes": True, "width": 1}, "proposes": {"dashes": False, "width": 3},
               "cooccurs": {"dashes": False, "width": 1},
               # entity -> entity (kg.relate), drawn as arrows
               "usedFor": {"dashes": False, "width": 2, "arrows": "to"},
               "evaluatedOn": {"dashes": False, "width": 2, "arrows": "to"},
               "evaluatedWith": {"dashes": False, "width": 2, "arrows": "to"},
               "comparedWith": {"dashes": False, "width": 2, "arrows": "to"},
               "hyponymOf": {"dashes": [2, 4], "width": 2, "arrows": "to"},
               "broader": {"dashes": [2, 4], "width": 2, "arrows": "to"}}
MAX_EVIDENCE = 5  # sentences kept per entity for the side panel


class ViewError(KGError):
    """A view cannot be made (unknown kind, no entity by that name)."""


@dataclass(frozen=True)
class ViewOptions:
    """What to show."""

    kind: str = "full"
    around: str | None = None
    depth: int = 1
    max_nodes: int = 5_000
    labels: int = 60  # how many of the most supported nodes carry a label
    max_edges_per_node: int = 6  # co-occurrence view: strongest edges kept per entity


def build_view(data: KGData, options: ViewOptions = ViewOptions()) -> dict[str, Any]:
    """Return the JSON-ready view: nodes, edges, papers, legend and what was left out."""
    if options.kind not in VIEWS:
        raise ViewError(f"unknown view {options.kind!r}; valid: {', '.join(VIEWS)}")
    by_paper = paper_entities(data)
    if options.kind == "cooccurrence":
        entity_ids, paper_ids = _top_entities(data, options.max_nodes), []
    elif options.kind == "around":
        entity_ids, paper_ids = _around(data, by_paper, options)
    else:
        entity_ids, paper_ids = _full(data, by_paper, options.max_nodes)
    nodes, index = _nodes(data, entity_ids, paper_ids, options)
    edges = (_cooccurrence_edges(data, by_paper, set(entity_ids), options)
             if options.kind == "cooccurrence" else _relation_edges(data, set(index)))
    _layout(nodes, edges)
    shown_papers = {i for n in nodes for i in n["papers"]}
    return {
        "kind": options.kind,
        "nodes": nodes,
        "edges": edges,
        "papers": _paper_table(data),
        "legend": [{"type": t, "color": COLORS[t], "shape": SHAPES[t]} for t in COLORS
                   if t != "paper" or options.kind != "cooccurrence"],
        "omitted": {"entities": len(data.entities) - len(entity_ids),
                    "papers": len(data.papers) - len(paper_ids),
                    "entities_total": len(data.entities), "papers_total": len(data.papers)},
        "min_support_shown": min((n["support"] for n in nodes if n["type"] != "paper"), default=0),
        "papers_in_view": len(shown_papers),
    }


def _top_entities(data: KGData, limit: int) -> list[str]:
    ranked = sorted(data.entities, key=lambda e: (-e.support, e.id))
    return [e.id for e in ranked[:limit]]


def _full(data: KGData, by_paper: dict[str, set[str]], cap: int) -> tuple[list[str], list[str]]:
    """Keep all when it fits; else the most supported entities and the papers they cover."""
    if len(data.entities) + len(data.papers) <= cap:
        return [e.id for e in data.entities], [p.id for p in data.papers]
    ranked = _top_entities(data, len(data.entities))
    keep_e = ranked[: max(1, cap // 2)]
    kept = set(keep_e)
    scored = sorted(((len(ids & kept), pid) for pid, ids in by_paper.items() if ids & kept),
                    key=lambda t: (-t[0], t[1]))
    return keep_e, [pid for _, pid in scored[: cap - len(keep_e)]]


def find_entity(data: KGData, name: str) -> str:
    """Return the id of the entity called ``name`` (canonical name or alias, any case)."""
    key = match_key(name)
    exact = [e for e in data.entities if key in {match_key(a) for a in (e.name, *e.aliases)}]
    if exact:
        return max(exact, key=lambda e: e.support).id
    names = sorted({e.name for e in data.entities})
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.6) or [
        n for n in names if key and key in match_key(n)][:5]
    hint = f"; did you mean: {', '.join(close)}" if close else ""
    raise ViewError(f"no entity named {name!r}{hint}")


def _around(data: KGData, by_paper: dict[str, set[str]], options: ViewOptions
            ) -> tuple[list[str], list[str]]:
    """Return the entities and papers within ``depth`` paper hops of one entity."""
    if not options.around:
        raise ViewError("the 'around' view needs an entity name (--around NAME)")
    start = find_entity(data, options.around)
    entities, papers = {start}, set()
    frontier = {start}
    for _ in range(max(1, options.depth)):
        new_papers = {pid for pid, ids in by_paper.items() if ids & frontier} - papers
        papers |= new_papers
        frontier = {e for pid in new_papers for e in by_paper[pid]} - entities
        entities |= frontier
    support = {e.id: e.support for e in data.entities}
    ranked = sorted(entities, key=lambda e: (e != start, -support.get(e, 0), e))
    kept = ranked[: max(1, options.max_nodes // 2)]
    kept_set = set(kept)
    return kept, sorted(p for p in papers if by_paper[p] & kept_set)[: options.max_nodes - len(kept)]


def _evidence(data: KGData) -> dict[str, list[list[Any]]]:
    """Return up to MAX_EVIDENCE (paper index, sentence, start, end) per entity."""
    index = {p.id: i for i, p in enumerate(data.papers)}
    texts = {p.id: p.text for p in data.papers}
    out: dict[str, list[list[Any]]] = {}
    for m in data.mentions:
        items = out.setdefault(m.entity_id, [])
        if len(items) < MAX_EVIDENCE and m.paper_id in texts:
            items.append([index[m.paper_id], *m.evidence(texts[m.paper_id])])
    return out


def _nodes(data: KGData, entity_ids: list[str], paper_ids: list[str], options: ViewOptions
           ) -> tuple[list[dict[str, Any]], dict[str, int]]:
    entities = {e.id: e for e in data.entities}
    papers = {p.id: (i, p) for i, p in enumerate(data.papers)}
    evidence = _evidence(data)
    by_entity: dict[str, list[int]] = {}
    for r in data.relations:
        if r.predicate == "mentions" and r.paper_id in papers:
            by_entity.setdefault(r.object, []).append(papers[r.paper_id][0])
    labelled = set(sorted(entity_ids, key=lambda e: (-entities[e].support, e))[: options.labels])
    nodes: list[dict[str, Any]] = []
    for eid in entity_ids:
        e = entities[eid]
        t = e.type.value
        nodes.append({"id": eid, "type": t, "name": e.name, "aliases": list(e.aliases),
                      "support": e.support, "papers": sorted(set(by_entity.get(eid, []))),
                      "evidence": evidence.get(eid, []),
                      "label": e.name if eid in labelled else "",
                      "color": COLORS[t], "shape": SHAPES[t],
                      "size": round(6 + 5 * math.sqrt(e.support), 1)})
    for pid in paper_ids:
        i, p = papers[pid]
        nodes.append({"id": f"paper/{pid}", "type": "paper", "name": p.title, "aliases": [],
                      "support": 0, "papers": [i], "evidence": [], "label": "",
                      "color": COLORS["paper"], "shape": SHAPES["paper"], "size": 5})
    return nodes, {n["id"]: k for k, n in enumerate(nodes)}


def _relation_edges(data: KGData, shown: set[str]) -> list[dict[str, Any]]:
    """Return the relation edges whose ends are both shown, with evidence as tooltip.

    Paper->entity: ``mentions`` and ``proposes`` (the typed roles repeat ``mentions``).
    Entity->entity: one arrow a (subject, predicate, object), however many papers state it.
    """
    mentions: dict[str, Mention] = {m.id: m for m in data.mentions}
    texts = {p.id: p.text for p in data.papers}
    edges = []
    between: dict[tuple[str, str, str], list] = {}
    for r in data.relations:
        if r.predicate not in EDGE_STYLES:
            continue
        if r.subject != r.paper_id:
            if r.subject in shown and r.object in shown:
                between.setdefault((r.subject, r.predicate, r.object), []).append(r)
            continue
        src = f"paper/{r.subject}"
        if src not in shown or r.object not in shown:
            continue
        m = mentions.get(r.evidence[0]) if r.evidence else None
        sentence = m.evidence(texts.get(r.subject, ""))[0] if m else ""
        edges.append({"from": src, "to": r.object, "rel": r.predicate,
                      "title": f"{r.predicate} (confidence {r.confidence:.2f})\n{sentence}",
                      **EDGE_STYLES[r.predicate]})
    for (s, pred, o), rs in between.items():
        best = max(rs, key=lambda r: r.confidence)
        m = mentions.get(best.evidence[0]) if best.evidence else None
        sentence = m.evidence(texts.get(best.paper_id, ""))[0] if m else "from the names' heads"
        papers = len({r.paper_id for r in rs if r.paper_id})
        stated = f", stated in {papers} paper{'s' * (papers != 1)}" if papers else ""
        edges.append({"from": s, "to": o, "rel": pred,
                      "title": f"{pred} (confidence {best.confidence:.2f}{stated})\n{sentence}",
                      **EDGE_STYLES[pred]})
    return edges


def _cooccurrence_edges(data: KGData, by_paper: dict[str, set[str]], shown: set[str],
                        options: ViewOptions) -> list[dict[str, Any]]:
    """Return the strongest co-occurrence edges of each shown entity."""
    pairs = cooccurrence(ids & shown for ids in by_paper.values())
    per_node: Counter[str] = Counter()
    edges = []
    for (a, b), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        if per_node[a] >= options.max_edges_per_node and per_node[b] >= options.max_edges_per_node:
            continue
        per_node.update((a, b))
        edges.append({"from": a, "to": b, "rel": "cooccurs", "value": n,
                      "title": f"named together in {n} paper{'s' * (n != 1)}",
                      "width": min(8, 1 + math.log2(n)), "dashes": False})
    return edges


def _paper_table(data: KGData) -> list[dict[str, Any]]:
    return [{"title": p.title, "date": p.date or "",
             "url": p.url if p.url and p.url.startswith(("https://", "http://")) else ""}
            for p in data.papers]


def _layout(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    """Set x/y on every node: Fruchterman-Reingold (igraph, grid variant, fixed seed)."""
    import igraph
    import random

    if not nodes:
        return
    index = {n["id"]: i for i, n in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[e["from"]], index[e["to"]]) for e in edges])
    # A seeded generator makes the layout repeatable; passing start positions (seed=)
    # instead makes igraph's layout about 45 times slower.
    igraph.set_random_number_generator(random.Random(0))
    try:
        coords = g.layout_fruchterman_reingold(niter=500, grid=len(nodes) > 1000)
    finally:
        igraph.set_random_number_generator(random)
    xs, ys = zip(*coords.coords) if len(nodes) > 1 else ((0.0,), (0.0,))
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = 40 * math.sqrt(len(nodes)) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    for n, x, y in zip(nodes, xs, ys):
        n["x"], n["y"] = round((x - cx) * scale, 1), round((y - cy) * scale, 1)

