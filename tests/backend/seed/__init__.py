"""Tests of hue_s/backend/seed."""
