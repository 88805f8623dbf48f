"""The payments module's backend part: its hooks, tables, routes and the service others call."""
