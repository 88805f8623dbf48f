"""Tests of CAP parsing and writing."""
