"""Chain order: where the boxes of a page go once their paragraphs are linked.

``reflow`` links boxes into chains (box i's last paragraph continues in box j's first).
Most links join a box to the next body box of the stream; a *jump* joins it to a box
elsewhere: the extractor (pdfminer emits text boxes roughly top to bottom across the
columns of the whole page) left the stream before the paragraph ended and came back to
its continuation earlier or later. A jump says more than "these two boxes touch": the
text that follows the continuation in the stream follows it on the page too, so the
whole stretch of the stream from the continuation on belongs after the jump's tail::

    stream:  [P1: a b c] [P2: d e f>] [P3: g h i>]       f> runs on into a, i> into d
    order:   [P3: g h i] [P2: d e f] [P1: a b c]

Rules (each named where it decides; see ``emission_order``):

* ``confident-jump``: only jumps from a box of two or more lines into a box that opens
  with a continuation line reorder the stream (``jumps``);

* ``stream-segments``: the stream is cut before every jump's head and after every jump's
  tail, and around every title cluster (two or more title boxes in a row: a headline with
  its kicker or byline, page headers): a cluster starts or ends an article, so stream
  order across it says nothing about the flow of one article's text;
* ``segment-chains``: a segment that ends in a jump's tail is followed by the segment
  that starts with the jump's head; chains of segments are placed at the stream
  position of their earliest segment (the top of an article's first column is where the
  extractor meets the article first);
* ``cycle-after-note``: a stretch that runs on into its own start but holds an author
  note is cut right after the note (an author note closes its article: what follows it in
  the stretch is the article's beginning, emitted late);
* ``cycle-lead-column``: otherwise such a stretch is cut before its last two paragraphs
  (the article's first column, emitted late because it starts lower; see ``_lead_cut``);
* ``segment-cycle``: jumps that would make the segments a cycle (a continuation that
  goes back to the start of its own stretch of the stream: the extractor emitted a
  later column of an article before its first one, and the text gives no sign where the
  first one starts) are left out of the segment order; their boxes still join, at the
  continuation's position.

Inside the final order each box chain is emitted at the position of its earliest box,
as before: with jumps resolved by the segment order, that puts every link's boxes next
to each other (title boxes between a tail and the next body box move after the chain).
"""
from __future__ import annotations

from typing import Optional, Sequence

from .continuation import Box, next_body


def jumps(boxes: Sequence[Box]) -> list[tuple[int, int]]:
    """Links whose head is not the next body box after their tail, as (tail, head),
    when they are sure enough to move text (``confident-jump``): the tail box has two or
    more lines (a lone line that runs on may be a title that only looks like text) and
    the head box opens with a continuation line, not a possible paragraph start (a lone
    line that ends its paragraph may be either). Other
    links still join their boxes; they just bring no stretch of stream along."""
    out = []
    for i, bx in enumerate(boxes):
        j = bx.next
        if j is None or next_body(boxes, i, j):
            continue
        tail_lines = sum(len(p.lines) for p in bx.paras)
        head = boxes[j].paras[0] if boxes[j].paras else None
        # a lone line that ends its paragraph is short because it ends it: its width
        # says nothing about an indent (``ambiguous-one-line-head``)
        if tail_lines >= 2 and head is not None and (
                not head.starts_fresh or (len(head.lines) == 1 and not head.runs_on)):
            out.append((i, j))
    return out


def _title(boxes: Sequence[Box], k: int) -> bool:
    return boxes[k].region.width is None


def segment_cuts(boxes: Sequence[Box], links: Sequence[tuple[int, int]]) -> list[int]:
    """Stream positions p where a segment starts (a cut between box p-1 and box p)."""
    n = len(boxes)
    cuts = {0}
    for i, j in links:
        cuts.add(j)
        cuts.add(i + 1)
    k = 0
    while k < n:  # title clusters: two or more title boxes in a row
        if _title(boxes, k):
            e = k
            while e + 1 < n and _title(boxes, e + 1):
                e += 1
            if e > k:
                cuts.add(k)
                cuts.add(e + 1)
            k = e + 1
        else:
            k += 1
    return sorted(c for c in cuts if c < n)


def segment_sequence(boxes: Sequence[Box]) -> list[int]:
    """The stream positions in segment order (``stream-segments``, ``segment-chains``,
    ``segment-cycle``): a permutation of ``range(len(boxes))``."""
    return _segments(boxes)[0]


def moved_segment_starts(boxes: Sequence[Box]) -> dict[int, str]:
    """The first box of every stretch of stream the segment order moved after a jump's
    tail, with the reason to record on its first paragraph."""
    return _moved(_segments(boxes)[1])


def _moved(starts: Sequence[int]) -> dict[int, str]:
    return {k: "segment-chains: this stretch of the stream follows the box whose paragraph ran on into it"
            for k in starts}


def emission_plan(boxes: Sequence[Box]) -> tuple[list[int], dict[int, str]]:
    """``emission_order`` and ``moved_segment_starts`` of the boxes, from one computation
    of the segments (``reflow`` needs both)."""
    sequence, moved = _segments(boxes)
    return _emission_order(boxes, sequence), _moved(moved)


def _segments(boxes: Sequence[Box]) -> tuple[list[int], list[int]]:
    """Segment order and the first boxes of the segments that follow a jump."""
    n = len(boxes)
    links = jumps(boxes)
    extra: set[int] = set()
    while True:
        cuts = sorted(set(segment_cuts(boxes, links)) | extra)
        bounds = list(zip(cuts, cuts[1:] + [n]))
        seg_of = [0] * n
        for s, (a, b) in enumerate(bounds):
            for k in range(a, b):
                seg_of[k] = s
        succ: dict[int, int] = {}
        pred: dict[int, int] = {}
        for i, j in links:
            succ[seg_of[i]] = seg_of[j]
            pred[seg_of[j]] = seg_of[i]
        bad = _cycle_link(succ)
        if bad is None:
            break
        cut = None
        if succ.get(bad) == bad:
            cut = _after_note(boxes, *bounds[bad])
            if cut is None:
                cut = _lead_cut(boxes, *bounds[bad])
        if cut is not None:
            # ``cycle-after-note``: an author note closes its article, so in a stretch
            # that runs on into its own start the article begins after the note
            extra.add(cut)
            continue
        # ``segment-cycle``: drop the jump out of the cycle's last segment and cut again
        links = [(i, j) for i, j in links if seg_of[i] != bad]
    chains: list[tuple[int, list[int]]] = []
    for s in range(len(bounds)):
        if s in pred:
            continue
        members = [s]
        while members[-1] in succ:
            members.append(succ[members[-1]])
        chains.append((min(bounds[m][0] for m in members), members))
    order: list[int] = []
    for _, members in sorted(chains):
        for m in members:
            order.extend(range(*bounds[m]))
    return order, sorted(bounds[s][0] for s in pred)


def _after_note(boxes: Sequence[Box], a: int, b: int) -> Optional[int]:
    """The stream position right after the last author note inside the stretch
    ``[a, b)`` (after the boxes its text runs on into), if the stretch goes on after it."""
    for k in range(b - 2, a - 1, -1):
        if boxes[k].author_note:
            end = k
            while boxes[end].next is not None and boxes[end].next == end + 1:
                end += 1
            return end + 1 if a < end + 1 < b else None
    return None


#: Paragraphs in the late-emitted first column of a stretch that runs on into its own
#: start (``cycle-lead-column``).
LEAD_COLUMN_PARAGRAPHS = 2


def _lead_cut(boxes: Sequence[Box], a: int, b: int) -> Optional[int]:
    """``cycle-lead-column``: where the article's first column starts in a stretch
    ``[a, b)`` whose last box runs on into its first. pdfminer emits that column late
    because it starts lower than the others (under a picture or a wide title), so it is
    short: the stretch's last ``LEAD_COLUMN_PARAGRAPHS`` paragraphs (on the People's
    Daily pages measured, 4 of 5 such first columns held two paragraphs, one held three;
    the alternative, keeping the stream order, assumes one). Paragraphs are counted over
    the boxes from the end; boxes joined by links are one paragraph where they join."""
    paras = 0
    k = b - 1
    while k > a:
        start = k
        while start > a and boxes[start].prev == start - 1:
            start -= 1
        paras += sum(len(boxes[m].paras) for m in range(start, k + 1)) - (k - start)
        if paras >= LEAD_COLUMN_PARAGRAPHS:
            return start if start > a else None
        k = start - 1
    return None


def _cycle_link(succ: dict[int, int]) -> Optional[int]:
    """A segment on a cycle of ``succ`` (the one with the highest index), if any."""
    for start in succ:
        seen = []
        k: Optional[int] = start
        while k is not None and k not in seen:
            seen.append(k)
            k = succ.get(k)
        if k is not None:
            cycle = seen[seen.index(k):]
            return max(cycle)
    return None


def emission_order(boxes: Sequence[Box]) -> list[int]:
    """The order in which to emit the boxes: segments in chain order, and inside that
    order each box chain at the position of its earliest box."""
    return _emission_order(boxes, segment_sequence(boxes))


def _emission_order(boxes: Sequence[Box], virtual: Sequence[int]) -> list[int]:
    """``emission_order`` given the segment order (``segment_sequence``)."""
    rank = dict(zip(virtual, range(len(virtual))))
    done = [False] * len(boxes)
    starts: dict[int, list[int]] = {}
    for i in virtual:
        if boxes[i].prev is None and not done[i]:
            members = []
            k: Optional[int] = i
            while k is not None and not done[k]:
                members.append(k)
                done[k] = True
                k = boxes[k].next
            starts[min(map(rank.__getitem__, members))] = members
    for i in virtual:  # boxes left over (only in a cycle, which linking forbids)
        if not done[i]:
            starts[rank[i]] = [i]
    order: list[int] = []
    for key in sorted(starts):
        order.extend(starts[key])
    return order
