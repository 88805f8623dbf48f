"""Pieces modules share (OpenStreetMap places, maps); the kit imports no module."""
