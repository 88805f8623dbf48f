"""Packaged reference data of the alerts domain (see SOURCES.md)."""
