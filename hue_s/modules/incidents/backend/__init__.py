"""Incident reporting: Open311 GeoReport v2, officer case handling, citizen follow-up, hotline."""
