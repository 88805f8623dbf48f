"""Incidents: citizens' reports of what is broken in the city (Open311 in and out), their
tracking and following, the ward officers' case inbox and hotline log, and the leaders' figures."""
