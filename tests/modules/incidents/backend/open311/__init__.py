"""Tests of incidents' GeoReport v2 (Open311) routes, formats and defaults."""
