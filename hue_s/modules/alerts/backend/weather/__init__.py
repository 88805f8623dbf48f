"""Weather forecast, river discharge and river gauges for Huế."""
