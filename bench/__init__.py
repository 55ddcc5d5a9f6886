"""Benchmarks and the quality gate over the shared dev cases (not part of the package)."""
