"""CAP feeds read from outside: where they are, fetching them, taking their alerts in."""
