"""Tests of the alerts HTTP routes."""
