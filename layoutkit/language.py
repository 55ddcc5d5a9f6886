"""Language detection, only as far as choosing a profile needs it.

CJK text is ``zh`` when Han characters dominate (kana would make it ``ja``, hangul
``ko``; both fall back to the neutral profile). Latin text is scored against each built-in
profile's stopword list; the best language wins when it clearly beats the others.
"""
from __future__ import annotations

import regex

from .profile import BUILTIN, builtin_profile

_WORD = regex.compile(r"\p{L}+")
_HAN = regex.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_KANA = regex.compile(r"[\u3040-\u30ff]")
_HANGUL = regex.compile(r"[\uac00-\ud7af]")
_LETTER = regex.compile(r"\p{L}")


def detect_language(text: str) -> str:
    sample = text[:4000]  # a few thousand characters decide a script and a language
    han = len(_HAN.findall(sample))
    kana = len(_KANA.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    latin = len(_LETTER.findall(sample)) - han - kana - hangul
    if han + kana + hangul > latin * 0.5 and han + kana + hangul > 0:
        if kana > 0.1 * (han + kana):
            return "ja"
        if hangul > han:
            return "ko"
        return "zh"
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return "und"
    best, best_score, second = "und", 0, 0
    for name in BUILTIN:
        prof = builtin_profile(name)
        if not prof.stopwords or not prof.languages:
            continue
        score = sum(1 for w in words if w in prof.stopwords)
        if score > best_score:
            best, best_score, second = prof.languages[0], score, best_score
        elif score > second:
            second = score
    if best_score >= 3 and best_score > second * 1.2:
        return best
    return "und"


def profile_for(language: str) -> str:
    return language if language in BUILTIN else "default"
