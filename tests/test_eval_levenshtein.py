"""The bit-parallel edit distance against the textbook table."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from layoutkit.evaluation.levenshtein import distance, distance_python


def table_distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def test_known_values():
    assert distance_python("kitten", "sitting") == 3
    assert distance_python("", "abc") == 3
    assert distance_python("abc", "") == 3
    assert distance_python("理论理论", "理论") == 2
    assert distance_python("same", "same") == 0


def test_long_strings_beyond_one_machine_word():
    a = "abcdefghij" * 30
    b = a[:100] + "X" + a[101:250] + a[260:]
    assert distance_python(a, b) == table_distance(a, b)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcé理 ", max_size=80), st.text(alphabet="abcé理 ", max_size=80))
def test_matches_table(a, b):
    expected = table_distance(a, b)
    assert distance_python(a, b) == expected
    assert distance(a, b) == expected  # rapidfuzz when installed
