"""The health module's backend part."""
