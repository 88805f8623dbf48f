"""Tests of the health module (e2e part)."""
