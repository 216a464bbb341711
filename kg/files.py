"""Writing outputs safely: build beside the destination, then move into place."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path


def replace_atomically(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write`` on a temporary path beside ``path``, then move the result there.

    A failed write never leaves a half-written file (or directory) where a good one was.
    """
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    _remove(tmp)
    try:
        write(tmp)
    except BaseException:
        _remove(tmp)
        raise
    if path.is_dir():  # a directory cannot be replaced in one step
        old = path.with_name(path.name + ".old")
        _remove(old)
        path.rename(old)
        tmp.rename(path)
        _remove(old)
    else:
        tmp.replace(path)
    return path


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
