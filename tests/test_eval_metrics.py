"""Metric definitions on small hand-made pages."""
from __future__ import annotations

import pytest

from layoutkit.evaluation import EvalBlock, EvalPage, adjusted_rand_index, page_from_mapping, score_pages
from layoutkit.evaluation.normalize import canonical_type, squeeze, tidy
from layoutkit.evaluation.report import page_json, page_text, worst_blocks

BODY1 = "The council met on Tuesday evening to discuss the new bridge."
BODY2 = "Opponents said the cost was far too high for a town this size."
HEAD = "Bridge plan approved"
OTHER = "Weather: rain later in the day, clearing by the weekend."


def page(*articles, loose=(), metrics=None):
    return page_from_mapping({
        "articles": [{"blocks": [{"type": t, "text": x} for t, x in art]} for art in articles],
        "blocks": [{"type": t, "text": x} for t, x in loose],
        **({"metrics": metrics} if metrics else {}),
    })


GOLD = page([("headline", HEAD), ("body", BODY1), ("body", BODY2)], [("headline", "Rain"), ("body", OTHER)],
            loose=[("header", "THE DAILY TIMES")])


def test_perfect_output_scores_one_everywhere():
    s = score_pages(GOLD, GOLD)
    assert all(v == 1.0 for v in s.metrics.values())
    assert all(b.found for b in s.blocks)


def test_whitespace_and_nfkc_do_not_matter():
    pred = page([("headline", "Bridge  plan\napproved"), ("body", BODY1.replace(" ", "\n")), ("body", BODY2)],
                [("headline", "Ｒａｉｎ"), ("body", OTHER)], loose=[("header", "THE DAILY TIMES")])
    assert score_pages(pred, GOLD)["text_recall"] == 1.0


def test_lost_text_lowers_recall_by_its_share():
    pred = page([("headline", HEAD), ("body", BODY1)], [("headline", "Rain"), ("body", OTHER)],
                loose=[("header", "THE DAILY TIMES")])
    s = score_pages(pred, GOLD)
    total = sum(len(squeeze(b.text)) for b in GOLD.blocks)
    assert s["text_recall"] == round(1 - len(squeeze(BODY2)) / total, 4)
    lost = [b for b in s.blocks if b.recall == 0]
    assert [b.text for b in lost] == [BODY2]
    assert s.confusion[("body", None)] == len(squeeze(BODY2))


def test_wrong_type_counts_in_type_acc_block_f1_and_confusion():
    pred = page([("body", HEAD), ("body", BODY1), ("body", BODY2)], [("headline", "Rain"), ("body", OTHER)],
                loose=[("header", "THE DAILY TIMES")])
    s = score_pages(pred, GOLD)
    assert s["text_recall"] == 1.0
    assert s["type_acc"] < 1.0
    per = {t.type: t for t in s.per_type}
    assert per["headline"].found_gold == 1 and per["headline"].gold == 2
    assert per["body"].pred == 4 and per["body"].found_pred == 3
    assert s.confusion[("headline", "body")] == len(squeeze(HEAD))
    assert worst_blocks(s, 5)[0].text == HEAD


def test_merged_blocks_lose_a_break_and_two_block_matches():
    pred = page([("headline", HEAD), ("body", BODY1 + " " + BODY2)], [("headline", "Rain"), ("body", OTHER)],
                loose=[("header", "THE DAILY TIMES")])
    s = score_pages(pred, GOLD)
    assert s["text_recall"] == 1.0 and s["type_acc"] == 1.0
    assert s["break_f1"] == round(2 * 1.0 * (5 / 6) / (1 + 5 / 6), 4)
    assert {t.type: t.found_gold for t in s.per_type}["body"] == 1  # OTHER only


def test_articles_merged_lower_ari_but_not_text():
    pred = page([("headline", HEAD), ("body", BODY1), ("body", BODY2), ("headline", "Rain"), ("body", OTHER)],
                loose=[("header", "THE DAILY TIMES")])
    s = score_pages(pred, GOLD)
    assert s["article_ari"] < 1.0
    assert s["order_acc"] == 1.0
    assert s["text_sim"] == 1.0  # each gold article's text is still what its output blocks say


def test_reversed_order_inside_an_article():
    pred = page([("body", BODY2), ("body", BODY1), ("headline", HEAD)], [("headline", "Rain"), ("body", OTHER)],
                loose=[("header", "THE DAILY TIMES")])
    s = score_pages(pred, GOLD)
    assert s["order_acc"] == round(1 / 3, 4)  # of 3 consecutive pairs only Rain -> OTHER is in order
    assert s["text_sim"] < 1.0


def test_gold_metrics_key_limits_what_is_reported():
    gold = page([("body", BODY1)], metrics=["text_recall", "order_acc", "text_sim"])
    s = score_pages(page([("headline", BODY1)]), gold)
    assert s["type_acc"] is None and s["block_f1"] is None and s["article_ari"] is None
    assert s["text_recall"] == 1.0


def test_gold_without_articles_orders_its_page_blocks():
    gold = page(loose=[("body", BODY1), ("body", BODY2)])
    pred = page(loose=[("body", BODY2), ("body", BODY1)])
    assert score_pages(pred, gold)["order_acc"] == 0.0
    assert score_pages(gold, gold)["order_acc"] == 1.0


def test_empty_pages():
    empty = EvalPage(())
    s = score_pages(empty, empty)
    assert s["text_recall"] == 1.0 and s["block_f1"] == 1.0 and s["text_sim"] == 1.0
    s = score_pages(empty, GOLD)
    assert s["text_recall"] == 0.0 and s["text_sim"] == 0.0


def test_repeated_text_is_matched_once():
    gold = page(loose=[("body", BODY1), ("body", BODY1)])
    pred = page(loose=[("body", BODY1)])
    assert score_pages(pred, gold)["text_recall"] == 0.5


def test_ari_reference_values():
    assert adjusted_rand_index([(0, 0), (0, 0), (1, 1), (1, 1)]) == 1.0
    assert adjusted_rand_index([(0, 5), (0, 5), (1, 9), (1, 9)]) == 1.0  # labels do not matter
    assert adjusted_rand_index([(0, 0)]) == 1.0
    # two groups of two predicted as one group: no better than chance
    assert adjusted_rand_index([(0, 0), (0, 0), (1, 0), (1, 0)]) == 0.0
    assert adjusted_rand_index([(0, 0), (0, 1), (1, 0), (1, 1)]) < 0


@pytest.mark.parametrize("name,expected", [("paragraph", "body"), ("Page-Header", "header"), ("kicker", "subheadline"),
                                           (None, "other"), ("", "other"), ("byline", "byline")])
def test_type_aliases(name, expected):
    assert canonical_type(name) == expected


def test_tidy_drops_spaces_only_next_to_cjk():
    assert tidy("支 配 收 入 25108 元 ，同 比") == "支配收入25108元,同比"  # NFKC folds the full-width comma
    assert tidy("Zei-  tung\n ist  da") == "Zei- tung ist da"


def test_reports_name_the_problem_blocks():
    pred = page([("body", HEAD), ("body", BODY1), ("body", BODY2)], [("headline", "Rain"), ("body", OTHER)],
                loose=[("header", "THE DAILY TIMES")])
    s = score_pages(pred, GOLD)
    text = page_text(s)
    assert "headline" in text and "Bridge plan approved" in text and "gold \\ output" in text
    data = page_json(s)
    assert data["confusion"]["headline"]["body"] == len(squeeze(HEAD))
    assert data["worst_blocks"][0]["type"] == "headline" and data["worst_blocks"][0]["best_type"] == "body"
    assert set(data) >= {"text_recall", "per_type", "articles"}


def test_blocks_keep_their_article():
    assert [b.article for b in GOLD.blocks] == [0, 0, 0, 1, 1, None]
    assert GOLD.blocks[-1] == EvalBlock("header", "THE DAILY TIMES", None)
