"""Language detection, only as far as choosing a profile needs it.

CJK text is ``zh`` when Han characters dominate (kana would make it ``ja``, hangul
``ko``; both fall back to the neutral profile). Latin text is scored against each built-in
profile's stopword list; the best language wins when it clearly beats the others.
"""
from __future__ import annotations

import regex

from .profile import BUILTIN, builtin_profile

_WORD = regex.compile(r"\p{L}+")


def detect_language(text: str) -> str:
    sample = text[:20000]
    han = kana = hangul = latin = 0
    for ch in sample:
        o = ord(ch)
        if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            han += 1
        elif 0x3040 <= o <= 0x30FF:
            kana += 1
        elif 0xAC00 <= o <= 0xD7AF:
            hangul += 1
        elif ch.isalpha():
            latin += 1
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
