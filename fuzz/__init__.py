"""Coverage-guided fuzzing of layoutkit's readers (not part of the default test run).

See ``fuzz/README.md`` and ``python -m fuzz.run --help``.
"""
