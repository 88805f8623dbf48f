"""Huế's heritage sights: a module shipped as its own distribution (app, backend, table, words)."""
