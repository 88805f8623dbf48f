"""Tests of the education module (app part)."""
