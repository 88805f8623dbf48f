"""The module's backend part: tables, routes, who may do what."""
