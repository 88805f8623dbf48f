"""Tests of the health module (backend part)."""
