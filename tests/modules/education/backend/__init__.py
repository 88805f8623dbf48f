"""Tests of the education module (backend part)."""
