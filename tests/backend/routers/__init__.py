"""Tests of hue_s/backend/routers."""
