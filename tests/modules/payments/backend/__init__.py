"""Tests of the payments module."""
