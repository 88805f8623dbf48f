"""The education module's backend part."""
