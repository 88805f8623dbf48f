"""Tests of hue_s/kit, the pieces modules share."""
