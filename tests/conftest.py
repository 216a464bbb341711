"""Shared fixtures: test data written for kg, a session-wide pipeline, the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from kg.extract import load_pipeline

    return load_pipeline("fast")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only shared corpus beside the repo; tests that need it skip without it."""
    if not (SHARED / "corpus" / "daily_papers_dev.txt").exists():
        pytest.skip(f"shared corpus not found at {SHARED} (only present on project machines)")
    return SHARED


def make_paper(title: str, abstract: str, **kw):
    from kg.normalize import paper_id
    from kg.types import Paper

    return Paper(id=kw.pop("id", paper_id(title)), title=title, abstract=abstract, **kw)
