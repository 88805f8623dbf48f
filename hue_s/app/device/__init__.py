"""Adapters over what a device can do, each with a web, desktop and phone path."""
