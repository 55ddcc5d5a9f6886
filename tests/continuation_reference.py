"""Plain reference code for the continuation search's speed-ups: one candidate link's
score computed from the two boxes alone, as ``continuation.candidate_links`` scores every
candidate with what it takes once per box (``tests/test_speed_continuation.py``,
``tests/test_speed_reflow_columns.py``)."""
from __future__ import annotations

from layoutkit.continuation import Box, Vocabulary, closes, head_term, next_body, pair_score
from layoutkit.profile import Profile


def link_score(i: int, j: int, boxes: list[Box], vocab: Vocabulary, profile: Profile) -> float:
    """How likely box j continues box i's last paragraph (higher is likelier): the terms
    of ``pair_score``."""
    a, b = boxes[i], boxes[j]
    tail, head = a.paras[-1], b.paras[0]
    closer = a.closer
    opener = bool(profile.match("continuation_start", head.text.lstrip()))
    return pair_score(vocab.junction(tail.text, head.text),
                      a.region.family is not None and a.region.family == b.region.family,
                      None if closer is None else closes(head.text, closer),
                      head_term(head, opener), i, j, next_body(boxes, i, j))
