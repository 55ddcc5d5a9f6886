"""Character alignment: which output character each ground-truth character became.

Both pages are flattened into one string of squeezed characters (``normalize.squeeze``), and
each character remembers the block it belongs to. Every gold character is then looked up in
the output by the n-gram around it:

* the gram is the ``GRAM`` characters starting at the character (shifted left near the end
  of its block, so every gram lies inside the gold block); a block shorter than ``GRAM``
  uses itself whole;
* if the long gram occurs nowhere, a ``SHORT_GRAM`` is tried, but only at output positions
  within ``NEAR`` characters of where the previous character of the block landed: short
  grams are common, so they may only extend a run that is already anchored;
* among the occurrences, the free output position (each output character is matched at
  most once) closest to "right after the previous match" wins, the earlier one on a tie;
  the first character of a block takes the first free occurrence;
* a character whose grams do occur, but only at positions already taken, stays unmatched.

The result does not depend on how either side split or ordered its blocks, only on the
text, which is what lets one alignment serve all metrics.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional, Sequence

from .normalize import squeeze
from .pages import EvalPage

#: Length of the n-gram that locates a character.
GRAM = 8
#: Length of the fallback n-gram, used only next to the previous match.
SHORT_GRAM = 4
#: How far (in characters) a fallback match may land from the previous match.
NEAR = 32


@dataclass
class CharStream:
    """The squeezed characters of a page and, for each, the index of its block.

    ``starts[b]`` is the offset of block ``b``'s first character (blocks with no characters
    occupy no positions). Occurrence tables of n-grams are built lazily per gram length.
    """

    page: EvalPage
    text: str = ""
    owner: list[int] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    _grams: dict[int, dict[str, list[int]]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, page: EvalPage) -> "CharStream":
        stream = cls(page)
        offset = 0
        for index, block in enumerate(page.blocks):
            piece = squeeze(block.text)
            stream.pieces.append(piece)
            stream.starts.append(offset)
            stream.owner.extend([index] * len(piece))
            offset += len(piece)
        stream.text = "".join(stream.pieces)
        return stream

    def grams(self, size: int) -> dict[str, list[int]]:
        """For every ``size``-gram of the text, the offsets where it starts, ascending."""
        table = self._grams.get(size)
        if table is None:
            table = defaultdict(list)
            text = self.text
            for i in range(len(text) - size + 1):
                table[text[i:i + size]].append(i)
            self._grams[size] = table
        return table

    def occurrences(self, gram: str) -> list[int]:
        """Every offset at which ``gram`` starts, ascending."""
        return self.grams(len(gram)).get(gram, [])


def _closest_free(starts: Sequence[int], shift: int, target: Optional[int], taken: set[int],
                  window: Optional[int]) -> tuple[bool, Optional[int]]:
    """Among ``p + shift`` for ``p`` in ``starts`` (ascending), the free one closest to
    ``target`` (earlier wins ties; the first free one when there is no target).

    Returns (any candidate existed within the window, chosen position or None)."""
    if target is None:
        for p in starts:
            if p + shift not in taken:
                return True, p + shift
        return bool(starts), None
    # Walk outwards from the target, left side first at equal distance.
    right = bisect_left(starts, target - shift)
    left = right - 1
    seen = False
    while True:
        dl = target - (starts[left] + shift) if left >= 0 else None
        dr = (starts[right] + shift) - target if right < len(starts) else None
        if window is not None:
            dl = dl if dl is not None and dl <= window else None
            dr = dr if dr is not None and dr <= window else None
        if dl is None and dr is None:
            return seen, None
        seen = True
        if dr is None or (dl is not None and dl <= dr):
            pos = starts[left] + shift
            left -= 1
        else:
            pos = starts[right] + shift
            right += 1
        if pos not in taken:
            return True, pos


def align(gold: CharStream, pred: CharStream) -> list[int]:
    """For each gold character, the output offset it matched, or -1."""
    match = [-1] * len(gold.text)
    taken: set[int] = set()
    for index, piece in enumerate(gold.pieces):
        base = gold.starts[index]
        length = len(piece)
        long_size = min(GRAM, length)
        short_size = min(long_size, SHORT_GRAM)
        long_grams = pred.grams(long_size) if length else {}
        short_grams = pred.grams(short_size) if short_size < long_size else {}
        previous: Optional[int] = None
        for i in range(length):
            target = None if previous is None else previous + 1
            # The gram containing character i, shifted left to stay inside the block.
            start = i if i <= length - long_size else length - long_size
            found, pos = _closest_free(long_grams.get(piece[start:start + long_size], ()), i - start,
                                       target, taken, None)
            if not found and short_grams:
                start = i if i <= length - short_size else length - short_size
                found, pos = _closest_free(short_grams.get(piece[start:start + short_size], ()), i - start,
                                           target, taken, NEAR if previous is not None else None)
            if pos is not None:
                match[base + i] = pos
                taken.add(pos)
                previous = pos
    return match

