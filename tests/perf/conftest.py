"""Benchmarks here are scripts that print figures (`python3 tests/perf/startup.py`), not tests."""

collect_ignore = ["startup.py"]
