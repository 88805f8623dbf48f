"""The account screens."""
