"""Tests of the reference backend (hue_s/backend)."""
