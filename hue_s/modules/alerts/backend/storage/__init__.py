"""The alerts in the database: reading, writing, issuing, drafts, the cached list."""
