"""Evaluation: score reconstructed pages against ground truth.

``score_file(output, gold)`` and ``score_dir(outdir, golddir)`` give the same metrics as the
project's reference scorer (``shared/tools/score.py``), computed by this package's own code,
plus diagnostics: a per-type confusion table and the worst gold blocks. Ground truth comes as
gold YAML (``cases/*.gold.yaml``), or is imported from PAGE XML or METS/ALTO
(``importers``). ``layoutkit eval`` is the command-line face of this package.

Modules: ``normalize`` (what is compared), ``pages`` (the page model and loaders),
``alignment`` (characters matched between pages), ``levenshtein``, ``metrics`` (one page),
``corpus`` (folders and means), ``importers`` (PAGE, METS/ALTO), ``report`` (text and JSON).
"""
from __future__ import annotations

from .metrics import BLOCK_IOU, BlockDiagnosis, PageScore, TypeScore, adjusted_rand_index, score_pages
from .pages import METRICS, EvalBlock, EvalPage, load_page, page_from_mapping, page_from_model

__all__ = ["METRICS", "BLOCK_IOU", "EvalBlock", "EvalPage", "PageScore", "TypeScore", "BlockDiagnosis",
           "score_pages", "adjusted_rand_index", "load_page", "page_from_mapping", "page_from_model"]
