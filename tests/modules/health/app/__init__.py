"""Tests of the health module (app part)."""
