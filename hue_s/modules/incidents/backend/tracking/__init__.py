"""Tracking codes on the app side: the slip, its link, the public page and its API."""
