"""The leaders' figures: the cases panel, the live map's cases, the daily roll-ups."""
