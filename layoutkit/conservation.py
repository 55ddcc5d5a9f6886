"""Character accounting: check that a page's output holds every input character once.

The contract (``docs/errors.md``): apart from whitespace, every character a reader
delivers appears in the output blocks exactly once, except the documented removals,
each of which is recorded in the reasons of the block it happened in:

* ``fake-bold-double: 'X' -> 'Y'``: text drawn twice to fake bold; the characters of X
  that are not in Y were removed;
* ``dehyphenation: join left+right (rule)`` and ``basic-dehyphenation: left+right``: one
  line-end hyphen (one of ``dehyphenate.HYPHENS``) was removed where a hyphenated word was
  joined; except the ``dropped-hyphen`` rule, which joins two pieces and removes nothing;
* ``justification-spaces: removed N``: spaces only (whitespace is not accounted);
* ``marked-dehyphenation: 'n'a-' + 'vait' -> "n'avait"``: the input itself marked a
  hyphenated word and gave its full form (ALTO ``SUBS_CONTENT``); the two printed parts
  were replaced by that word (``marked_hyphens``);
* ``modernized: 'ſ' -> 's' xN`` (only with ``OrthographyParams(modernize=True)``): N
  historical letterforms were replaced by their modern form (``orthography``).

``account`` compares two multisets of characters (input and output, whitespace excluded)
and says what is missing, what is invented or duplicated, and whether the recorded
removals explain exactly what is missing. It is used by the property tests and the
fuzzer, and users can run it on their own outputs to audit a conversion.
"""
from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from .model import Page
from .marked_hyphens import PREFIX as MARKED
from .orthography import parse_reason as parse_modernized
from .reflow import HYPHENS

FAKE_BOLD = "fake-bold-double: "
#: Reasons that record one removed line-end hyphen each.
DEHYPHENATION = ("basic-dehyphenation: ", "dehyphenation: join ")
#: ... except this rule, which joins pieces whose hyphen the input had already lost.
NO_HYPHEN_REMOVED = "(dropped-hyphen"


def countable(text: str) -> Counter[str]:
    """The characters of ``text`` that the contract accounts for: all but whitespace."""
    return Counter(ch for ch in text if not ch.isspace())


def _split_pair(text: str, sep: str, left: Callable[[str], object] = ast.literal_eval) -> tuple[str, str] | None:
    """``text`` = ``X`` + ``sep`` + ``Y`` with ``left(X)`` and ``Y`` (a Python string literal)
    both strings, as ``(left(X), Y)``; None when no split point gives that.

    A literal cannot end inside another one, so the first split point at which both
    sides parse as strings is the right one.
    """
    start = 0
    while (k := text.find(sep, start)) >= 0:
        try:
            a, b = left(text[:k]), ast.literal_eval(text[k + len(sep):])
        except (ValueError, SyntaxError):
            a = b = None
        if isinstance(a, str) and isinstance(b, str):
            return a, b
        start = k + 1
    return None


def _joined_parts(text: str) -> str:
    """``'A' + 'B'`` (two string literals) as ``A + B``; ValueError when it is not that."""
    parts = _split_pair(text, " + ")
    if parts is None:
        raise ValueError(text)
    return parts[0] + parts[1]


@dataclass(frozen=True)
class Accounting:
    """The result of ``account``: ``ok`` when every character is where the contract says."""

    #: Input characters not in the output (with counts), whether explained or not.
    missing: dict[str, int]
    #: Output characters not in the input, or more often than in the input.
    invented: dict[str, int]
    #: Characters removals recorded in reasons account for (fake-bold, dehyphenation).
    recorded: dict[str, int]
    #: Missing characters no recorded removal explains.
    unexplained: dict[str, int]
    #: Recorded removals for which no character is missing.
    overclaimed: dict[str, int]

    @property
    def ok(self) -> bool:
        return not (self.invented or self.unexplained or self.overclaimed)

    def describe(self) -> str:
        parts = []
        for name in ("invented", "unexplained", "overclaimed"):
            value = getattr(self, name)
            if value:
                parts.append(f"{name}: {dict(sorted(value.items()))!r}")
        return "; ".join(parts) or "ok"


def account(source_texts: Iterable[str], page: Page) -> Accounting:
    """Account for the characters of ``source_texts`` (a reader's line texts, NFC) in
    ``page``'s blocks. Derived fields (article headline, bylines) are copies and are not
    counted; every block is."""
    want = Counter[str]()
    for text in source_texts:
        want.update(countable(text))
    got = Counter[str]()
    # A paragraph split into several blocks (``folio-split``) hands its reasons to each of
    # them: per source line span a removal counts as often as one block records it (the
    # max over the span's blocks), while two equal removals in one block count twice.
    spans: dict[tuple[int, tuple[int, int]], Counter[str]] = {}
    for block in page.iter_blocks():
        got.update(countable(block.text))
        key = (block.page, block.lines)
        spans[key] = spans.get(key, Counter()) | Counter(block.reasons)
    fake_bold = Counter[str]()
    hyphens = 0
    # Substitutions (modernized letterforms, marked hyphenated words): the output holds
    # the new form where the input had the old, so the output's count is taken back to
    # the input's forms before comparing.
    subst_old, subst_new = Counter[str](), Counter[str]()
    for reasons in spans.values():
        for reason, times in reasons.items():
            substitution = parse_modernized(reason)
            if substitution is None and reason.startswith(MARKED):
                marked = _split_pair(reason[len(MARKED):], " -> ", left=_joined_parts)
                substitution = (marked[0], marked[1], 1) if marked else None
            if substitution is not None:
                old, new, n = substitution
                for _ in range(times * n):
                    subst_old.update(countable(old))
                    subst_new.update(countable(new))
            elif reason.startswith(FAKE_BOLD):
                pair = _split_pair(reason[len(FAKE_BOLD):], " -> ")
                if pair is not None:
                    for _ in range(times):
                        fake_bold.update(countable(pair[0]) - countable(pair[1]))
            elif reason.startswith(DEHYPHENATION) and NO_HYPHEN_REMOVED not in reason:
                hyphens += times
    short_new = subst_new - got  # recorded modern forms the output does not hold
    got = (got - subst_new) + subst_old
    missing = want - got
    invented = got - want
    rest = missing - fake_bold
    overclaimed = fake_bold - missing
    overclaimed.update({f"<substituted {ch}>": n for ch, n in short_new.items()})
    # Dehyphenation records one hyphen per join; which of HYPHENS it was is in the text.
    rest_hyphens = sum(n for ch, n in rest.items() if ch in HYPHENS)
    unexplained = Counter({ch: n for ch, n in rest.items() if ch not in HYPHENS})
    if rest_hyphens > hyphens:
        unexplained["<hyphens>"] = rest_hyphens - hyphens
    elif hyphens > rest_hyphens:
        overclaimed["<hyphens>"] = hyphens - rest_hyphens
    recorded = fake_bold + Counter({"<hyphens>": hyphens} if hyphens else {})
    return Accounting(missing=dict(missing), invented=dict(invented), recorded=dict(recorded),
                      unexplained=dict(unexplained), overclaimed=dict(overclaimed))
