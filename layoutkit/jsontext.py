"""Indented JSON text at a fraction of the cost of ``json.dumps(..., indent=N)``.

``json.dumps`` with an indent cannot use the standard library's C encoder: it falls back
to the pure-Python ``_iterencode`` generators, a chain of generator frames per value. A
page's JSON (indent 1, ~1,000 values on the seed page) took about three times as long
to encode as every typing stage together. ``dumps`` builds the same text by direct
recursion over the plain values a ``to_dict`` returns, each string escaped by the C
``encode_basestring`` the standard encoder uses itself, each container joined once.

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


def _value_text(o: Any, nl: str, step: str) -> str:
    """The JSON text of ``o`` whose first line is indented by ``nl`` (a line break and
    the indent of ``o``'s depth); ``step`` is one level of indent. Scalars inside
    containers are written in the container's loop, not through a call per value (most
    values are scalars: 432 of the seed page's 609)."""
    enc = _enc
    t = type(o)
    if t is dict:
        if not o:
            return "{}"
        inner = nl + step
        parts: list[str] = []
        for k, v in o.items():
            if type(k) is not str:
                raise _Unsupported
            t = type(v)
            if t is str:
                parts.append(enc(k) + ": " + enc(v))
            elif t is dict or t is list or t is tuple:
                parts.append(enc(k) + ": " + _value_text(v, inner, step))
            elif v is None:
                parts.append(enc(k) + ": null")
            else:
                parts.append(enc(k) + ": " + _scalar_text(v))
        return "{" + inner + ("," + inner).join(parts) + nl + "}"
    if t is list or t is tuple:
        if not o:
            return "[]"
        inner = nl + step
        items: list[str] = []
        for v in o:
            t = type(v)
            if t is str:
                items.append(enc(v))
            elif t is dict or t is list or t is tuple:
                items.append(_value_text(v, inner, step))
            elif t is int:
                items.append(int.__repr__(v))
            else:
                items.append(_scalar_text(v))
        return "[" + inner + ("," + inner).join(items) + nl + "]"
    return _scalar_text(o)


def dumps(obj: Any, *, indent: Union[int, str, None] = 1) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=indent)``, faster when indented."""
    if indent is None:
        return json.dumps(obj, ensure_ascii=False)  # the C encoder already
    try:
        return _value_text(obj, "\n", indent if isinstance(indent, str) else " " * indent)
    except (_Unsupported, RecursionError):
        return json.dumps(obj, ensure_ascii=False, indent=indent)
