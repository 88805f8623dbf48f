"""Tests of the alerts module."""
