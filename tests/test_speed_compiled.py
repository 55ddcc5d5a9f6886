"""The optional compiled build (``setup.py`` with ``LAYOUTKIT_COMPILE=1``, docs/performance.md).

mypyc compiles a module only when it type-checks under mypy, so a change that leaves a
compiled module untyped (``x = []``) breaks that build although the pure-Python package
works. This test type-checks the modules ``setup.py`` compiles, the way the build does;
it needs mypy and is skipped where mypy is not installed (the default test extra).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def compiled_modules() -> tuple[str, ...]:
    """``COMPILED`` of ``setup.py``, read without running it."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "COMPILED" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    raise AssertionError("setup.py has no COMPILED")


def test_compiled_modules_exist() -> None:
    names = compiled_modules()
    assert names and all((ROOT / "layoutkit" / f"{n}.py").is_file() for n in names)


def test_compiled_modules_type_check(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    paths = [str(ROOT / "layoutkit" / f"{n}.py") for n in compiled_modules()]
    out, err, status = api.run(["--ignore-missing-imports", "--follow-imports=silent",
                                "--cache-dir", str(tmp_path), *paths])
    assert status == 0, out + err
