"""Alerts reaching the device: the stream (SSE), its switch, delivery and notices."""
