"""Tests of the news module."""
