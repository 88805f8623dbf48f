"""Tests of the alerts' storage and cached list."""
