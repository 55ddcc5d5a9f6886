"""Language detection, only as far as choosing a profile needs it.

CJK text is ``zh`` when Han characters dominate (kana would make it ``ja``, hangul
``ko``; both fall back to the neutral profile). Latin text is scored against each built-in
profile's stopword list; the best language wins when it clearly beats the others.
"""
from __future__ import annotations

from collections import Counter

import regex

from .measure import forget_with_shapes, page_char_class
from .profile import BUILTIN, builtin_words
from .scriptcount import ScriptCounter

_WORD = regex.compile(r"\p{L}+")
_HAN = regex.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_KANA = regex.compile(r"[\u3040-\u30ff]")
_HANGUL = regex.compile(r"[\uac00-\ud7af]")
_LETTER = regex.compile(r"\p{L}")
#: All four counts in one pass over the sample (``scriptcount``). Its codes carry each
#: character's width class too (``measure.page_char_class``): the column stage reads a
#: page's width classes from the codes made here (``PAGE_CODES``), coding only what
#: follows the sample, instead of classifying the page's characters a second time.
_SCRIPTS = ScriptCounter((_HAN, _KANA, _HANGUL, _LETTER), secondary=page_char_class)
PAGE_CODES = _SCRIPTS
forget_with_shapes(_SCRIPTS.forget)  # (benchmarks clear it with the shapes: no page is flattered)


def detect_language(text: str) -> str:
    sample = text[:4000]  # a few thousand characters decide a script and a language
    han, kana, hangul, letters = _SCRIPTS.counts(sample)
    latin = letters - han - kana - hangul
    if han + kana + hangul > latin * 0.5 and han + kana + hangul > 0:
        if kana > 0.1 * (han + kana):
            return "ja"
        if hangul > han:
            return "ko"
        return "zh"
    words = Counter(w.lower() for w in _WORD.findall(sample))  # each word looked up once
    if not words:
        return "und"
    best, best_score, second = "und", 0, 0
    for name in BUILTIN:
        languages, stopwords = builtin_words(name)  # (not the whole profile: see there)
        if not stopwords or not languages:
            continue
        score = sum(n for w, n in words.items() if w in stopwords)
        if score > best_score:
            best, best_score, second = languages[0], score, best_score
        elif score > second:
            second = score
    if best_score >= 3 and best_score > second * 1.2:
        return best
    return "und"


def profile_for(language: str) -> str:
    return language if language in BUILTIN else "default"
