"""Uploaded photos made safe: checks, EXIF place and time, re-encoding."""
