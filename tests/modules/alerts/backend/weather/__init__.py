"""Tests of weather, rivers and gauges."""
