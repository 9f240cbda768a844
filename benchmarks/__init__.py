"""Benchmarks and the seeded org-map generator (``benchmarks.generate``)."""
