"""Tests of the alerts domain."""
