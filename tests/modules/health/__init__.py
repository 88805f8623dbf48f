"""Tests of the health module."""
