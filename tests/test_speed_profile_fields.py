"""The profile's derived attributes (alternations, memo) are declared fields that take no
argument (so the compiled build can hold them): they must not change what a profile
equals, hashes to, prints as or answers, and a copied, pickled or replaced profile must
be rebuilt with its own."""
from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Optional

import regex
from hypothesis import given
from hypothesis import strategies as st

from layoutkit.profile import PATTERN_KEYS, Profile, builtin_profile

_TEXTS = st.text(alphabet="本报记者杨鹤通讯员摄制图：By Photo Continued on Page 4（作者为）——。,.", max_size=24)


def _plain_match(prof: Profile, key: str, text: str) -> Optional[str]:
    for pat in getattr(prof, key):
        m = pat.search(text)
        if m:
            return m.group(0)
    return None


def test_derived_fields_take_no_part_in_identity() -> None:
    prof = builtin_profile("zh")
    prof.match("byline", "本报记者 杨鹤")  # fill the memo
    twin = dataclasses.replace(prof)
    assert twin == prof and hash(twin) == hash(prof)
    assert "_memo" not in repr(prof) and "_any" not in repr(prof)
    assert twin._memo == {} and twin._memo is not prof._memo
    assert [f.name for f in dataclasses.fields(prof) if not f.init] == ["_any", "_memo", "_unions", "_asked", "_hits"]


@given(st.sampled_from(("zh", "en", "de", "fr", "default")), st.sampled_from(sorted(PATTERN_KEYS)),
       st.lists(_TEXTS, min_size=1, max_size=5))
def test_match_equals_plain_search_after_copy(name: str, key: str, texts: list[str]) -> None:
    prof = builtin_profile(name)
    copies = (copy.copy(prof), copy.deepcopy(prof))
    # (a pickled profile holds unpickled patterns, which compare by identity in
    # ``regex``, as before this change: only copies are compared whole)
    assert all(other == prof and other._memo == {} for other in copies)
    for other in (prof, *copies, pickle.loads(pickle.dumps(prof))):
        for text in texts + texts:  # twice: the second answer comes from the memo
            m = other.match(key, text)
            assert (m.group(0) if m else None) == _plain_match(prof, key, text)
            assert m is None or isinstance(m, regex.Match)
