"""Weather and disaster alerts: CAP in and out, operator alerts, SSE, weather and rivers."""
