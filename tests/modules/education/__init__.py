"""Tests of the education module."""
