"""Small helpers for reading namespaced XML with the standard library, leniently.

Ground-truth files come in several schema versions (PAGE 2010/2013/2019, ALTO v2-v4,
METS with or without prefixes), so elements are matched by local name (``{*}name``).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Union

from ...errors import InputError

XLINK = "{http://www.w3.org/1999/xlink}"


def parse_xml(path: Union[str, Path]) -> ET.Element:
    """The root element of ``path``; a clear ``InputError`` when it is missing or broken."""
    try:
        return ET.parse(str(path)).getroot()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except ET.ParseError as exc:
        raise InputError(f"not well-formed XML: {exc}", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None


def local(tag: str) -> str:
    """The local name of a (possibly namespaced) tag."""
    return tag.rsplit("}", 1)[-1]
