"""Building instances of frozen slot dataclasses without running their ``__init__``.

A frozen dataclass's ``__init__`` sets every field through ``object.__setattr__`` (the
class forbids plain assignment): an attribute lookup by name and a generic call per
field. Stages that make one small frozen object per line of a page (a line's shape, a
line paired with its shape) spend more on that than on what the object holds. The
slot descriptors' own setters store a value directly, in about a third of the time.

``slot_setters`` hands those setters out only when every field is a plain slot of the
class: a class compiled by mypyc keeps its attributes in its own native layout (and
builds itself cheaply already), so callers fall back to the class itself.
"""
from __future__ import annotations

from dataclasses import fields
from types import MemberDescriptorType
from typing import Any, Callable, Optional, Sequence


def slot_setters(cls: type, names: Sequence[str]) -> Optional[tuple[Callable[[Any, Any], None], ...]]:
    """The setters of the slots ``names`` of ``cls`` (in that order), or None when one of
    them is not a plain slot (a mypyc native class; a class without ``__slots__``) or
    ``names`` are not exactly the dataclass's fields (a builder setting them would leave
    a field added later unset): the caller then builds through the class itself."""
    if {f.name for f in fields(cls)} != set(names):
        return None
    found = []
    for name in names:
        descriptor = cls.__dict__.get(name)
        if not isinstance(descriptor, MemberDescriptorType):
            return None
        found.append(descriptor.__set__)
    return tuple(found)
