"""Browser journeys of the alerts module."""
