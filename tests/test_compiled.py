"""The modules setup.py compiles with mypyc must be built from the sources beside them:
Python imports a compiled module before its .py file, so an edited source that was not
rebuilt would silently not run."""

import ast
import hashlib
import importlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def compiled_by_setup() -> list[str]:
    """Return setup.py's COMPILED list (read, not imported: importing runs setup())."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    return next(ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
                and any(getattr(t, "id", "") == "COMPILED" for t in node.targets))


COMPILED = compiled_by_setup()


def module_of(path: str):
    return importlib.import_module(path.removesuffix(".py").replace("/", "."))


def test_spacy_component_modules_are_not_compiled():
    """mypyc compiles plain functions and dataclasses; the spaCy component classes stay
    interpreted (compiled, they crashed the interpreter)."""
    assert "kg/extract/rules.py" in COMPILED
    assert not {"kg/extract/components.py", "kg/extract/abbreviations.py"} & set(COMPILED)


def test_mypyc_accepted_the_sources_at_the_last_install():
    """setup.py installs the interpreted modules when mypyc refuses them (a type error), so
    the install never fails for it; this test does, with mypyc's messages."""
    record = ROOT / "kg" / "_compiled.json"
    if not record.exists():
        pytest.skip("no compile was tried (KG_PURE_PYTHON=1)")
    error = json.loads(record.read_text(encoding="utf-8")).get("error")
    assert error is None, f"mypyc refused the sources; fix them and pip install -e . again:\n{error}"


@pytest.mark.parametrize("path", COMPILED)
def test_a_compiled_module_is_built_from_its_current_source(path):
    module = module_of(path)
    if not module.__file__.endswith(".so"):
        pytest.skip(f"{path} runs interpreted (built with KG_PURE_PYTHON=1 or without a compiler)")
    record = ROOT / "kg" / "_compiled.json"
    assert record.exists(), "compiled modules but no kg/_compiled.json: run pip install -e . again"
    built = json.loads(record.read_text(encoding="utf-8")).get(path)
    now = hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
    assert built == now, f"{path} changed since it was compiled: run pip install -e . again"
