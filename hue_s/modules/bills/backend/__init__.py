"""The bills module's backend part."""
