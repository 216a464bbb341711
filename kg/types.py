"""Plain records passed between the stages of kg (sources -> extract -> link -> graph)."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from typing import Any


class EntityType(str, enum.Enum):
    """The four kinds of thing kg extracts; values are the lower-case names used in files."""

    METHOD = "method"
    DATASET = "dataset"
    TASK = "task"
    METRIC = "metric"

    @property
    def label(self) -> str:
        """Return the upper-case spaCy label for this type."""
        return self.value.upper()

    @property
    def class_name(self) -> str:
        """Return the ontology class name (capitalised)."""
        return self.value.capitalize()

    @classmethod
    def from_label(cls, label: str) -> "EntityType":
        """Return the type for a spaCy label or a file value, case-insensitively."""
        return cls(label.lower())


TITLE_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Paper:
    """One paper as read from an input file.

    ``text`` (title, a blank line, abstract) is the one string given to spaCy; every
    mention offset refers to it.
    """

    id: str
    title: str
    abstract: str = ""
    authors: tuple[str, ...] = ()
    author_count: int | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD) when known
    url: str | None = None
    arxiv_id: str | None = None
    source: str = ""  # "path:line" where the record starts

    @property
    def text(self) -> str:
        return self.title + TITLE_SEPARATOR + self.abstract if self.abstract else self.title

    @property
    def abstract_offset(self) -> int:
        """Return where the abstract starts in ``text``."""
        return len(self.title) + len(TITLE_SEPARATOR)

    def field_of(self, start: int) -> tuple[str, int]:
        """Return (field name, offset of that field in ``text``) for a character offset."""
        if self.abstract and start >= self.abstract_offset:
            return "abstract", self.abstract_offset
        return "title", 0


# What found a mention (Mention.source; each is a kg:Extractor in the graph): the gazetteer,
# an abbreviation definition, the title's "Name:" prefix, context cues, Hearst lists, the
# trained NER model, elliptic coordination, head-noun terms, name-like words.
SOURCES = ("abbreviation", "gazetteer", "title", "dataset-cue", "task-cue", "list", "ner",
           "coordination", "term", "name")


@dataclass(frozen=True)
class Mention:
    """One span of a paper's text that names an entity."""

    paper_id: str
    text: str
    label: EntityType
    start: int  # offsets into Paper.text, end exclusive
    end: int
    sentence: tuple[int, int]  # offsets of the sentence that holds the mention
    source: str  # one of SOURCES
    kb_id: str = ""  # gazetteer entity id when the mention came from the gazetteer
    long_form: str = ""  # for an abbreviation, the long form defined in the paper
    proposed: bool = False  # the paper introduces this thing
    entity_id: str = ""  # filled in by the linker

    @property
    def id(self) -> str:
        return f"{self.paper_id}#{self.start}-{self.end}"

    def linked(self, entity_id: str) -> "Mention":
        """Return this mention with ``entity_id`` set: ``dataclasses.replace`` without its
        per-field checks (the linker does this for every mention)."""
        new = object.__new__(Mention)
        new.__dict__.update(self.__dict__, entity_id=entity_id)
        return new

    def evidence(self, text: str) -> tuple[str, int, int]:
        """Return (the sentence, trimmed; the mention's start and end inside it) from ``text``."""
        raw = text[self.sentence[0]:self.sentence[1]]
        lead = self.sentence[0] + len(raw) - len(raw.lstrip())
        return raw.strip(), self.start - lead, self.end - lead


@dataclass(frozen=True)
class Entity:
    """One real method, dataset, task or metric, merged across papers."""

    id: str  # stable slug such as "method/stable-diffusion"
    type: EntityType
    name: str  # canonical name
    aliases: tuple[str, ...] = ()  # literal surface forms seen (sorted)
    support: int = 0  # number of papers that mention it
    merged_because: tuple[str, ...] = ()  # why surface forms became this one entity
    external_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    """A typed statement between a paper and an entity or between two entities."""

    subject: str
    predicate: str  # a property name of the kg ontology
    object: str
    paper_id: str
    evidence: tuple[str, ...] = ()  # mention ids
    confidence: float = 1.0


@dataclass(frozen=True)
class KGData:
    """Everything one build produced; round-trips through ``to_dict``/``from_dict``."""

    papers: tuple[Paper, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    mentions: tuple[Mention, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "papers": [dataclasses.asdict(p) for p in self.papers],
            "entities": [dataclasses.asdict(e) for e in self.entities],
            "relations": [dataclasses.asdict(r) for r in self.relations],
            "mentions": [dataclasses.asdict(m) for m in self.mentions],
            "meta": dict(self.meta),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "KGData":
        """Rebuild records written by ``to_dict``."""
        return cls(
            papers=tuple(Paper(**_tuples(p, "authors")) for p in data.get("papers", [])),
            entities=tuple(
                Entity(**{**_tuples(e, "aliases", "merged_because", "external_ids"),
                          "type": EntityType(e["type"])})
                for e in data.get("entities", [])
            ),
            relations=tuple(Relation(**_tuples(r, "evidence")) for r in data.get("relations", [])),
            mentions=tuple(
                Mention(**{**_tuples(m, "sentence"), "label": EntityType(m["label"])})
                for m in data.get("mentions", [])
            ),
            meta=dict(data.get("meta", {})),
        )

    def entity(self, entity_id: str) -> Entity:
        """Return the entity with this id."""
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)


def _tuples(record: dict[str, Any], *keys: str) -> dict[str, Any]:
    out = dict(record)
    for k in keys:
        if k in out and out[k] is not None:
            out[k] = tuple(out[k])
    return out
