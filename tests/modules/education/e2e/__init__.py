"""Tests of the education module (e2e part)."""
