"""Tests of the tourism module."""
