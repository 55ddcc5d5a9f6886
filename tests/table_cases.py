"""Table-driven test cases read from ``tests/data/*.yaml``: each case is a dict; a case
with an ``xfail`` key is a known failure, kept as a strict xfail (so it is noticed the day
it passes) rather than deleted."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

DATA = Path(__file__).parent / "data"


def load_cases(name: str) -> Any:
    """The parsed YAML file ``tests/data/NAME``."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def case_params(cases: list[dict[str, Any]], case_id: Callable[[dict[str, Any]], str]) -> list[Any]:
    """One ``pytest.param`` per case, named by ``case_id``; known failures strict xfail."""
    return [pytest.param(c, id=case_id(c),
                         marks=[pytest.mark.xfail(reason=c["xfail"], strict=True)] if c.get("xfail") else [])
            for c in cases]


def text_id(case: dict[str, Any]) -> str:
    """A case's id: the first 40 characters of its ``text``."""
    return str(case.get("text", ""))[:40]
