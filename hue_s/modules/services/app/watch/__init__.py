"""Watching one's dossiers move, and telling of it."""
