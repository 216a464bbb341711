"""Output formats: a registry of exporters, one module per format.

Third-party packages can add exporters through the ``kg_exporters`` entry point group.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import UnknownNameError
from kg.files import replace_atomically
from kg.exporters.common import Exporter, exporters
from kg.types import KGData

# Importing the format modules registers them.
from kg.exporters import graphml, html, rdf, tables, gexf, nodelink  # noqa: F401,E402

__all__ = ["Exporter", "exporters", "all_exporters", "get_exporter", "write"]


def all_exporters() -> dict[str, Exporter]:
    """Return every registered exporter by name, sorted."""
    return dict(sorted(exporters.get_all().items()))


def get_exporter(name: str) -> Exporter:
    """Return the exporter registered as ``name``."""
    found = all_exporters()
    if name not in found:
        raise UnknownNameError("output format", name, found)
    return found[name]


def write(name: str, data: KGData, out_dir: str | Path) -> Path:
    """Write ``data`` in format ``name`` into ``out_dir``; return the file's path.

    The file is written beside its destination and moved into place, so a failed export
    never leaves a half-written file where a good one was.
    """
    exporter = get_exporter(name)
    return replace_atomically(Path(out_dir) / exporter.filename,
                              lambda tmp: exporter.write(data, tmp))
