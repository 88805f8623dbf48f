"""GeoReport v2 (Open311): service definitions, formats, parameters, queries, records."""
