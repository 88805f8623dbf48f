"""Hue-S: the citizen super-app for Huế city and its reference operations-center backend."""

__version__ = "0.1.0"
