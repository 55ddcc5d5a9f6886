"""Importers of other projects' ground truth into the evaluator's page model.

``page_xml``: PAGE XML (PRImA) region types and reading order, no articles.
``mets``: METS logical structure (articles, titles, paragraphs, captions) over ALTO text.

Both return an ``EvalPage`` whose ``metrics`` lists what the format can support, so a page
is never scored on something its ground truth does not say.
"""
from __future__ import annotations

from .mets import load_mets
from .page_xml import load_page_xml

#: ``--gold-format`` names and what each reads.
GOLD_FORMATS = ("yaml", "page", "mets")

__all__ = ["GOLD_FORMATS", "load_mets", "load_page_xml"]
