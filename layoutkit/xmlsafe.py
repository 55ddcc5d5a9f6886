"""Parsing untrusted XML (ALTO, PAGE) safely, with one-line errors.

OCR XML comes from outside: a file may declare entities that expand exponentially
("billion laughs"), point external entities or DTDs at local files or URLs, or simply be
huge. We do not write our own defenses: parsing goes through ``defusedxml`` (a small,
pure-Python, well-kept wrapper around the standard library's expat parser, maintained by
a CPython core developer), which refuses entity declarations and external references
before anything is expanded or fetched. What we add on top is only what it leaves to the
caller: the byte limit (checked by ``api.read_input_bytes`` before parsing), a limit on
the number of elements (``ReadParams.max_xml_elements``), and translating every failure
into an ``InputError`` naming the file and the problem in one line.

DTDs themselves are allowed (a ``<!DOCTYPE alto ...>`` line is harmless); entity
declarations inside them are not. Nothing is ever loaded from the network or the disk.
"""
from __future__ import annotations

from typing import Iterator, Optional
from xml.etree.ElementTree import Element, ParseError

from .errors import InputError, LimitExceededError


def local_name(tag: object) -> str:
    """The tag without its namespace: ``{http://...alto/ns-v4#}TextBlock`` -> ``TextBlock``.

    ALTO v1-v4 and PAGE 2010-2019 differ in namespace only (and ALTO v1 often has none),
    so every reader matches local names: one code path for every version.
    """
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rsplit("}", 1)[-1]


def parse_xml(data: bytes, *, path: Optional[str], max_elements: int) -> Element:
    """The root element of ``data``; ``InputError`` for malformed or hostile XML."""
    try:
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import fromstring
    except ImportError:  # pragma: no cover - defusedxml is a core dependency
        raise InputError("reading XML needs the defusedxml package (pip install defusedxml)", path=path) from None
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"refused: the XML declares entities or external references ({type(exc).__name__}); "
                         "OCR XML never needs them", path=path) from None
    except ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        msg = str(exc).split(":")[0]
        raise InputError(f"malformed XML: {msg} at line {line}, column {col}", path=path) from None
    except RecursionError:
        raise LimitExceededError("XML nested too deeply", path=path) from None
    except (LookupError, UnicodeError, ValueError) as exc:
        # expat raises these for a declaration it cannot honour (``encoding="WTF-8"``)
        # and bytes that do not match it: malformed input, not a crash (fuzzer find).
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"malformed XML: {detail}", path=path) from None
    count = 0
    for _ in root.iter():
        count += 1
        if count > max_elements:
            raise LimitExceededError(f"more than {max_elements} XML elements", path=path)
    return root


def children(el: Element, name: str) -> Iterator[Element]:
    """Direct children of ``el`` with local name ``name``."""
    for c in el:
        if local_name(c.tag) == name:
            yield c


def child(el: Element, name: str) -> Optional[Element]:
    return next(children(el, name), None)


def descendants(el: Element, name: str) -> Iterator[Element]:
    """Every element below ``el`` (document order) with local name ``name``."""
    for c in el.iter():
        if c is not el and local_name(c.tag) == name:
            yield c


def number(value: Optional[str]) -> Optional[float]:
    """An XML number attribute; None when absent or not a finite number."""
    if value is None:
        return None
    try:
        out = float(value)  # (float() itself ignores surrounding whitespace)
    except ValueError:
        return None
    return out if out - out == 0 else None  # NaN and infinities fail: inf - inf is NaN
