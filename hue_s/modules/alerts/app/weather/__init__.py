"""The weather, river discharge and gauges screens, and their models."""
