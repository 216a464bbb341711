"""Write CSV tables: plain nodes/edges, and the CSV layout ``neo4j-admin import`` reads.

    nodes.csv: id,kind,label,aliases,support,date,url
    edges.csv: source,target,relation,confidence,evidence
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from kg.exporters.common import Exporter, exporters
from kg.graph import ALIAS_SEPARATOR, paper_node, source_node
from kg.types import KGData

NODE_COLUMNS = ("id", "kind", "label", "aliases", "support", "date", "url")
EDGE_COLUMNS = ("source", "target", "relation", "confidence", "evidence")


def _write(path: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def write_csv(data: KGData, path: Path) -> None:
    """Write ``nodes.csv`` and ``edges.csv`` into the directory ``path``."""
    path.mkdir(parents=True)
    papers = ((paper_node(p.id), "paper", p.title, "", "", p.date or "", p.url or "")
              for p in data.papers)
    entities = ((e.id, e.type.value, e.name, ALIAS_SEPARATOR.join(e.aliases), e.support, "", "")
                for e in data.entities)
    _write(path / "nodes.csv", NODE_COLUMNS, [*papers, *entities])
    _write(path / "edges.csv", EDGE_COLUMNS,
           ((source_node(r), r.object, r.predicate, r.confidence, len(r.evidence))
            for r in data.relations))


def write_neo4j(data: KGData, path: Path) -> None:
    """Write node and relationship files for ``neo4j-admin database import full``.

    Papers and entities get their own ID spaces; the entity type becomes a second label
    (``Entity;Method``); relationship types are upper-case (``MENTIONS``, ``PROPOSES``).
    Paper->entity relationships and entity->entity ones (``USEDFOR``, ``BROADER`` ...) are
    in two files because their start nodes are in different ID spaces.
    """
    path.mkdir(parents=True)
    _write(path / "papers.csv", ("paperId:ID(Paper)", "title", "date", "url", ":LABEL"),
           ((p.id, p.title, p.date or "", p.url or "", "Paper") for p in data.papers))
    _write(path / "entities.csv",
           ("entityId:ID(Entity)", "name", "aliases:string[]", "support:int", ":LABEL"),
           ((e.id, e.name, ";".join(e.aliases), e.support, f"Entity;{e.type.class_name}")
            for e in data.entities))
    _write(path / "relationships.csv",
           (":START_ID(Paper)", ":END_ID(Entity)", ":TYPE", "confidence:float", "evidence:int"),
           ((r.subject, r.object, r.predicate.upper(), r.confidence, len(r.evidence))
            for r in data.relations if r.subject == r.paper_id))
    _write(path / "entity_relationships.csv",
           (":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "confidence:float", "evidence:int",
            "paperId"),
           ((r.subject, r.object, r.predicate.upper(), r.confidence, len(r.evidence), r.paper_id)
            for r in data.relations if r.subject != r.paper_id))
    (path / "import.sh").write_text(
        "#!/bin/sh\n# Load these files into a new Neo4j database (stop the database first).\n"
        'neo4j-admin database import full --nodes="$(dirname "$0")/papers.csv" '
        '--nodes="$(dirname "$0")/entities.csv" '
        '--relationships="$(dirname "$0")/relationships.csv" '
        '--relationships="$(dirname "$0")/entity_relationships.csv" '
        '--array-delimiter=";" "${1:-neo4j}"\n',
        encoding="utf-8")


exporters.register("csv", func=Exporter("csv", "csv", write_csv,
                                        "CSV tables: csv/nodes.csv and csv/edges.csv"))
exporters.register("neo4j", func=Exporter("neo4j", "neo4j", write_neo4j,
                                          "CSV for neo4j-admin import, with import.sh"))
