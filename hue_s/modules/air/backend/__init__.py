"""The air-quality module's backend part."""
