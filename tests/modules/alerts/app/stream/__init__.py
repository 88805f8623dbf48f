"""Tests of alerts reaching the device."""
