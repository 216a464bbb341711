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

import contextlib
import hashlib
import io
import json
import os
import sys
from pathlib import Path

from setuptools import setup

COMPILED = ["kg/extract/tokens.py", "kg/extract/rules.py", "kg/extract/resolve.py",
            "kg/normalize.py", "kg/link.py", "kg/relate.py"]
RECORD = Path("kg/_compiled.json")


def extensions() -> list:
    """Return the mypyc extensions, or none when KG_PURE_PYTHON is set or mypyc refuses
    the sources (a type error): the install goes on with the interpreted modules, and the
    record keeps mypyc's messages for tests/test_compiled.py to report."""
    if os.environ.get("KG_PURE_PYTHON"):
        RECORD.unlink(missing_ok=True)
        return []
    messages = io.StringIO()
    try:
        from mypyc.build import mypycify

        with contextlib.redirect_stdout(messages):
            modules = mypycify(COMPILED, opt_level="3", group_name="kg")
    except (Exception, SystemExit) as err:  # mypyc exits on a type error
        report = messages.getvalue().strip() or repr(err)
        print(f"kg: the modules stay interpreted, mypyc failed:\n{report}", file=sys.stderr)
        RECORD.write_text(json.dumps({"error": report}, indent=1) + "\n")
        return []
    for ext in modules:
        ext.optional = True  # no compiler: install the pure-Python modules instead
    RECORD.write_text(json.dumps({path: hashlib.sha256(Path(path).read_bytes()).hexdigest()
                                  for path in COMPILED}, indent=1, sort_keys=True) + "\n")
    return modules


setup(ext_modules=extensions())
