"""Tests of the air-quality module."""
