"""The user override file: names to merge into one entity and names never to extract.

A TOML file (``kg-overrides.toml`` in the working directory is used when it exists;
``--overrides PATH`` names another)::

    # never extract these names (any type), or only as one type with "type: name"
    block = ["our method", "task: generation"]

    # these names are one thing; the first is its canonical name
    [[merge]]
    type = "method"
    names = ["Stable Diffusion", "SD-XL", "SDXL Turbo"]

Merges become gazetteer entries, so the names are also found in text: a merge whose
names match gazetteer entries of its type folds those entries into one (keeping the first
one's id, so entity ids do not move); otherwise it is a new entry. Blocked names are
dropped after extraction, before linking. Every merge the file causes is recorded in the
entity's ``merged_because``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from kg.errors import InputError
from kg.extract.gazetteer import GazetteerEntry
from kg.normalize import entity_id, match_key
from kg.types import EntityType, Mention

DEFAULT_PATH = Path("kg-overrides.toml")


@dataclass(frozen=True)
class Overrides:
    """What an override file asks for."""

    path: str = ""
    merges: tuple[tuple[EntityType, tuple[str, ...]], ...] = ()
    blocked: frozenset[tuple[EntityType | None, str]] = frozenset()  # (type or any, match key)

    def blocks(self, m: Mention) -> bool:
        """Return True when the mention's name is blocked for its type."""
        key = match_key(m.text)
        return (None, key) in self.blocked or (m.label, key) in self.blocked

    def apply(self, entries: tuple[GazetteerEntry, ...]) -> tuple[GazetteerEntry, ...]:
        """Return the gazetteer with this file's merges folded in."""
        out = list(entries)
        for etype, names in self.merges:
            keys = {match_key(n) for n in names}
            hits = [e for e in out if e.type is etype and keys & {match_key(f) for f in e.forms}]
            forms = [f for e in hits for f in e.forms] + list(names)
            keep = hits[0] if hits else GazetteerEntry(
                entity_id(etype.value, names[0]), etype, names[0], ())
            merged = replace(keep, name=names[0], origin=self.path, aliases=tuple(dict.fromkeys(
                f for f in forms if f != names[0])))
            out = [e for e in out if e not in hits] + [merged]
        return tuple(out)


def load_overrides(path: str | Path | None) -> Overrides:
    """Read an override file; ``None`` reads ``kg-overrides.toml`` if it exists, else none."""
    if path is None:
        if not DEFAULT_PATH.is_file():
            return Overrides()
        path = DEFAULT_PATH
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(str(p), f"cannot read override file: {e.strerror}") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        # Python 3.11's error carries the place only in its message
        at = re.search(r"at line (\d+)", str(e))
        line = int(at.group(1)) if at else len(text.splitlines()) or 1
        message = re.sub(r"\s*\(at [^)]*\)$", "", str(e))
        raise InputError(str(p), f"not valid TOML: {message}", line=line) from None
    return parse_overrides(doc, path=str(p), text=text)


def parse_overrides(doc: dict, *, path: str, text: str = "") -> Overrides:
    """Return the overrides of a parsed TOML document; errors name the file and line."""
    unknown = set(doc) - {"block", "merge"}
    if unknown:
        key = sorted(unknown)[0]
        raise InputError(path, f"unknown key {key!r}; valid: block, merge", line=_line(text, key))
    blocked = set()
    for item in _strings(doc.get("block", []), path, text, "block"):
        etype, sep, name = item.partition(":")
        if sep and etype.strip() in {t.value for t in EntityType}:
            blocked.add((EntityType(etype.strip()), match_key(name)))
        else:
            blocked.add((None, match_key(item)))
    merges = []
    for k, merge in enumerate(doc.get("merge", [])):
        where = _line(text, "[[merge]]", k)
        if not isinstance(merge, dict) or set(merge) != {"type", "names"}:
            raise InputError(path, "a [[merge]] needs exactly: type, names", line=where)
        try:
            etype = EntityType(merge["type"])
        except ValueError:
            raise InputError(path, f"unknown type {merge['type']!r}; valid: "
                             f"{', '.join(t.value for t in EntityType)}", line=where) from None
        names = tuple(_strings(merge["names"], path, text, "names", where))
        if len(names) < 2:
            raise InputError(path, "a [[merge]] needs at least two names", line=where)
        merges.append((etype, names))
    return Overrides(path=path, merges=tuple(merges), blocked=frozenset(blocked))


def _strings(value, path: str, text: str, key: str, line: int | None = None) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(path, f"{key!r} must be a list of names", line=line or _line(text, key))
    return [v.strip() for v in value]


def _line(text: str, needle: str, nth: int = 0) -> int | None:
    """Return the line number of the nth line that starts with ``needle``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(needle):
            if seen == nth:
                return number
            seen += 1
    return None
