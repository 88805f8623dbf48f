"""The `tourism` branch: its revisions and the data they freeze."""
