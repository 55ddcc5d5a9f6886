"""Build hook for the optional compiled build of layoutkit (docs/performance.md).

Everything about the package is declared in ``pyproject.toml``; this file only adds C
extensions, and only when asked: with ``LAYOUTKIT_COMPILE=1`` in the environment, the
modules of ``COMPILED`` are compiled with mypyc (which must be installed: it comes with
``mypy``), e.g.

    pip install mypy && LAYOUTKIT_COMPILE=1 pip install --no-build-isolation .

Without the variable (the default install, ``pip install -e .``, and CI) nothing is
compiled and the package is pure Python. The pure-Python modules are the reference: a
compiled module runs the same source, and ``bench/identical.py`` checks that its outputs
are byte-identical.
"""
from __future__ import annotations

import os

from setuptools import setup

#: The text pipeline's per-line and per-paragraph work (line shapes, columns, reflow,
#: continuation search, typing, assembly), the profile's pattern matching (``profile``:
#: asked several hundred times a page) and the helpers they call in their loops. Left
#: out: ``model`` (the public
#: dataclasses stay plain Python classes: compiled, their construction is no cheaper and
#: ints stored in float fields would turn into floats; docs/performance-compiled.md),
#: ``hints`` (does not type-check under mypy), and every reader (time there is spent in
#: C already: decoding, regex, XML parsing).
COMPILED = (
    "textwidth", "scriptcount", "measure", "columns", "reflow", "continuation", "classify",
    "articles", "dehyphenate", "marked_hyphens", "textboxes", "masthead", "latin_titles",
    "chain_order", "noise", "orthography", "profile",
    # the rest of a text page's own work (``docs/performance.md``, "Sixth round"): the
    # JSON text (``jsontext``), language detection, the pipeline's glue, furniture
    # placement, the text reader and the own-export test
    "jsontext", "language", "pipeline", "serialize", "furniture", "readers/text", "structured",
)


def ext_modules() -> list:
    if os.environ.get("LAYOUTKIT_COMPILE") != "1":
        return []
    from mypyc.build import mypycify

    return mypycify(["--ignore-missing-imports", "--follow-imports=silent", *(f"layoutkit/{name}.py" for name in COMPILED)],
                    opt_level="3", group_name="layoutkit")


setup(ext_modules=ext_modules())
