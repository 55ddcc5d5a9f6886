"""``cohesive-late-box`` (``layoutkit/late_cohesion.py``): a text export's last box, listed
after the whole page, goes before the one box it shares its rare words with."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import layoutkit
from layoutkit.late_cohesion import MIN_SHARED, REASON, cohesive_partner, place_cohesive_late_box
from layoutkit.model import Line
from layoutkit.readers.text import read_lines

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
KB_P3 = SHARED / "cases" / "kb-1876-12-01-p3.txt"

FILLERS = [
    "The harbour board met on Tuesday and discussed\nthe dredging of the northern channel at length.",
    "Wheat prices rose sharply at the corn exchange,\nwhile barley and oats remained without change.",
    "The parliament debated the railway bill again;\nseveral members spoke against the proposal.",
    "A fire broke out last night in a warehouse near\nthe docks, but the brigade quickly mastered it.",
    "Shipping news: arrived yesterday the steamer\nNeptune from Liverpool with a cargo of coal.",
    "The weather remained cold and foggy throughout\nthe week, with frost expected in the provinces.",
]
PARTNER = ("Frascati Playhouse. Saturday evening the operette Madelief,\n"
           "comedy in three acts by Verhoeven, orchestra conducted by Kistemaker.\n"
           "Curtain seven o'clock. Stalls, parterre and gallery tickets at the office.")
LATE = ("Salon Variety Theatre. Saturday the operette Bruidsschat,\n"
        "comedy by Verhoeven, orchestra under Kistemaker; curtain seven o'clock.\n"
        "Stalls, parterre, gallery: tickets at the office.")


def _page(boxes: list[str]) -> str:
    return "\n\n".join(boxes) + "\n"


def _stays(text: str) -> bool:
    """The last box was left where the text has it (read last, no move recorded)."""
    blocks = list(layoutkit.parse_text(text).iter_blocks())
    return blocks[-1].text.endswith("at the office.") and \
        not any(r.startswith(REASON) for b in blocks for r in b.reasons)


def test_last_box_goes_before_its_cohesive_partner() -> None:
    text = _page(FILLERS[:2] + [PARTNER] + FILLERS[2:] + [LATE])
    page = layoutkit.parse_text(text)
    blocks = list(page.iter_blocks())
    read = [b.text for b in blocks]
    late = next(i for i, t in enumerate(read) if t.startswith("Salon Variety"))
    partner = next(i for i, t in enumerate(read) if t.startswith("Frascati"))
    # the moved box's blocks (it may hold several paragraphs), then its partner
    assert late < partner and all(b.lines[0] > blocks[partner].lines[0] for b in blocks[late:partner])
    block = blocks[late]
    assert any(r.startswith(REASON) for r in block.reasons)
    # the moved box opens an article, and its partner follows it there
    art = next(a for a in page.articles if block in a.blocks)
    assert art.blocks[0] is block and any(b.text.startswith("Frascati") for b in art.blocks)
    # its lines keep their numbers in the file
    first = text.split("\n").index(LATE.split("\n")[0]) + 1
    assert block.lines[0] == first
    # nothing lost, nothing added
    assert Counter("".join(read).replace(" ", "")) == Counter(text.replace("\n", "").replace(" ", ""))


def test_no_move_when_the_box_before_is_the_partner() -> None:
    text = _page(FILLERS + [PARTNER, LATE])
    assert _stays(text)


def test_no_move_when_the_partner_is_near() -> None:
    text = _page(FILLERS[:4] + [PARTNER] + FILLERS[4:] + [LATE])
    assert _stays(text)


def test_no_move_for_a_one_line_last_box() -> None:
    text = _page(FILLERS[:2] + [PARTNER] + FILLERS[2:] + [LATE.replace("\n", " ")])
    assert _stays(text)


def test_no_move_when_the_box_before_coheres_with_the_partner_too() -> None:
    # the page ends in a run on the partner's subject, not in one stray box
    run = ("Royal Playhouse. Saturday the operette Madelief again, comedy by\n"
           "Verhoeven, orchestra Kistemaker; curtain seven; stalls and parterre.")
    text = _page(FILLERS[:2] + [PARTNER] + FILLERS[2:] + [run, LATE])
    assert _stays(text)


def test_no_move_without_enough_shared_rare_words() -> None:
    weak = "Salon Variety Theatre. Saturday the operette Bruidsschat,\nby Verhoeven; tickets at the office."
    text = _page(FILLERS[:2] + [PARTNER] + FILLERS[2:] + [weak])
    assert _stays(text)


def test_no_move_when_two_boxes_share_as_much() -> None:
    # ``RATIO``: a second box with as many shared rare words leaves the choice open
    text = _page(FILLERS[:1] + [PARTNER, PARTNER.replace("Frascati", "Carre")] + FILLERS[1:] + [LATE])
    assert _stays(text)


def test_flat_text_is_left_alone() -> None:
    # no blank lines: no boxes to move (the flat restorer's boxes are guesses)
    text = "\n".join(FILLERS[:2] + [PARTNER] + FILLERS[2:] + [LATE]) + "\n"
    lines = read_lines(text)
    assert layoutkit.parse_text(text) is not None
    out, moved = place_cohesive_late_box([ln for ln in lines])
    assert not moved and out == list(lines)


def test_cohesive_partner_counts() -> None:
    words = [frozenset({f"w{i}a", f"w{i}b"}) for i in range(6)]
    shared = frozenset(f"name{k}" for k in range(MIN_SHARED))
    boxes = words[:1] + [shared | {"x"}] + words[1:] + [shared | {"late"}]
    assert cohesive_partner(boxes, [2] * len(boxes)) == 1
    fewer = frozenset(list(shared)[:-1])
    assert cohesive_partner(boxes[:-1] + [fewer | {"late"}], [2] * len(boxes)) == -1
    assert cohesive_partner(boxes, [2] * (len(boxes) - 1) + [1]) == -1


def _line_texts() -> st.SearchStrategy[list[str]]:
    word = st.sampled_from(["alpha", "betas", "gamma", "delta", "omega", "theta", "kappa", "sigma", "", "x"])
    line = st.lists(word, min_size=0, max_size=5).map(" ".join)
    return st.lists(line, min_size=0, max_size=40)


@settings(max_examples=150, deadline=None)
@given(_line_texts())
def test_moving_is_a_permutation_of_the_lines(texts: list[str]) -> None:
    lines = [Line(text=t, number=i + 1) for i, t in enumerate(texts)]
    out, moved = place_cohesive_late_box(lines)
    assert sorted(ln.number for ln in out) == [ln.number for ln in lines]
    assert all(any(ln.number == m for ln in out) for m in moved)


@pytest.mark.skipif(not KB_P3.exists(), reason="shared dev cases not present")
def test_kb_theatre_listing_read_before_its_other_half() -> None:
    # kb 1876 p3: the theatre listing at the foot of column 3, listed after columns 4-5,
    # goes before the listing at the head of column 4 (text_sim 0.937 -> 0.9997)
    page = layoutkit.parse_file(KB_P3)
    read = [b for b in page.iter_blocks()]
    late = next(i for i, b in enumerate(read) if b.text.startswith("«TABSSJ"))
    assert read[late + 1].text.startswith("SCHOUW BURG")
    assert any(r.startswith(REASON) for r in read[late].reasons)
