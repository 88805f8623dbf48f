"""Pydantic models of the backend's JSON, one file per domain."""
