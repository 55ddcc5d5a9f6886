"""Fast paths of the text stages for large scanned pages (scantext8) against plain
reference code: each fast path must give exactly the reference's answer."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.dehyphenate import _WORD, HYPHENS, Lexicon, fold

#: Text built from the characters the lexicon cares about: letters (with ſ and a capital),
#: every hyphen mark, spaces, digits, punctuation.
_CHARS = st.sampled_from(list("abcſAB ") + list(HYPHENS) + list("1.,'é"))
_LINES = st.lists(st.text(_CHARS, max_size=30), max_size=12)


def reference_lexicon(lines: Iterable[str], extra_words: Iterable[str] = ()) -> Lexicon:
    """The plain per-word loop ``Lexicon.build`` replaced."""
    words: Counter = Counter()
    interior: Counter = Counter()
    pairs: Counter = Counter()
    compounds: Counter = Counter()
    prev_hyphen = False
    for text in lines:
        text = text.strip()
        if not text:
            prev_hyphen = False
            continue
        toks = _WORD.findall(text)
        ends_hyphen = text[-1] in HYPHENS
        n = len(toks)
        for i, tok in enumerate(toks):
            if (i == n - 1 and ends_hyphen) or (i == 0 and prev_hyphen):
                continue
            key = fold(tok)
            if "-" in key:
                parts = key.split("-")
                for k, part in enumerate(parts):
                    words[part] += 1
                    if k:
                        compounds[parts[k - 1] + "-" + part] += 1
            else:
                words[key] += 1
            if 0 < i < n - 1:
                interior[key] += 1
            if i + 1 < n and not (i + 1 == n - 1 and ends_hyphen):
                pairs[key + " " + fold(toks[i + 1])] += 1
        prev_hyphen = ends_hyphen
    return Lexicon(words, interior, pairs, compounds, frozenset(fold(w) for w in extra_words))


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_lexicon_build_matches_reference(lines: list[str]) -> None:
    fast, ref = Lexicon.build(lines), reference_lexicon(lines)
    # (counts compared without zero entries: a Counter lookup adds none, equality ignores order)
    assert fast.words == ref.words and fast.interior == ref.interior
    assert fast.pairs == ref.pairs and fast.compounds == ref.compounds
