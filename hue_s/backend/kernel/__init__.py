"""The backend kernel: what every module may use (errors, database, clock, language, places,
streams, working days); it imports no module."""
