"""Language profiles: the patterns that recognise bylines, datelines, credits, page headers
and jump lines, kept as YAML data (``layoutkit/profiles/*.yaml``) rather than code.

A profile may ``inherit`` another; lists of patterns are appended to the parent's, scalar
keys replace the parent's. Files are read with ``yaml.safe_load`` and validated: an unknown
key, a wrong type or a regex that does not compile raises ``ProfileError`` naming the file
and the key. Patterns use the ``regex`` module (Unicode properties such as ``\\p{Han}``).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Optional, Union

import regex
import yaml

from .errors import ProfileError
from .measure import forget_with_shapes

#: Keys whose value is a list of regexes, and what each recognises.
PATTERN_KEYS: dict[str, str] = {
    "byline": "a whole line that credits an author (may capture role and name)",
    "author_note": "an author note closing an article, e.g. （作者为…）",
    "credit": "a photo or graphic credit line",
    "dateline": "a dateline opening an article's first paragraph (matched at its start)",
    "header": "a page header line: date, folio, running head, page name",
    "footer": "a page footer line",
    "jump": "a jump line: Continued on Page 4, Fortsetzung auf Seite 2",
    "deck": "a subheadline below the headline (deck), e.g. a line opening with ——",
    "heading": "a heading that may end with a period (Nichtamtliches., Deutsches Reich.)",
    "caption": "a line that opens a photo caption (Photo:, 图为…)",
    "byline_role": "a role word inside a byline (本报记者, 通讯员, By): splits it into (role, name) pairs",
    "continuation_start": "text that cannot open a paragraph (a particle, a closing mark, a lowercase word)",
}
SCALAR_KEYS: dict[str, type] = {
    "name": str,
    "inherits": str,
    "description": str,
    "terminal_punctuation": str,
    "byline_name_max_chars": int,
    "byline_name_min_chars": int,
    "secondary_title_role": str,
    "text_box": str,
}
LIST_STR_KEYS: dict[str, str] = {
    "languages": "ISO 639-1 codes this profile is for",
    "stopwords": "common words used by language detection",
}
#: What a blank-line-delimited box of Latin text is (key ``text_box``): a layout
#: ``region`` that may hold several paragraphs, found inside it from line widths, or one
#: ``block`` as the OCR engine cut it (the convention of the BnF and KB ground truth).
TEXT_BOX_KINDS = ("region", "block")
ALL_KEYS = set(PATTERN_KEYS) | set(SCALAR_KEYS) | set(LIST_STR_KEYS)

BUILTIN = ("default", "zh", "latin", "en", "de", "fr", "nl")


@dataclass(frozen=True)
class Profile:
    name: str
    languages: tuple[str, ...]
    terminal_punctuation: str
    byline_name_min_chars: int
    byline_name_max_chars: int
    #: Role of a title line in a cluster that is not the headline and carries no deck
    #: marker: "kicker" (Chinese 引题 convention) or "deck" (Western convention).
    secondary_title_role: str
    byline: tuple[regex.Pattern, ...]
    author_note: tuple[regex.Pattern, ...]
    credit: tuple[regex.Pattern, ...]
    dateline: tuple[regex.Pattern, ...]
    header: tuple[regex.Pattern, ...]
    footer: tuple[regex.Pattern, ...]
    jump: tuple[regex.Pattern, ...]
    deck: tuple[regex.Pattern, ...]
    heading: tuple[regex.Pattern, ...]
    caption: tuple[regex.Pattern, ...]
    byline_role: tuple[regex.Pattern, ...]
    continuation_start: tuple[regex.Pattern, ...]
    stopwords: frozenset[str]
    #: A Latin text box between blank lines is a "region" (paragraphs found inside it)
    #: or one "block" (``TEXT_BOX_KINDS``).
    text_box: str = "region"
    #: Derived from the patterns in ``__post_init__``: declared as fields that take no
    #: argument and play no part in equality, hashing or ``repr`` (so a compiled build
    #: can hold them: a mypyc class has no attributes beyond its declared ones).
    _any: dict[str, Optional[regex.Pattern]] = field(init=False, compare=False, repr=False)
    #: ``match``'s answers, one table per key: text -> first match or None (a table per
    #: key is looked up by the text alone, without building and hashing a (key, text) pair).
    _memo: dict[str, dict[str, Optional[regex.Match]]] = field(init=False, compare=False, repr=False)
    #: ``none_match``'s alternations by ``+``-joined keys: (anchored patterns, the rest),
    #: and how often each set of keys was asked before its alternations were built.
    _unions: dict[str, tuple[Optional[regex.Pattern], Optional[regex.Pattern]]] = field(
        init=False, compare=False, repr=False)
    _asked: dict[str, int] = field(init=False, compare=False, repr=False)
    #: ``hits``' answers by ``+``-joined keys: text -> the keys that match.
    _hits: dict[str, dict[str, frozenset[str]]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_any", {key: _alternation(getattr(self, key)) for key in PATTERN_KEYS})
        object.__setattr__(self, "_memo", {})
        object.__setattr__(self, "_unions", {})
        object.__setattr__(self, "_asked", {})
        object.__setattr__(self, "_hits", {})

    def __reduce__(self) -> tuple[Any, ...]:
        """A copied or pickled profile is built again from its fields, so it starts with
        an empty memo (match objects need not be picklable) and its own alternations."""
        return (Profile, tuple(getattr(self, f.name) for f in fields(self) if f.init))

    def match(self, key: str, text: str) -> Optional[regex.Match]:
        """The first pattern of ``key`` that matches ``text`` (``fullmatch`` semantics are
        up to each pattern's own anchors), or None.

        Most texts match none of a key's patterns: one search of their alternation says
        so (``_alternation``) before the patterns are tried one by one for the first
        match. Stages ask about the same paragraph several times; answers are memoized
        (one table per key, bounded: a table is emptied when it fills)."""
        memo = self._memo.get(key)
        if memo is None:
            if key not in PATTERN_KEYS:
                raise KeyError(key)
            memo = self._memo[key] = {}
        found = memo.get(text, _UNSEEN)
        if found is not _UNSEEN:
            return found  # type: ignore[return-value]
        patterns: tuple[regex.Pattern, ...] = getattr(self, key)
        if not patterns:
            return None  # a key without patterns (``en`` has no deck or caption patterns)
        found = None
        alternation = self._any[key]
        if alternation is None or alternation.search(text):
            for pat in patterns:
                m = pat.search(text)
                if m:
                    found = m
                    break
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[text] = found
        return found

    def hits(self, keys: str, text: str) -> frozenset[str]:
        """The keys among the ``+``-joined ``keys`` that have a pattern matching ``text``
        (those whose ``match(key, text)`` is not None).

        A stage whose rules ask several keys about one text (typing asks up to nine
        about a short paragraph) asks this once and tests membership: one memoized
        call per text instead of one per key. A text is first asked ``none_match`` (one
        search of all the keys' patterns); only when something matches are the keys
        asked one by one."""
        memo = self._hits.get(keys)
        if memo is None:
            memo = self._hits[keys] = {}
        found = memo.get(text)
        if found is not None:
            return found
        if self._none(keys, text):
            found = _NO_HITS
        else:
            found = frozenset([key for key in keys.split("+") if self.match(key, text) is not None])
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[text] = found
        return found

    def none_match(self, keys: str, text: str) -> bool:
        """True when no pattern of the ``+``-joined ``keys`` (``"byline+credit"``)
        matches ``text``, so ``match(key, text)`` is None for each of them.

        A stage that asks several keys about one text (typing asks up to nine about a
        short paragraph) asks this first: one search of all their patterns as one
        alternation (``_union``) instead of one per key. The alternation is built once a
        profile has been asked about these keys ``UNION_AFTER`` times (compiling it costs
        as much as a few thousand questions: a small page answers key by key). A "none"
        answer is memoized in ``hits``' table (as no hits), so ``hits`` and ``none_match``
        share it."""
        memo = self._hits.get(keys)
        if memo is None:
            memo = self._hits[keys] = {}
        found = memo.get(text)
        if found is not None:
            return not found
        if self._none(keys, text):
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[text] = _NO_HITS
            return True
        return False

    def _none(self, keys: str, text: str) -> bool:
        """``none_match`` without its memo."""
        union = self._unions.get(keys)
        if union is None:
            asked = self._asked.get(keys, 0) + 1
            self._asked[keys] = asked
            if asked < UNION_AFTER:
                return all(self.match(key, text) is None for key in keys.split("+"))
            union = self._unions[keys] = self._union(keys)
        # the patterns anchored at the text's start are tried there only (``match``); a
        # search would try them, and fail, at every later position too
        anchored, floating = union
        return (anchored is None or anchored.match(text) is None) and \
            (floating is None or floating.search(text) is None)

    def _union(self, keys: str) -> tuple[Optional[regex.Pattern], Optional[regex.Pattern]]:
        """The alternations of the anchored patterns of the ``+``-joined ``keys``
        (``_anchored``) and of their other patterns (None: no such pattern). When some
        pattern cannot be a branch (``_alternation``), the other part is ``_ALWAYS``, which
        matches every text: ``none_match`` then always says False (asking key by key)."""
        patterns: list[regex.Pattern] = []
        for key in keys.split("+"):
            if key not in PATTERN_KEYS:
                raise KeyError(key)
            patterns.extend(getattr(self, key))
        anchored = tuple(p for p in patterns if _anchored(p.pattern))
        floating = tuple(p for p in patterns if not _anchored(p.pattern))
        parts = (_anchored_alternation(anchored) if anchored else None,
                 _alternation(floating, single=True) if floating else None)
        if (anchored and parts[0] is None) or (floating and parts[1] is None):
            return None, _ALWAYS
        return parts


#: ``Profile.none_match`` builds a set of keys' alternations after this many questions.
UNION_AFTER = 1000
#: A pattern that matches every text (at its start).
_ALWAYS = regex.compile("")
_UNSEEN = object()
#: ``Profile.hits``' answer when no key matches.
_NO_HITS: frozenset[str] = frozenset()
#: Most texts a profile keeps answers for, per key (``match``) or set of keys (``hits``).
#: A seed-size page asks several hundred questions; a scanned newspaper page with an OCR
#: layer (~5,000 lines) asks ~20,000 about ~5,000 texts, the same text again from reflow,
#: typing and assembly: 2,048 (then for all keys together) made the memo empty itself
#: several times a page before the repeats came.
_MEMO_SIZE = 8192
#: Constructs whose meaning changes when a pattern becomes one branch of an alternation:
#: global inline flags (``(?i)`` would apply to every branch), numbered and named
#: backreferences and conditionals (group numbers shift), branch reset.
_NOT_COMBINABLE = regex.compile(r"\\[1-9]|\(\?[a-zA-Z]+\)|\(\?P=|\\g<|\(\?\(|\(\?\||\(\?[a-zA-Z]*V[01]")


def _anchored(pattern: str) -> bool:
    """Is ``pattern`` anchored at the text's start: it opens with ``^`` (no MULTILINE: the
    profile's patterns carry no global flags, ``_NOT_COMBINABLE``) and has no ``|`` outside
    parentheses and character sets, so every match starts at position 0 and ``search``
    and ``match`` find the same. Unsure readings say False (then it is searched)."""
    if not pattern.startswith("^"):
        return False
    depth = 0
    in_set = False
    i = 1
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_set:
            if c == "]":
                in_set = False
        elif c == "[":
            in_set = True
            # a ``]`` right after ``[`` or ``[^`` is a member, not the set's end
            if pattern.startswith("^]", i + 1):
                i += 2
            elif pattern.startswith("]", i + 1):
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
        elif c == "|" and depth == 0:
            return False
        i += 1
    return depth == 0 and not in_set


def _alternation(patterns: tuple[regex.Pattern, ...], single: bool = False) -> Optional[regex.Pattern]:
    """One pattern that matches somewhere in a text exactly when one of ``patterns`` does
    (each pattern one branch), or None when there are fewer than two patterns (unless
    ``single``: then one pattern is its own alternation) or one of them holds a construct
    that could change meaning in an alternation."""
    if len(patterns) < (1 if single else 2) or not _combinable(patterns):
        return None
    try:
        return regex.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    except regex.error:
        return None


def _combinable(patterns: tuple[regex.Pattern, ...]) -> bool:
    """Can each of ``patterns`` be one branch of an alternation without its meaning
    changing (no flags of its own, none of ``_NOT_COMBINABLE``'s constructs)?"""
    return not (any(p.flags & ~(regex.UNICODE | regex.VERSION0) for p in patterns)
                or any(_NOT_COMBINABLE.search(p.pattern) for p in patterns))


def _anchored_alternation(patterns: tuple[regex.Pattern, ...]) -> Optional[regex.Pattern]:
    """``_alternation`` of patterns anchored at the text's start (``_anchored``), for a
    yes-or-no ``match``, with their common openings factored out (``anchored-union-prefix``):
    the ``^`` of every branch, and the ``\\s*`` most profile patterns open with next, are
    written once before the branches that share them. A match at position 0 exists
    exactly when one does for some branch (the branches' own groups and flags unchanged),
    and the engine reads the leading spaces once instead of once per branch (a scan asks
    about thousands of texts a page). Only where and whether it matches is the same as the
    plain alternation: ``_none`` asks only whether."""
    if not patterns or not _combinable(patterns):
        return None
    spaced: list[str] = []
    other: list[str] = []
    for p in patterns:
        rest = p.pattern[1:]  # (every pattern opens with ``^``: ``_anchored``)
        if rest.startswith(_LEADING_SPACES) and rest[len(_LEADING_SPACES):][:1] not in _QUANTIFIER_MARKS:
            spaced.append(f"(?:{rest[len(_LEADING_SPACES):]})")
        else:
            other.append(f"(?:{rest})")
    branches = ([f"{_LEADING_SPACES}(?:{'|'.join(spaced)})"] if spaced else []) + other
    try:
        return regex.compile(f"^(?:{'|'.join(branches)})")
    except regex.error:
        return _alternation(patterns, single=True)


#: The opening of most anchored profile patterns after ``^``: any spaces.
_LEADING_SPACES = r"\s*"
#: What may follow ``\s*`` to change its meaning (``\s*?``, ``\s*+``, ``\s*{``): such a
#: pattern keeps its opening in its own branch. ("" is the empty rest.)
_QUANTIFIER_MARKS = ("?", "+", "{")


def _load_yaml(source: str, origin: str, *, check_patterns: bool = True,
               loader: Any = yaml.SafeLoader) -> dict[str, Any]:
    """The validated mapping of one profile file. ``check_patterns=False`` skips compiling
    every regex (``_check_patterns``: the built-in files are parsed once and checked only
    when a profile is built from them)."""
    try:
        data = yaml.load(source, Loader=loader)
    except yaml.YAMLError as exc:
        raise ProfileError(f"not valid YAML: {str(exc).splitlines()[0]}", path=origin) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProfileError("a profile must be a mapping of keys to values", path=origin)
    for key in data:
        if key not in ALL_KEYS:
            raise ProfileError(f"unknown key {key!r} (known: {', '.join(sorted(ALL_KEYS))})", path=origin)
    for key, typ in SCALAR_KEYS.items():
        if key in data and not isinstance(data[key], typ):
            raise ProfileError(f"key {key!r} must be a {typ.__name__}", path=origin)
    if data.get("secondary_title_role", "deck") not in ("kicker", "deck"):
        raise ProfileError("key 'secondary_title_role' must be 'kicker' or 'deck'", path=origin)
    if data.get("text_box", "region") not in TEXT_BOX_KINDS:
        raise ProfileError("key 'text_box' must be 'region' or 'block'", path=origin)
    for key in list(PATTERN_KEYS) + list(LIST_STR_KEYS):
        if key in data:
            value = data[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ProfileError(f"key {key!r} must be a list of strings", path=origin)
    if check_patterns:
        _check_patterns(data, origin)
    return data


def _check_patterns(data: dict[str, Any], origin: str) -> None:
    """Raise ``ProfileError`` naming the key and item of the first pattern of ``data``
    that does not compile."""
    for key in PATTERN_KEYS:
        for i, pat in enumerate(data.get(key, [])):
            try:
                regex.compile(pat)
            except regex.error as exc:
                raise ProfileError(f"key {key!r} item {i + 1}: bad regex {pat!r}: {exc}", path=origin) from None


def _builtin_source(name: str) -> str:
    return resources.files("layoutkit.profiles").joinpath(f"{name}.yaml").read_text(encoding="utf-8")


#: libyaml's parser when PyYAML was built with it (same mappings for the built-in files,
#: ~10x faster than the pure-Python one); user files keep ``SafeLoader`` and its messages.
_BUILTIN_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def _builtin_data(name: str, check_patterns: bool) -> dict[str, Any]:
    """One built-in file's validated mapping (not resolved), parsed once per process: a
    profile's parents were parsed again for every child and every detection. With
    ``check_patterns`` its regexes are also checked (once: the parse is shared with the
    unchecked reading language detection makes). Callers never mutate it (``_merge``
    copies)."""
    if not check_patterns:
        return _load_yaml(_builtin_source(name), f"<builtin {name}>", check_patterns=False,
                          loader=_BUILTIN_LOADER)
    data = _builtin_data(name, False)
    _check_patterns(data, f"<builtin {name}>")
    return data


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(parent)
    for key, value in child.items():
        if key in PATTERN_KEYS or key in LIST_STR_KEYS:
            out[key] = list(parent.get(key, [])) + list(value)
        else:
            out[key] = value
    return out


def _resolve(data: dict[str, Any], origin: str, depth: int = 0, check_patterns: bool = True) -> dict[str, Any]:
    parent_name = data.get("inherits")
    if not parent_name:
        return data
    if depth > 5:
        raise ProfileError("'inherits' chain is too deep (a cycle?)", path=origin)
    if parent_name not in BUILTIN:
        raise ProfileError(f"key 'inherits': unknown profile {parent_name!r} (built-in: {', '.join(BUILTIN)})",
                           path=origin)
    parent = _resolve(_builtin_data(parent_name, check_patterns), parent_name, depth + 1, check_patterns)
    return _merge(parent, data)


def _stopwords(data: dict[str, Any]) -> frozenset[str]:
    """A profile's stopwords as language detection compares them (lowercase)."""
    return frozenset(w.lower() for w in data.get("stopwords", []))


def _build(data: dict[str, Any], fallback_name: str) -> Profile:
    compiled = {key: tuple(regex.compile(p) for p in data.get(key, [])) for key in PATTERN_KEYS}
    return Profile(
        name=data.get("name", fallback_name),
        languages=tuple(data.get("languages", [])),
        terminal_punctuation=data.get("terminal_punctuation", ".!?。！？…"),
        byline_name_min_chars=data.get("byline_name_min_chars", 2),
        byline_name_max_chars=data.get("byline_name_max_chars", 4),
        secondary_title_role=data.get("secondary_title_role", "deck"),
        text_box=data.get("text_box", "region"),
        stopwords=_stopwords(data),
        **compiled,
    )


def _require_builtin(name: str) -> None:
    if name not in BUILTIN:
        raise ProfileError(f"unknown profile {name!r} (built-in: {', '.join(BUILTIN)}; or give a .yaml file)")


@lru_cache(maxsize=32)
def builtin_profile(name: str) -> Profile:
    _require_builtin(name)
    data = _resolve(_builtin_data(name, True), name)
    profile = _build(data, name)
    _BUILT.append(profile)
    return profile


#: The built-in profiles made so far (one each: ``builtin_profile`` is cached), whose text
#: memos ``_forget_memos`` empties.
_BUILT: list[Profile] = []


def _forget_memos() -> None:
    """Empty the built-in profiles' answers by text (``match``, ``hits``). Benchmarks
    repeat one page; with the answers kept, every question after the first run is a memo
    hit that a stream of different pages never gets (``measure.clear_shape_cache``)."""
    for profile in _BUILT:
        profile._memo.clear()
        profile._hits.clear()


forget_with_shapes(_forget_memos)


@lru_cache(maxsize=32)
def builtin_words(name: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """``(languages, stopwords)`` of a built-in profile, as ``builtin_profile(name)`` has
    them, without building the profile: language detection scores the page against every
    built-in profile's stopwords, and building all of them (compiling their patterns and
    alternations) was ~0.2 s of a process's first page."""
    _require_builtin(name)
    data = _resolve(_builtin_data(name, False), name, check_patterns=False)
    return tuple(data.get("languages", [])), _stopwords(data)


def load_profile(spec: Union[str, Path, Profile, None]) -> Optional[Profile]:
    """A profile from a built-in name, a YAML file path or an existing ``Profile``.

    ``None`` means "detect from the text" and is returned as None.
    """
    if spec is None or isinstance(spec, Profile):
        return spec
    text_spec = str(spec)
    if text_spec in BUILTIN:
        return builtin_profile(text_spec)
    path = Path(text_spec)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        try:
            source = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ProfileError(f"cannot read profile: {exc.strerror}", path=str(path)) from None
        data = _resolve(_load_yaml(source, str(path)), str(path))
        return _build(data, path.stem)
    raise ProfileError(f"unknown profile {text_spec!r} (built-in: {', '.join(BUILTIN)}; or give a .yaml file)")
