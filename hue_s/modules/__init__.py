"""Built-in vertical modules: each folder brings its app and backend parts, migrations, words."""
