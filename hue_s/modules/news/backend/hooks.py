"""News as a plugin (being built)."""
