"""The HTTP routes of incidents: Open311, cases, the citizen's, following, hotline, tracking."""
