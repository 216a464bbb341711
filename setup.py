"""Build kg's pure-Python hot paths as C extensions with mypyc (everything else is in
pyproject.toml).

The modules in COMPILED are plain typed Python; mypyc (part of mypy) compiles them to C, so
the rules, normalisation, linking and relations run 1.2-1.3x faster as a whole
(bench/throughput.py). They stay importable as Python: with KG_PURE_PYTHON=1 set, or when
no C compiler is at hand (the extensions are optional), the same sources run interpreted.
A record of the compiled sources' hashes (kg/_compiled.json) lets a test catch a compiled
module that is older than its source.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from setuptools import setup

COMPILED = ["kg/extract/tokens.py", "kg/extract/rules.py", "kg/extract/resolve.py",
            "kg/normalize.py", "kg/link.py", "kg/relate.py"]
RECORD = Path("kg/_compiled.json")


def extensions() -> list:
    """Return the mypyc extensions, or none when KG_PURE_PYTHON is set."""
    if os.environ.get("KG_PURE_PYTHON"):
        RECORD.unlink(missing_ok=True)
        return []
    from mypyc.build import mypycify

    modules = mypycify(COMPILED, opt_level="3", group_name="kg")
    for ext in modules:
        ext.optional = True  # no compiler: install the pure-Python modules instead
    RECORD.write_text(json.dumps({path: hashlib.sha256(Path(path).read_bytes()).hexdigest()
                                  for path in COMPILED}, indent=1, sort_keys=True) + "\n")
    return modules


setup(ext_modules=extensions())
