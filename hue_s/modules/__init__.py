"""Built-in vertical modules: each folder brings its app part, backend part, migrations and words."""
