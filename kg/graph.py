"""The NetworkX view of a build: paper and entity nodes, typed relation edges.

Attributes are scalars only (GraphML and GEXF reject lists): aliases are joined with " | ".
"""

from __future__ import annotations

import networkx as nx

from kg.types import KGData, Relation

ALIAS_SEPARATOR = " | "


def paper_node(paper_id: str) -> str:
    """Return the node id of a paper (entity node ids are entity ids)."""
    return f"paper/{paper_id}"


def source_node(r: Relation) -> str:
    """Return the node a relation starts from: its paper, or an entity."""
    return paper_node(r.subject) if r.subject == r.paper_id else r.subject


def to_networkx(data: KGData) -> nx.MultiDiGraph:
    """Return a ``MultiDiGraph`` of the papers, entities and relations of ``data``."""
    g = nx.MultiDiGraph(name="kg")
    for p in data.papers:
        attrs = {"kind": "paper", "label": p.title, "date": p.date or "", "url": p.url or "",
                 "source": p.source}
        g.add_node(paper_node(p.id), **attrs)
    for e in data.entities:
        g.add_node(e.id, kind=e.type.value, label=e.name,
                   aliases=ALIAS_SEPARATOR.join(e.aliases), support=e.support)
    for r in data.relations:
        g.add_edge(source_node(r), r.object, key=r.predicate, relation=r.predicate,
                   confidence=r.confidence, evidence=len(r.evidence))
    return g
