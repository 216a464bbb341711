"""The exporter registry and record shared by every output format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import catalogue

from kg.types import KGData

exporters = catalogue.create("kg", "exporters", entry_points=True)


@dataclass(frozen=True)
class Exporter:
    """One output format: its name, default file name, writer and description."""

    name: str
    filename: str
    write: Callable[[KGData, Path], None]
    description: str
