"""CAP 1.2 (and 1.1): safe parsing, the normalised record, and CAP/Atom output."""
