"""The news module's backend part."""
