"""Indented JSON text at a fraction of the cost of ``json.dumps(..., indent=N)``.

``json.dumps`` with an indent cannot use the standard library's C encoder (Python 3.11):
it falls back to the pure-Python ``_iterencode`` generators, a chain of generator frames
per value. A page's JSON (indent 1, 609 values on the seed page) cost 5.6 M
instructions, more than typing and assembly together. ``dumps`` builds the same text by
direct recursion over the plain values a ``to_dict`` returns, each string escaped by the
C ``encode_basestring`` the standard encoder uses itself, the pieces joined once: 2.25 M
(callgrind, seed page; 2.8 M when each container's text was joined on its own).

It gives exactly ``json.dumps(obj, ensure_ascii=False, indent=indent)`` (tested with
hypothesis against it): same separators (``","`` and ``": "``), empty containers as
``[]``/``{}``, floats as ``float.__repr__`` with ``NaN``/``Infinity``, ``True`` as
``true``. Anything outside ``dict`` (string keys), ``list``, ``tuple``, ``str``, ``int``,
``float``, ``bool`` and ``None`` (subclasses, other key types, reference cycles) is handed
to ``json.dumps`` itself, so its answers and errors are the standard ones.
"""
from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, Callable, Union

_INF = float("inf")
#: The standard encoder's string escaper for ``ensure_ascii=False`` (C when available).
_enc: Callable[[str], str] = encode_basestring


class _Unsupported(Exception):
    """A value the direct encoder leaves to ``json.dumps``."""


#: Raised by ``write`` and ``scalar`` for a value they leave to ``json.dumps`` (writers
#: of a known shape, ``model.Page.to_json``, then fall back to ``dumps`` of the plain values).
Unsupported = _Unsupported


#: Nesting depth past which the direct encoder hands the value to ``json.dumps`` (whose
#: answer for a cycle is its ``ValueError``). Compiled by mypyc, ``_write``'s recursion is
#: a C recursion without the interpreter's ``RecursionError``: a reference cycle crashed
#: the process (a page's JSON is five levels deep).
_MAX_DEPTH = 200


def _float(value: float) -> str:
    # json.encoder's floatstr with allow_nan=True
    if value != value:
        return "NaN"
    if value == _INF:
        return "Infinity"
    if value == -_INF:
        return "-Infinity"
    return float.__repr__(value)


def _scalar_text(o: Any) -> str:
    """A scalar's JSON text, as ``json.dumps`` writes it."""
    t = type(o)
    if t is str:
        return _enc(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if t is int:
        return int.__repr__(o)
    if t is float:
        return _float(o)
    raise _Unsupported


def _write(o: Any, nl: str, step: str, out: list[str], depth: int = 0) -> None:
    """Append the JSON text of ``o`` to ``out`` in pieces joined once at the end (joining
    each container's text would copy the deeper text again at every level). ``nl`` is a
    line break and the indent of ``o``'s depth, ``step`` one level of indent. Each piece
    opens with the separator before it; scalars inside containers are written in the
    container's loop, not through a call per value (most values are scalars: 432 of the
    seed page's 609)."""
    enc = _enc
    t = type(o)
    if depth > _MAX_DEPTH:
        raise _Unsupported
    if t is dict:
        if not o:
            out.append("{}")
            return
        inner = nl + step
        sep = "," + inner
        before = "{" + inner
        for k, v in o.items():
            if type(k) is not str:
                raise _Unsupported
            t = type(v)
            if t is str:
                out.append(before + enc(k) + ": " + enc(v))
            elif t is dict or t is list or t is tuple:
                out.append(before + enc(k) + ": ")
                _write(v, inner, step, out, depth + 1)
            elif v is None:
                out.append(before + enc(k) + ": null")
            else:
                out.append(before + enc(k) + ": " + _scalar_text(v))
            before = sep
        out.append(nl + "}")
        return
    if t is list or t is tuple:
        if not o:
            out.append("[]")
            return
        inner = nl + step
        sep = "," + inner
        before = "[" + inner
        for v in o:
            t = type(v)
            if t is str:
                out.append(before + enc(v))
            elif t is dict or t is list or t is tuple:
                out.append(before)
                _write(v, inner, step, out, depth + 1)
            elif t is int:
                out.append(before + int.__repr__(v))
            else:
                out.append(before + _scalar_text(v))
            before = sep
        out.append(nl + "]")
        return
    out.append(_scalar_text(o))


def write(o: Any, nl: str, step: str, out: list[str]) -> None:
    """Append the JSON text of ``o`` written at the indent ``nl`` (a line break and the
    indent of ``o``'s depth) to ``out``, as ``dumps`` writes it there; ``Unsupported``
    (or ``RecursionError``) for what only ``json.dumps`` writes."""
    _write(o, nl, step, out)


def scalar(o: Any) -> str:
    """The JSON text of a scalar (``str``, ``None``, ``bool``, ``int``, ``float``) as
    ``json.dumps`` writes it; ``Unsupported`` for anything else."""
    return _scalar_text(o)


def dumps(obj: Any, *, indent: Union[int, str, None] = 1) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=indent)``, faster when indented."""
    if indent is None:
        return json.dumps(obj, ensure_ascii=False)  # the C encoder already
    out: list[str] = []
    try:
        _write(obj, "\n", indent if isinstance(indent, str) else " " * indent, out)
        return "".join(out)
    except (_Unsupported, RecursionError):
        return json.dumps(obj, ensure_ascii=False, indent=indent)
