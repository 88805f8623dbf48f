"""Tourism: Huế's sights, museums, markets and events for visitors, in six languages."""
