"""Check-ins after an alert: stored, counted, forgotten; their schemas."""
