"""Tests of the bills module."""
