"""Building instances of frozen slot dataclasses without running their ``__init__``.

A frozen dataclass's ``__init__`` sets every field through ``object.__setattr__`` (the
class forbids plain assignment): an attribute lookup by name and a generic call per
field. Stages that make one small frozen object per line of a page (a line's shape, a
line paired with its shape) spend more on that than on what the object holds. The
slot descriptors' own setters store a value directly, in about a third of the time.

``slot_setters`` hands those setters out when every field is a plain slot of the class,
or a native attribute of a class compiled by mypyc (the optional compiled build). A
compiled frozen dataclass does *not* build itself cheaply: mypyc leaves the
dataclass-generated ``__init__`` interpreted, and it sets each field through
``object.__setattr__`` (measured: about 13,000 instructions for a nine-field ``Typed``,
more than the pure-Python class built through its slots). The native attribute's own
setter (a getset descriptor) stores the value directly, with the same type check the
``__init__`` path ends in. Objects are made with ``cls.__new__(cls)``: for a plain
class that is ``object.__new__``, and ``object.__new__`` refuses a native class.
"""
from __future__ import annotations

from dataclasses import fields
from types import GetSetDescriptorType, MemberDescriptorType
from typing import Any, Callable, Optional, Sequence


def slot_setters(cls: type, names: Sequence[str]) -> Optional[tuple[Callable[[Any, Any], None], ...]]:
    """The setters of the slots ``names`` of ``cls`` (in that order), or None when one of
    them is neither a plain slot nor a mypyc native attribute (a class without
    ``__slots__``, a property) or ``names`` are not exactly the dataclass's fields (a
    builder setting them would leave a field added later unset): the caller then builds
    through the class itself. Callers make the objects with ``cls.__new__(cls)``."""
    if {f.name for f in fields(cls)} != set(names):
        return None
    native = _is_native(cls)
    found = []
    for name in names:
        descriptor = cls.__dict__.get(name)
        if not (isinstance(descriptor, MemberDescriptorType)
                or (native and isinstance(descriptor, GetSetDescriptorType))):
            return None
        found.append(descriptor.__set__)
    return tuple(found)


def _is_native(cls: type) -> bool:
    """True for a class compiled by mypyc: its instances have no ``__dict__`` and no
    ``__slots__`` either, its attributes are getset descriptors of its own layout, and
    ``object.__new__`` refuses it (a C type with its own ``tp_new``)."""
    return ("__slots__" not in cls.__dict__ and "__dict__" not in cls.__dict__
            and cls.__new__ is not object.__new__)


def field_replacer(cls: type, name: str) -> Callable[[Sequence[Any], Sequence[Any]], list[Any]]:
    """``replace_all(items, values)``: ``[dataclasses.replace(x, name=v) ...]`` for many
    instances of ``cls`` at once, the new objects made and each slot filled by one ``map``
    over all of them (C-level loops calling the slot setters) instead of an ``__init__``
    per object. Exact only for a class whose ``__init__`` just stores its fields (no
    ``__post_init__``: the caller's class is checked for one). Falls back to ``replace``
    per object when the fields are not plain slots nor native attributes."""
    from dataclasses import replace

    names = tuple(f.name for f in fields(cls))
    setters = slot_setters(cls, names) if name in names and not hasattr(cls, "__post_init__") else None
    if setters is None:
        def plain(items: Sequence[Any], values: Sequence[Any]) -> list[Any]:
            return [replace(x, **{name: v}) for x, v in zip(items, values)]

        return plain
    from itertools import repeat
    from operator import attrgetter

    kept = [(setter, attrgetter(n)) for setter, n in zip(setters, names) if n != name]
    set_new = setters[names.index(name)]
    new: Any = cls.__new__

    def build(items: Sequence[Any], values: Sequence[Any]) -> list[Any]:
        out: list[Any] = list(map(new, repeat(cls, len(items))))
        for setter, get in kept:
            any(map(setter, out, map(get, items)))  # (setters return None: ``any`` runs them all)
        any(map(set_new, out, values))
        return out

    return build


def twin_fits(twin: type, cls: type, args: Sequence[Any]) -> bool:
    """Whether an object of ``twin`` (a mutable class with ``cls``'s slot layout and a
    plain ``__init__``) made from ``args`` becomes, by ``__class__`` assignment, exactly
    ``cls(*args)``: its type, equality, repr and every dataclass field (the caller passes
    distinct values, so a field the twin misplaces shows). False when the assignment is
    refused (a compiled class), the twin does not take ``args`` or leaves a slot unset
    (a field added to ``cls`` later): the caller then builds ``cls`` another way."""
    try:
        probe: Any = twin(*args)
        probe.__class__ = cls
        plain = cls(*args)
        return type(probe) is cls and probe == plain and repr(probe) == repr(plain) \
            and all(getattr(probe, f.name) == getattr(plain, f.name) for f in fields(cls))
    except (AttributeError, TypeError):
        return False
